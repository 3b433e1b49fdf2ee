/**
 * `npm run bench:ingest`: writes k6 NDJSON with BENCH_POINTS points (default 1,000,000; an exported
 * script's metrics plus k6's http_req_* for every request) exactly as k6 does, plain and gzipped, then
 * ingests each in a fresh child process and prints the time, the points per second and the child's peak
 * RSS (process.resourceUsage().maxRSS), which must not grow with the file.
 *
 * Options (env): BENCH_POINTS (1000000), BENCH_KEEP=1 keeps the files.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { ingestK6Files } from '../src/k6/ingest-files.js';
import { K6Fixture, randomRequests } from '../test/helpers/k6-ndjson.js';

const points = Number(process.env.BENCH_POINTS ?? 1_000_000);

/** Streams `points` points into `path` (gzipped for .gz) without holding them. */
async function generate(path: string): Promise<number> {
  const file = createWriteStream(path);
  const gzip = path.endsWith('.gz') ? createGzip() : null;
  if (gzip !== null) gzip.pipe(file);
  const out = gzip ?? file;
  let written = 0;
  let batch: string[] = [];
  const fixture = new K6Fixture(new Date('2026-11-23T10:00:00Z'), { scenario: 'page-turns', instance_id: '1' }, 16_384, (line) => {
    batch.push(line);
    if (line.startsWith('{"type":"Point"')) written++;
  });
  for (let block = 0; written < points; block++) {
    for (const r of randomRequests(1000, block, ['FRA', 'AMS', 'IAD', 'SIN', 'GRU'])) {
      fixture.request({ ...r, atMs: block * 4000 + r.atMs });
      if (written >= points) break;
    }
    if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
    batch = [];
  }
  out.end();
  await once(file, 'close');
  return written;
}

async function child(path: string): Promise<void> {
  const t0 = performance.now();
  const { result, facts } = await ingestK6Files([path]);
  const seconds = (performance.now() - t0) / 1000;
  const p = result.providers[0];
  console.log(JSON.stringify({
    seconds, points: facts.points, series: p?.series.length ?? 0, requests: p?.summary.requests ?? 0,
    smallP95Ms: p?.summary.smallObject.p95Ms ?? null, maxRssMb: process.resourceUsage().maxRSS / 1024,
  }));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cdnbench-bench-ingest-'));
  try {
    for (const name of ['points.ndjson', 'points.ndjson.gz']) {
      const path = join(dir, name);
      const n = await generate(path);
      const mb = (await stat(path)).size / 2 ** 20;
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ingest child failed: ${r.stderr}`);
      const f = JSON.parse(r.stdout) as { seconds: number; points: number; series: number; requests: number; smallP95Ms: number | null; maxRssMb: number };
      console.log(`${name.padEnd(17)} ${n.toLocaleString('en')} points, ${mb.toFixed(0)} MB on disk: ingested in ${f.seconds.toFixed(1)} s ` +
        `(${Math.round(f.points / f.seconds).toLocaleString('en')} points/s), ${f.requests.toLocaleString('en')} requests in ${f.series} series, ` +
        `small p95 ${f.smallP95Ms ?? '-'} ms, peak RSS ${f.maxRssMb.toFixed(0)} MB`);
    }
  } finally {
    if (process.env.BENCH_KEEP !== '1') await rm(dir, { recursive: true, force: true });
    else console.log(`files kept in ${dir}`);
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1] ?? '');
else await main();
