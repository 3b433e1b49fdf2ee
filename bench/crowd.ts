/**
 * `npm run bench:crowd`: releases crowds of 10,000 then 50,000 listeners within 1 s (the album drop at the
 * seeds' scale, scenarios/album-drop-crowd.yaml) through the CLI, a user's path, against the lab emulator's
 * edge-optimized profile, lab-varnish, and nginx with and without proxy_cache_lock. Prints per case the
 * time from first to last send, late sends (> 50 ms after the intended instant), p50/p95/p99 from the
 * intended instant, origin fetches per object per PoP (exact, cdnbench's origin counts them), the CLI's peak
 * RSS, RSS per warm connection and the bottleneck the run observed. First, RSS per idle crowd connection
 * measured in this process (RSS before/after opening N idle connections, divided by N).
 *
 * Bounded: each case is a run with maxDuration 90 s, killed after 240 s. Options (env): BENCH_CROWD_SIZES
 * (10000,50000), BENCH_CROWD_PROVIDERS (edge-optimized,lab-varnish,lab-nginx,lab-nginx-nolock),
 * BENCH_CROWD_IDLE (10000 idle connections for the memory figure; 0 skips it).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFilesLimit } from '../src/engine/crowd/crowd-limits.js';
import type { CrowdResult } from '../src/result/crowd-result.js';
import type { CoalescingResult } from '../src/result/probe-results.js';
import { readResultFile } from '../src/result/result-schema.js';
import { engineProblems } from '../src/lab/engines/find-engine.js';
import type { LabEngine } from '../src/lab/engines/engine-spec.js';
import { fmt } from './bench-util.js';
import { idleConnectionMemory } from './crowd-memory.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const sizes = (process.env.BENCH_CROWD_SIZES ?? '10000,50000').split(',').map(Number).filter((n) => n > 0);
const providers = (process.env.BENCH_CROWD_PROVIDERS ?? 'edge-optimized,lab-varnish,lab-nginx,lab-nginx-nolock').split(',');
const idle = Number(process.env.BENCH_CROWD_IDLE ?? 10_000);
const KILL_MS = 240_000;
const ENGINE_OF: Record<string, LabEngine> = { 'lab-varnish': 'varnish', 'lab-nginx': 'nginx', 'lab-nginx-nolock': 'nginx' };

/** One case's outcome: the crowd figures, or why it could not run. */
interface CaseResult {
  crowd: CrowdResult | null;
  coalescing: CoalescingResult | null;
  errors: number;
  failure: string | null;
}

async function runCase(dir: string, listeners: number, provider: string): Promise<CaseResult> {
  const base = await readFile(join(ROOT, 'scenarios', 'album-drop-crowd.yaml'), 'utf8');
  const file = join(dir, `crowd-${listeners}.yaml`);
  await writeFile(file, base.replace(/listeners: \d+/, `listeners: ${listeners}`).replace(/maxRequests: \d+/, `maxRequests: ${listeners * 2}`));
  const out = join(dir, `${provider}-${listeners}`);
  const child = spawn(process.execPath, [CLI, 'run', file, '--provider', provider, '--out', out, '--report', 'none', '--quiet', '--force'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: dir } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_MS);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(timer);
  try {
    const p = (await readResultFile(join(out, 'result.json'))).providers[0];
    const failure = code === 0 ? null : `exit ${code}: ${firstError(stderr)}`;
    return { crowd: p?.summary.crowd ?? null, coalescing: p?.summary.coalescing ?? null, errors: p?.summary.errors ?? 0, failure };
  } catch {
    return { crowd: null, coalescing: null, errors: 0, failure: `exit ${code}: ${firstError(stderr)}` };
  }
}

// The error line and the detail lines under it (an exit-104 refusal names its reason there).
function firstError(stderr: string): string {
  const lines = stderr.split('\n');
  const i = Math.max(0, lines.findIndex((l) => /error|cannot|needs|failed/i.test(l)));
  const details = lines.slice(i + 1).filter((l) => /^\s+\S/.test(l)).slice(0, 2).map((l) => l.trim());
  return [lines[i]?.trim() ?? '', ...details].join(' — ');
}

const mb = (b: number | null | undefined): string => (b == null ? '—' : `${Math.round(b / 1048576)} MB`);

function row(listeners: number, provider: string, r: CaseResult): string {
  const c = r.crowd;
  if (c === null) return `${provider.padEnd(17)} ${String(listeners).padStart(6)}  not run: ${r.failure ?? 'no crowd figures'}`;
  const l = c.latencyFromIntended;
  const perObject = r.coalescing === null || r.coalescing.idealFetches === 0 ? null : r.coalescing.originFetches / r.coalescing.idealFetches;
  return [
    provider.padEnd(17), String(listeners).padStart(6), fmt(c.firstToLastSendMs, 0, 8), `${fmt(c.lateSends, 0, 6)} (${fmt((100 * c.lateSends) / c.listeners, 1, 4)} %)`,
    `${fmt(l.p50Ms, 0, 6)} ${fmt(l.p95Ms, 0, 6)} ${fmt(l.p99Ms, 0, 6)}`, fmt(perObject, 2, 7), fmt(r.errors, 0, 6), mb(c.peakRssBytes).padStart(8),
    (c.rssPerConnectionBytes === null ? '—' : `${(c.rssPerConnectionBytes / 1024).toFixed(1)} KB`).padStart(8), fmt(loadavg()[0] ?? 0, 1, 5), ` ${c.bottleneck}`,
  ].join(' ');
}

async function main(): Promise<void> {
  console.log(`bench:crowd — crowds within 1 s through the CLI; open-files limit ${openFilesLimit() ?? 'unknown'}`);
  if (idle > 0) {
    const m = await idleConnectionMemory(idle);
    console.log(`idle crowd connections: ${m.connections} opened (${m.failed} failed), RSS ${(m.rssPerConnection / 1024).toFixed(2)} KB per connection, JS heap ${(m.heapPerConnection / 1024).toFixed(2)} KB (target ≤ 20 KB)`);
  }
  console.log(`${'provider'.padEnd(17)} ${'crowd'.padStart(6)} ${'send ms'.padStart(8)} ${'late > 50 ms'.padStart(15)} ${'p50    p95    p99 ms from intended'.padStart(20)} ${'orig/obj/PoP'.padStart(7)} ${'errors'.padStart(6)} ${'peak RSS'.padStart(8)} ${'RSS/conn'.padStart(8)} ${'load'.padStart(5)}  bottleneck (load: the machine's 1-min load average after the case, ${availableParallelism()} cores)`);
  const dir = await mkdtemp(join(tmpdir(), 'cdnbench-bench-crowd-'));
  try {
    for (const n of sizes) {
      for (const provider of providers) {
        const engine = ENGINE_OF[provider];
        if (engine !== undefined && engineProblems(engine).length > 0) {
          console.log(`${provider.padEnd(17)} ${String(n).padStart(6)}  not run: ${engineProblems(engine).join('; ')}`);
          continue;
        }
        console.log(row(n, provider, await runCase(dir, n, provider)));
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
