/**
 * The user's path of `npm run bench:engine`: cdnbench through its CLI (`node dist/src/cli/main.js run`,
 * process start included) beside wrk and autocannon's CLI, each a child process against the same server,
 * alternating rounds. Client CPU is each child's user + system time as bash's `time` reports it (the
 * rusage of the child and its children), divided by the requests it made; medians over the rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './bench-util.js';

/** One generator's figures in one round. */
export interface CliFigures {
  requests: number;
  rps: number;
  /** Client CPU (user + system of the child), µs per request. */
  cpuUs: number;
}

/** A generator run as a child process. */
interface Generator {
  name: string;
  /** argv of the child; `out` is a fresh folder. */
  argv(url: string, seconds: number, out: string): string[];
  /** Requests made, from the child's stdout or its output folder. */
  requests(stdout: string, out: string): number;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');

function scenarioFile(dir: string, connections: number, seconds: number): string {
  const file = join(dir, 'bench.yaml');
  writeFileSync(file, `name: bench-engine-cli
# One endless session per virtual user: the hard stop (maxDuration) ends the load, as -d does for wrk.
sessions: { hot: { steps: [ { repeat: 100000000, steps: [ { get: /maps/tile.json } ] } ] } }
load: { model: closed, connections: ${connections} }
phases: [{ duration: ${seconds}s, vus: ${connections} }]
limits: { maxRate: 10000000, maxRequests: 100000000, maxDuration: ${seconds}s }
`);
  return file;
}

/** A run of one request: what the CLI costs besides the load (process and thread start-up, result writing). */
function startupFile(dir: string): string {
  const file = join(dir, 'startup.yaml');
  writeFileSync(file, `name: bench-engine-cli-startup
sessions: { hot: { steps: [ { get: /maps/tile.json } ] } }
load: { model: closed, connections: 2 }
phases: [{ duration: 1s, vus: 2 }]
limits: { maxRequests: 2 }
`);
  return file;
}

function cdnbench(name: string, workers: number, scenario: string): Generator {
  return {
    name,
    argv: (url, _s, out) => ['node', CLI, 'run', scenario, '--target', url, '--out', out, '--force', '--report', 'none', '--no-preflight', '-q', '--workers', String(workers)],
    requests: (_stdout, out) => {
      const r = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { providers: { summary: { requests: number } }[] };
      return r.providers.reduce((a, p) => a + p.summary.requests, 0);
    },
  };
}

function generators(scenario: string, connections: number, workers: number): Generator[] {
  return [
    cdnbench('cdnbench CLI, 1 worker', 1, scenario),
    ...(workers > 1 ? [cdnbench(`cdnbench CLI, ${workers} workers`, workers, scenario)] : []),
    {
      name: 'autocannon CLI',
      argv: (url, s) => ['node', AUTOCANNON, '-c', String(connections), '-d', String(s), '-j', `${url}/maps/tile.json`],
      requests: (stdout) => {
        const r = JSON.parse(stdout) as { requests: { total: number } };
        return r.requests.total;
      },
    },
    {
      name: 'wrk',
      argv: (url, s) => ['wrk', '-t', String(workers), '-c', String(connections), '-d', `${s}s`, `${url}/maps/tile.json`],
      requests: (stdout) => Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0),
    },
  ];
}

