/**
 * `npm run bench:engine`: the built-in engine's closed model and the autocannon engine (`--engine autocannon`)
 * against raw autocannon's programmatic API,
 * same server (a child process), same connection count and duration, alternating rounds in one run.
 * Prints req/s, p50 and p95 of each, the ratio engine/autocannon per round and its median (robust to the
 * other tenants of a shared machine, which slow whichever generator happens to run), and the client CPU each
 * spends per request (process.cpuUsage: the figure contention distorts least); then RSS after 2M requests.
 *
 * Then the user's path (cli-rounds.ts): cdnbench through its CLI beside wrk and autocannon's CLI, each a child
 * process, client CPU per request from the child's rusage.
 *
 * Options (env): BENCH_CONNECTIONS (16), BENCH_SECONDS (3), BENCH_ROUNDS (6), BENCH_RSS_REQUESTS (2000000; 0 skips),
 * BENCH_BODY_BYTES (2048), BENCH_CLI_SECONDS (5), BENCH_CLI_ROUNDS (3; 0 skips the CLI comparison),
 * BENCH_WORKERS (the cores), BENCH_ONLY=cli (only the CLI comparison).
 */
import autocannon from 'autocannon';
import { Catalog } from '../src/catalog/catalog.js';
import { runProvider, type ProviderRunOptions, type ProviderRunOutcome } from '../src/engine/run-provider.js';
import { runAutocannonEngine } from '../src/engine/run-autocannon.js';
import { decodeHistogram, addInto, createLatencyHistogram, summarizeHistogram } from '../src/result/histogram.js';
import { Recorder } from '../src/result/recorder.js';
import { compilePlan } from '../src/scenario/compile-plan.js';
import { validateScenario } from '../src/scenario/loader.js';
import { TargetProvider } from '../src/providers/target/target-provider.js';
import { fmt, startChildServer } from './bench-util.js';
import { hasNginx, startNginx } from './nginx-server.js';
import { cliComparison } from './cli-rounds.js';
import { availableParallelism } from 'node:os';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const rssRequests = Number(process.env.BENCH_RSS_REQUESTS ?? 2_000_000);
const bodyBytes = Number(process.env.BENCH_BODY_BYTES ?? 2048);
const cliSeconds = Number(process.env.BENCH_CLI_SECONDS ?? 5);
const cliRounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const only = process.env.BENCH_ONLY ?? '';

interface Figures {
  rps: number;
  /** Client CPU (user + system) per request, µs. */
  cpuUs: number;
  p50: number | null;
  p95: number | null;
  note?: string;
}

type Runner = (o: ProviderRunOptions) => Promise<ProviderRunOutcome>;

