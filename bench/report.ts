/**
 * `npm run bench:report`: how long the comparison report of the five lab archetypes takes to render.
 *
 * 1. The command as a user runs it, cold: `cdnbench report` writing every format (HTML, PNG charts, CSV,
 *    Markdown, JSON) for the committed five-provider quick-compare result, then for all three committed
 *    five-provider results (quick-compare, album-drop, edition-rollout: 7 charts); wall time from spawn to
 *    exit, Node.js start-up included, median of BENCH_COLD_RUNS (default 3) new processes. Target: under 3 s.
 * 2. In process, per stage (read and validate, build the model, each format), over BENCH_ROUNDS rounds
 *    (default 3; the first round also loads chart.js and the canvas binding).
 * Exits 1 when a cold median misses the target.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../src/result/result-schema.js';
import { buildReport } from '../src/report/build-report.js';
import { REPORT_FORMATS, REPORTERS } from '../src/report/reporters.js';
import { PACKAGE_ROOT } from '../src/util/package-root.js';
import { fmt } from './bench-util.js';

const TARGET_MS = 3000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 3);
const files = ['quick-compare', 'album-drop', 'edition-rollout'].map((f) => join(PACKAGE_ROOT, 'test', 'fixtures', 'report', `${f}.json`));
const cli = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

const out = mkdtempSync(join(tmpdir(), 'cdnbench-bench-report-'));
try {
  console.log(`report of 5 providers × 3 scenarios (${files.map((f) => f.split('/').at(-1)).join(', ')}), every format`);
  // Timings on a shared machine depend on what else runs; the load average says how busy it was.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  // Cold runs, each a new process; the median is judged (single runs swing with the shared machine's load).
  const cold = (inputs: readonly string[], tag: string): number => {
    const times: number[] = [];
    let written = 0;
    for (let i = 0; i < coldRuns; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'report', ...inputs, '--out', join(out, `cold-${tag}-${i}`), '--quiet'], { encoding: 'utf8' });
      times.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`cdnbench report exited ${r.status}: ${r.stderr}`);
      written = r.stdout.split('\n').filter((l) => l.startsWith('report: ')).length;
    }
    const median = [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)] ?? Number.NaN;
    console.log(`cdnbench report ${tag} (cold, new process, ${written} files): ${times.map((t) => fmt(t, 0, 0)).join(', ')} ms → median ${fmt(median, 0, 0)} ms   (target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'MISSED'})`);
    return median;
  };
  const medians = [cold(files.slice(0, 1), '5 providers, quick-compare'), cold(files, '5 providers × 3 scenarios')];
  console.log('');
  console.log(`in process, ms per stage (${rounds} rounds):`);
  const stages = ['read+validate', 'model', ...REPORT_FORMATS, 'total'];
  console.log(`  round ${stages.map((s) => s.padStart(13)).join('')}`);
  for (let i = 1; i <= rounds; i++) {
    const row: number[] = [];
    const [results, readMs] = await timed(() => Promise.all(files.map((f) => readResultFile(f))));
    const [model, modelMs] = await timed(() => buildReport(results));
    row.push(readMs, modelMs);
    for (const f of REPORT_FORMATS) row.push((await timed(() => REPORTERS[f].render(model, join(out, String(i)))))[1]);
    row.push(row.reduce((a, b) => a + b, 0));
    console.log(`  ${String(i).padStart(5)} ${row.map((ms) => fmt(ms, 0, 13)).join('')}`);
  }
  if (medians.some((m) => !(m < TARGET_MS))) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