/** Runs argv under bash's `time`; resolves with stdout and the child's CPU seconds. */
function timed(argv: string[]): Promise<{ stdout: string; cpuS: number; wallS: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'TIMEFORMAT="__cpu %3R %3U %3S"; time "$@" 2>/dev/null', 'bash', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const m = /__cpu ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (m === null) reject(new Error(`${argv[0] ?? ''} ${argv[1] ?? ''} exited ${code}: ${stderr.slice(0, 300)}`));
      else resolve({ stdout, wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]) });
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Runs the CLI comparison and prints each round and the medians; returns the medians by generator name. */
export async function cliComparison(url: string, o: { connections: number; seconds: number; rounds: number; workers: number }): Promise<Map<string, CliFigures>> {
  const dir = mkdtempSync(join(tmpdir(), 'cdnbench-bench-cli-'));
  try {
    const gens = generators(scenarioFile(dir, o.connections, o.seconds), o.connections, o.workers);
    const all = new Map<string, CliFigures[]>(gens.map((g) => [g.name, []]));
    const startups = gens.filter((g) => g.name.startsWith('cdnbench')).map((g) => ({ name: g.name, gen: cdnbench(g.name, Number(/(\d+) worker/.exec(g.name)?.[1] ?? 1), startupFile(dir)), cpuS: [] as number[] }));
    console.log(`\nthrough the CLI (child processes, start-up included; CPU = child user + sys): ${o.connections} connections, ${o.seconds}s × ${o.rounds} rounds`);
    for (let i = 0; i < o.rounds; i++) {
      for (let j = 0; j < gens.length; j++) {
        const g = gens[(i + j) % gens.length] as Generator;
        const out = join(dir, `out-${i}-${j}`);
        const t = await timed(g.argv(url, o.seconds, out));
        const requests = g.requests(t.stdout, out);
        const f = { requests, rps: requests / o.seconds, cpuUs: (t.cpuS * 1e6) / Math.max(1, requests) };
        all.get(g.name)?.push(f);
        console.log(`round ${i + 1}: ${g.name.padEnd(26)}${fmt(f.rps)} req/s   ${fmt(requests, 0, 9)} requests   CPU ${fmt(f.cpuUs, 1, 6)} µs/req   (${t.cpuS.toFixed(2)} s CPU, ${t.wallS.toFixed(1)} s wall)`);
        rmSync(out, { recursive: true, force: true });
      }
      for (const st of startups) {
        const out = join(dir, `startup-${i}`);
        const t = await timed(st.gen.argv(url, 1, out));
        st.cpuS.push(t.cpuS);
        console.log(`round ${i + 1}: ${`${st.name}, start-up only`.padEnd(40)} ${t.cpuS.toFixed(2)} s CPU for 2 requests (${t.wallS.toFixed(1)} s wall)`);
        rmSync(out, { recursive: true, force: true });
      }
    }
    const medians = new Map<string, CliFigures>();
    for (const [name, fs] of all) medians.set(name, { requests: median(fs.map((f) => f.requests)), rps: median(fs.map((f) => f.rps)), cpuUs: median(fs.map((f) => f.cpuUs)) });
    // Ratios per round, then their median: a neighbour's burst slows whichever generator it meets, and a
    // per-round ratio compares generators that ran minutes, not rounds, apart less often.
    const perRound = (name: string, peer: string): number => median((all.get(name) ?? []).map((f, i) => f.cpuUs / ((all.get(peer) ?? [])[i]?.cpuUs ?? Number.NaN)));
    console.log(`\n| generator (median of ${o.rounds}) | req/s | CPU µs/req | × autocannon | × wrk |\n|---|---|---|---|---|`);
    for (const [name, f] of medians) console.log(`| ${name} | ${f.rps.toFixed(0)} | ${f.cpuUs.toFixed(1)} | ${perRound(name, 'autocannon CLI').toFixed(2)} | ${perRound(name, 'wrk').toFixed(2)} |`);
    console.log('(× columns: median of the per-round ratios of CPU per request)');
    for (const st of startups) {
      const f = medians.get(st.name);
      const up = median(st.cpuS);
      if (f !== undefined) console.log(`${st.name}: start-up ${up.toFixed(2)} s CPU (${((up * 1e6) / f.requests).toFixed(1)} µs of each request's ${f.cpuUs.toFixed(1)} over a ${o.seconds} s run); the load alone ≈ ${(f.cpuUs - (up * 1e6) / f.requests).toFixed(1)} µs per request`);
    }
    console.log('goal: cdnbench ≤ 0.8 × autocannon and ≤ 1.3 × wrk CPU per request, with full recording');
    return medians;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
