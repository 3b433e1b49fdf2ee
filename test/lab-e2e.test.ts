/**
 * End-to-end tests of the lab through the built CLI (`node dist/src/cli/main.js`): the default run against
 * the five emulated archetypes, `lab up|status|down`, Ctrl-C during a lab run, and the capability check
 * before any load. Ground truths: the scenario's arrival plan, the lab's state file and origin counters,
 * and the process table (every lab process a test's CLI starts carries the test's marker in its environment).
 * Injected latency measured back through a whole run is in measured-latency-e2e.test.ts (serial timing group).
 * Build first (`npm test` does it in pretest). All traffic goes to 127.0.0.1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Catalog } from '../src/catalog/catalog.js';
import { DEFAULT_CATALOG } from '../src/catalog/catalog-config.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, linesOf, PACKAGE_ROOT } from './helpers/cli.js';
import { isAlive, newMarker, ownLabProcesses, pollUntil, runMarkedCli, startMarkedCli, type ProcessInfo } from './helpers/lab-processes.js';

/** The five archetype profiles shipped in providers/. */
const ARCHETYPE_IDS = ['edge-compute', 'edge-optimized', 'multi-cdn', 'regional', 'traditional'];

let dir = '';
/** Cleanups registered by a test (background labs), run even when it fails. */
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => {
  assertCliBuilt();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-lab-e2e-'));
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function writeIn(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** An open-model scenario of `rate` sessions/s for `duration`, each session running `steps` (YAML lines). */
function scenario(o: { name: string; rate: number; duration: string; catalog: string; steps: string[]; connections?: number; events?: string[] }): string {
  return [
    `name: ${o.name}`,
    `catalog: ${o.catalog}`,
    'sessions:',
    '  one:',
    '    steps:',
    ...o.steps.map((s) => `      ${s}`),
    `load: { model: open, connections: ${o.connections ?? 8}, timeout: 5s }`,
    'phases:',
    `  - { duration: ${o.duration}, rate: ${o.rate} }`,
    ...(o.events === undefined ? [] : ['events:', ...o.events.map((e) => `  ${e}`)]),
    '',
  ].join('\n');
}

/** Waits (≤ timeoutMs) until none of the marker's lab processes exists; returns those still there. */
async function labProcessesAfter(marker: string, timeoutMs = 5000): Promise<ProcessInfo[]> {
  const gone = await pollUntil(() => (ownLabProcesses(marker).length === 0 ? true : null), timeoutMs, 100);
  return gone === null ? ownLabProcesses(marker) : [];
}

describe('run with no --provider/--target: the five lab archetypes', () => {
  it('runs every archetype in its own lab process, writes all five and leaves no lab process behind', async () => {
    const file = await writeIn(
      'tiny.yaml',
      scenario({ name: 'lab-default', rate: 5, duration: '2s', catalog: '{ books: 50, tracks: 100, albums: 5 }', steps: ['- get: /maps/{isbn}/{edition}/{lang}/{range}.json'] }),
    );
    const marker = newMarker();
    const cli = startMarkedCli(['run', file, '--out', dir], marker, { cwd: dir, timeoutMs: 80_000 });
    // Watch the lab processes the run forks while it runs.
    const seen = new Map<number, ProcessInfo>();
    let running = true;
    const watcher = (async () => {
      while (running) {
        for (const p of ownLabProcesses(marker, [cli.pid])) seen.set(p.pid, p);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const r = await cli.done;
    running = false;
    await watcher;
    expect(r.timedOut).toBe(false);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('completed');
    expect(result.providers.map((p) => p.id).sort()).toEqual(ARCHETYPE_IDS);
    for (const p of result.providers) {
      // 5 sessions/s × 2 s at constant arrivals, one GET each: exactly 10 requests per archetype.
      expect({ id: p.id, kind: p.kind, requests: p.summary.requests, errors: p.summary.errors, started: p.sessions.started }).toEqual({
        id: p.id, kind: 'emulator', requests: 10, errors: 0, started: 10,
      });
      // Each ran behind its own profile: the dialect and PoPs the profile file names.
      const profile = parseYaml(readFileSync(join(PACKAGE_ROOT, 'providers', `${p.id}.yaml`), 'utf8')) as { dialect: string; pops: { id: string }[] };
      expect(p.dialect, p.id).toBe(profile.dialect);
      expect(p.pops.length, p.id).toBeGreaterThan(0);
      expect(p.pops.length, p.id).toBeLessThanOrEqual(profile.pops.length);
    }
    // The table on stdout has one row per archetype.
    const rows = linesOf(r.stdout).map((l) => l.split(/\s+/)[0]);
    for (const id of ARCHETYPE_IDS) expect(rows).toContain(id);

    // One lab process per archetype, each a child of the CLI; none outlives the run.
    console.info(`default run: lab processes seen ${[...seen.keys()].join(', ')}`);
    expect(seen.size).toBe(5);
    for (const p of seen.values()) expect(p.ppid).toBe(cli.pid);
    expect(await labProcessesAfter(marker)).toEqual([]);
    for (const pid of seen.keys()) expect(isAlive(pid) && ownLabProcesses(marker).some((p) => p.pid === pid), `lab process ${pid}`).toBe(false);
  });
});

describe('lab up / status / down', () => {
  it('starts a background lab, reports it, serves through a PoP, stops it and leaves nothing; a second up is refused', async () => {
    const statePath = join(dir, 'state', 'lab.json');
    const env = { CDNBENCH_LAB_STATE: statePath, CDNBENCH_ORIGIN_TOKEN: undefined };
    const marker = newMarker();
    const lab = (args: string[]) => runMarkedCli(['lab', ...args], marker, { cwd: dir, env, timeoutMs: 40_000 });
    cleanups.push(async () => {
      // Whatever happened, no daemon of this test outlives it.
      for (const p of ownLabProcesses(marker)) process.kill(p.pid, 'SIGKILL');
    });

    const up = await lab(['up', '--provider', 'edge-optimized', '--origin-port', '0']);
    expect({ code: up.code, stderr: up.stderr }).toMatchObject({ code: 0 });
    const origin = /^origin\s+(http:\/\/127\.0\.0\.1:\d+)\s+token: (\S+)$/m.exec(up.stdout);
    expect(origin, up.stdout).not.toBeNull();
    const [, originUrl = '', token = ''] = origin ?? [];
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    // The state file is what status, down and users read; it holds the token, so it is private.
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { pid: number; originUrl: string; token: string; providers: { id: string; pops: { id: string; url: string }[] }[] };
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    expect(state).toMatchObject({ originUrl, token });
    expect(state.providers.map((p) => p.id)).toEqual(['edge-optimized']);
    expect(isAlive(state.pid)).toBe(true);
    expect(ownLabProcesses(marker, [], ['lab-daemon.js']).map((p) => p.pid)).toEqual([state.pid]);

    const status = await lab(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid: state.pid, originUrl, token });

    // A second lab up: refused with one line, exit 2, the running lab untouched.
    const again = await lab(['up', '--provider', 'edge-optimized', '--origin-port', '0']);
    expect(again.code).toBe(2);
    const againLines = linesOf(again.stderr);
    expect(againLines).toHaveLength(1);
    expect(againLines[0]).toMatch(/^cdnbench: a lab is already running \(pid \d+\)/);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ pid: state.pid, token });

    // A GET through a PoP reaches the lab origin: MISS, then HIT; the origin counts one fetch from that PoP.
    const isbn = Catalog.create(DEFAULT_CATALOG).bookAt(0).isbn;
    const pop = state.providers[0]?.pops[0];
    if (pop === undefined) throw new Error('no PoP in the state file');
    const first = await request(`${pop.url}/meta/${isbn}.json`);
    const firstBody = await first.body.text();
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(firstBody)).toMatchObject({ isbn });
    expect(String(first.headers['cf-cache-status'])).toBe('MISS');
    const second = await request(`${pop.url}/meta/${isbn}.json`);
    expect(await second.body.text()).toBe(firstBody);
    expect(String(second.headers['cf-cache-status'])).toBe('HIT');
    const stats = await request(`${originUrl}/__cdnbench/stats?prefix=/meta/`, { headers: { authorization: `Bearer ${token}` } });
    expect(stats.statusCode).toBe(200);
    const counted = (await stats.body.json()) as { fetches: number; objects: Record<string, Record<string, { fetches: number }>> };
    expect(counted.fetches).toBe(1);
    expect(counted.objects[`/meta/${isbn}.json`]?.[pop.id]?.fetches).toBe(1);
    const noToken = await request(`${originUrl}/__cdnbench/stats`);
    await noToken.body.dump();
    expect(noToken.statusCode).toBe(401);

    const down = await lab(['down']);
    expect(down.code).toBe(0);
    expect(down.stdout.trim()).toBe(`lab stopped (pid ${state.pid})`);
    expect(isAlive(state.pid)).toBe(false);
    expect(existsSync(statePath)).toBe(false);
    expect(await labProcessesAfter(marker)).toEqual([]);
    const after = await lab(['status', '--json']);
    expect(JSON.parse(after.stdout)).toEqual({ running: false });

    const downAgain = await lab(['down']);
    expect(downAgain.code).toBe(0);
    expect(downAgain.stdout.trim()).toBe('no lab running');
  });
});

describe('Ctrl-C during a lab run', () => {
  /**
   * Starts a 30 s run on the default archetypes, waits (≤ 20 s) for the first archetype's lab process (a
   * child of the CLI) plus `afterLabMs`, then sends SIGINT to the CLI's process group as a terminal's
   * Ctrl-C does (`group`), or to the CLI alone as `kill -INT` does (`cli`). Checks exit 130 within 10 s,
   * the partial result, and that no lab process remains.
   */
  async function interrupt(afterLabMs: number, to: 'group' | 'cli'): Promise<{ planned: number; started: number }> {
    const file = await writeIn(
      'long.yaml',
      scenario({ name: 'lab-interrupt', rate: 5, duration: '30s', catalog: '{ books: 50, tracks: 100, albums: 5 }', steps: ['- get: /maps/{isbn}/{edition}/{lang}/{range}.json'] }),
    );
    const marker = newMarker();
    const cli = startMarkedCli(['run', file, '--out', dir], marker, { cwd: dir, timeoutMs: 60_000 });
    const lab = await pollUntil(() => ownLabProcesses(marker, [cli.pid]).find((p) => p.ppid === cli.pid && p.args.includes('lab-process.js')) ?? null, 20_000, 20);
    expect(lab, 'a lab-process.js child of the CLI').not.toBeNull();
    if (afterLabMs > 0) await new Promise((r) => setTimeout(r, afterLabMs));
    expect(cli.child.exitCode).toBeNull();
    if (to === 'group') cli.signalGroup('SIGINT');
    else cli.child.kill('SIGINT');
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
    const r = await Promise.race([cli.done, deadline]);
    if (r === 'late') {
      cli.signalGroup('SIGKILL');
      throw new Error('the CLI did not exit within 10 s of SIGINT');
    }
    expect(r.code).toBe(130);
    expect((linesOf(r.stderr).at(-1) ?? '').startsWith('cdnbench: interrupted')).toBe(true);

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('interrupted');
    // The run stopped inside the first archetype: its partial figures, and no later archetype started.
    expect(result.providers).toHaveLength(1);
    const p = result.providers[0];
    if (p === undefined) throw new Error('no provider in the partial result');
    expect(ARCHETYPE_IDS).toContain(p.id);
    // Cut short: fewer sessions started than planned, every planned one either started or dropped.
    expect(p.sessions.started).toBeLessThan(150);
    expect(p.sessions.started + p.sessions.dropped).toBe(p.sessions.planned);
    // One request per session: answered (a sample) or cut by the stop (counted, not a sample).
    expect(p.summary.requests + p.sessions.abortedRequests).toBe(p.sessions.started);

    expect(await labProcessesAfter(marker)).toEqual([]);
    expect(isAlive(lab?.pid ?? 0) && ownLabProcesses(marker).length > 0).toBe(false);
    return { planned: p.sessions.planned, started: p.sessions.started };
  }

  it('during the load: exits 130 within 10 s, writes the partial result and leaves no lab process', async () => {
    const r = await interrupt(2500, 'group');
    expect(r.planned).toBe(150); // 5 sessions/s × 30 s
    expect(r.started).toBeGreaterThan(0);
  });

  it('while the lab is still starting: the run does not go on once the lab is up', async () => {
    // SIGINT to the CLI as soon as its lab process exists, before it is ready: once the start returns the
    // run must stop, not run the archetype's whole 30 s plan (it did: the abort came before the engine
    // listened for it).
    const r = await interrupt(0, 'cli');
    expect(r.planned).toBe(150);
    expect(r.started).toBe(0);
  });
});

describe('capability check before any load', () => {
  it('a tag purge against a profile that purges by URL only → 104, one line naming tag, no lab started', async () => {
    const profile = await writeIn(
      'url-only.yaml',
      [
        'kind: emulator',
        'archetype: regional',
        'pops: [{ id: fra }]',
        'latency: 0ms',
        'invalidation: 1s',
        'purgeApi: generic',
        'purgeKinds: [url]',
        'coalescing: false',
        'shield: false',
        'edgeKv: false',
        'dialect: bunny',
        'prices: { egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, source: test }',
        '',
      ].join('\n'),
    );
    const file = await writeIn(
      'tag-purge.yaml',
      scenario({
        name: 'lab-tag-purge', rate: 5, duration: '2s', catalog: '{ books: 5, tracks: 10, albums: 1 }',
        steps: ['- get: /meta/{isbn}.json'],
        events: ['- { at: 1s, action: purge, tags: [book-9780000000002] }'],
      }),
    );
    const marker = newMarker();
    const cli = startMarkedCli(['run', file, '--provider', profile, '--out', join(dir, 'out')], marker, { cwd: dir, timeoutMs: 30_000 });
    const seen = new Set<number>();
    let running = true;
    const watcher = (async () => {
      while (running) {
        for (const p of ownLabProcesses(marker, [cli.pid])) seen.add(p.pid);
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    const r = await cli.done;
    running = false;
    await watcher;
    expect(r.code).toBe(104);
    // One line: the event, the provider and the missing capability.
    expect(linesOf(r.stderr)).toEqual(['cdnbench: the scenario needs capabilities a provider lacks: events[0] (purge): provider url-only cannot purge by tag']);
    // Refused before any load: no run announced, no lab process, no result written.
    expect(r.stderr).not.toContain('open-model run');
    expect(seen.size).toBe(0);
    expect(existsSync(join(dir, 'out', 'result.json'))).toBe(false);
  });
});