async function runEngine(url: string, durationS: number, maxRequests = 100_000_000, run: Runner = runProvider): Promise<Figures & { rssMb: number }> {
  const scenario = validateScenario(
    {
      name: 'bench-engine',
      sessions: { hot: { steps: [{ repeat: 1_000_000, steps: [{ get: '/maps/tile.json' }] }] } },
      load: { model: 'closed', connections },
      phases: [{ duration: `${durationS}s`, vus: connections }],
      limits: { maxRequests, maxRate: 10_000_000, maxDuration: `${durationS + 5}s` },
    },
    'bench',
  );
  const plan = compilePlan(scenario);
  const recorder = new Recorder({ smallObjectMaxBytes: 16_384 });
  const provider = TargetProvider.fromUrls('bench', [url]);
  const cpu0 = process.cpuUsage();
  const outcome = await run({
    plan, provider, catalog: Catalog.create({ ...scenario.catalog, books: 10, tracks: 10, albums: 2 }), sink: recorder,
    runId: 'bench', seed: 1, scheduleSeed: 1, userAgent: 'cdnbench-bench', signal: new AbortController().signal, log: () => undefined,
  });
  const cpu = process.cpuUsage(cpu0);
  const h = createLatencyHistogram();
  for (const s of recorder.series()) addInto(h, decodeHistogram(s.latency));
  const sum = summarizeHistogram(h);
  return { rps: outcome.requests / (outcome.durationMs / 1000), cpuUs: (cpu.user + cpu.system) / outcome.requests, p50: sum.p50Ms, p95: sum.p95Ms, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

async function runAutocannon(url: string, durationS: number): Promise<Figures> {
  const cpu0 = process.cpuUsage();
  const r = await autocannon({ url: `${url}/maps/tile.json`, connections, duration: durationS, pipelining: 1 });
  const cpu = process.cpuUsage(cpu0);
  // autocannon reports p90 and p97.5 but no p95; print its p97.5 and say so rather than invent a figure.
  return { rps: r.requests.total / durationS, cpuUs: (cpu.user + cpu.system) / r.requests.total, p50: r.latency.p50, p95: r.latency.p97_5, note: 'p97.5' };
}

function line(name: string, f: Figures): string {
  return `${name.padEnd(22)}${fmt(f.rps)} req/s   p50 ${fmt(f.p50, 2, 7)} ms   ${(f.note ?? 'p95').padEnd(5)} ${fmt(f.p95, 2, 7)} ms   CPU ${fmt(f.cpuUs, 1, 6)} µs/req`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  // nginx when available: the server must outrun both generators, or the ratio only measures the server.
  const useNginx = hasNginx() && process.env.BENCH_SERVER !== 'node';
  const server = useNginx ? await startNginx(Buffer.alloc(bodyBytes, 'x')) : await startChildServer('tile-server');
  try {
    if (only === 'cli') {
      await cliComparison(server.url, { connections, seconds: cliSeconds, rounds: cliRounds, workers });
      return;
    }
    console.log(`engine benchmark: ${connections} connections, ${seconds}s rounds × ${rounds}, server ${server.url} (${useNginx ? 'nginx, 1 worker' : 'node child process'}, ${server.bodyBytes} B tile)`);
    await runEngine(server.url, 1); // warm every path (JIT, sockets)
    await runEngine(server.url, 1, undefined, runAutocannonEngine);
    await runAutocannon(server.url, 1);
    const eng: Figures[] = [];
    const acEng: Figures[] = [];
    const ac: Figures[] = [];
    for (let i = 0; i < rounds; i++) {
      // The order rotates so no generator always follows the same one (warm caches, a neighbour's burst).
      const order = [0, 1, 2].map((k) => (k + i) % 3);
      const got: Figures[] = [];
      for (const k of order) got[k] = k === 0 ? await runEngine(server.url, seconds) : k === 1 ? await runEngine(server.url, seconds, undefined, runAutocannonEngine) : await runAutocannon(server.url, seconds);
      const [e, x, a] = got as [Figures, Figures, Figures];
      eng.push(e);
      acEng.push(x);
      ac.push(a);
      console.log(`round ${i + 1}: ${line('built-in engine', e)}   ratio ${(e.rps / a.rps).toFixed(3)}\n         ${line('autocannon engine', x)}   ratio ${(x.rps / a.rps).toFixed(3)}\n         ${line('raw autocannon', a)}`);
    }
    const sum = (xs: Figures[], k: 'rps' | 'cpuUs'): number => xs.reduce((s, x) => s + x[k], 0);
    const ratio = (xs: Figures[]): string => `median of ${rounds} rounds ${median(xs.map((x, i) => x.rps / (ac[i] as Figures).rps)).toFixed(3)}, ratio of means ${(sum(xs, 'rps') / sum(ac, 'rps')).toFixed(3)}`;
    console.log(`\nbuilt-in engine / raw autocannon req/s: ${ratio(eng)}  (target ≥ 1.0)`);
    console.log(`autocannon engine / raw autocannon req/s: ${ratio(acEng)}`);
    console.log(`client CPU per request: built-in ${(sum(eng, 'cpuUs') / rounds).toFixed(1)} µs, autocannon engine ${(sum(acEng, 'cpuUs') / rounds).toFixed(1)} µs, raw autocannon ${(sum(ac, 'cpuUs') / rounds).toFixed(1)} µs; raw/built-in ${(sum(ac, 'cpuUs') / sum(eng, 'cpuUs')).toFixed(3)} (> 1: the built-in engine is leaner)`);
    if (cliRounds > 0) await cliComparison(server.url, { connections, seconds: cliSeconds, rounds: cliRounds, workers });
    if (rssRequests > 0) {
      const r = await runEngine(server.url, 3600, rssRequests);
      console.log(`RSS after ${rssRequests.toLocaleString('en')} requests with full per-request recording: ${r.rssMb.toFixed(0)} MB (target ≤ 150 MB), ${r.rps.toFixed(0)} req/s`);
    }
  } finally {
    server.stop();
  }
}

await main();
