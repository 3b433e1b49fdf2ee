/**
 * Output collisions through the built CLI: a second run into a folder that holds a result.json is refused
 * (exit 104, the first result untouched) unless --force/--overwrite; a folder locked by a live process is
 * refused, a dead process's lock is taken over; the lock is gone after a normal end and after Ctrl-C.
 * merge and report refuse to replace their outputs the same way. Load goes to a server the test runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, linesOf, runCli, startCli, type CliResult } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let server: LatencyServer | null = null;
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-out-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

const scenario = (duration: string): string =>
  `name: out-e2e\nsessions: { one: { steps: [ { get: "/obj/{session}" } ] } }\nload: { model: open, timeout: 5s }\nphases: [ { duration: ${duration}, rate: 10 } ]\n`;

async function shortRun(out: string, extra: readonly string[] = []): Promise<CliResult> {
  server ??= await startLatencyServer();
  const file = join(dir, 's.yaml');
  if (!existsSync(file)) await writeFile(file, scenario('1s'));
  return runCli(['run', file, '--target', server.url, '--out', out, '--report', 'none', '--quiet', ...extra, '--no-preflight'], { timeoutMs: 60_000 });
}

function refusal(r: CliResult): string {
  expect(r.timedOut).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 104 });
  expect(linesOf(r.stderr)).toHaveLength(1);
  return linesOf(r.stderr)[0] ?? '';
}

/** The pid of a process that has exited (its number is not reused within the test). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

// Several CLI runs per test: generous limits for a loaded 2-core machine.
describe('run --out', { timeout: 240_000 }, () => {
  it('refuses a folder that already holds result.json, keeps it untouched, and replaces it with --force / --overwrite', async () => {
    const out = join(dir, 'out');
    const first = await shortRun(out);
    expect(first.code, first.stderr).toBe(0);
    const before = await readFile(join(out, 'result.json'), 'utf8');
    const requestsBefore = server?.requests ?? 0;

    const again = await shortRun(out);
    expect(refusal(again)).toBe(`cdnbench: output folder ${out} already holds result.json: choose another --out, or add --force (alias --overwrite) to replace it`);
    expect(await readFile(join(out, 'result.json'), 'utf8')).toBe(before);
    expect(server?.requests).toBe(requestsBefore); // refused before any load
    expect(existsSync(join(out, '.cdnbench.lock'))).toBe(false);

    for (const flag of ['--force', '--overwrite']) {
      const forced = await shortRun(out, [flag]);
      expect(forced.code, forced.stderr).toBe(0);
      const runId = (await readResultFile(join(out, 'result.json'))).meta.runId;
      expect(runId).not.toBe((JSON.parse(before) as { meta: { runId: string } }).meta.runId);
    }
    expect(existsSync(join(out, '.cdnbench.lock'))).toBe(false);
  });

  it('refuses a folder locked by a live process and takes over the lock of a dead one', async () => {
    const out = join(dir, 'locked');
    await mkdir(out);
    // The test runner itself is the live holder.
    await writeFile(join(out, '.cdnbench.lock'), `${process.pid}\n`);
    const busy = await shortRun(out);
    expect(refusal(busy)).toMatch(new RegExp(`^cdnbench: output folder ${out} is being written by another cdnbench process \\(pid ${process.pid}; `));
    expect(await readFile(join(out, '.cdnbench.lock'), 'utf8')).toBe(`${process.pid}\n`);

    await writeFile(join(out, '.cdnbench.lock'), `${await deadPid()}\n`);
    const stale = await shortRun(out);
    expect(stale.code, stale.stderr).toBe(0);
    expect(existsSync(join(out, 'result.json'))).toBe(true);
    expect(existsSync(join(out, '.cdnbench.lock'))).toBe(false);
  });

  it('holds the lock with its pid while running and releases it on Ctrl-C, with the partial result written', async () => {
    server = await startLatencyServer();
    const file = join(dir, 'long.yaml');
    await writeFile(file, scenario('30s'));
    const out = join(dir, 'sigint');
    const proc = startCli(['run', file, '--target', server.url, '--out', out, '--report', 'none', '--no-preflight'], { timeoutMs: 90_000 });
    // Bounded wait for the run to be under way: at most ~40 s on a loaded machine.
    for (let i = 0; i < 4000 && server.requests < 10 && proc.child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toBeGreaterThanOrEqual(10);
    expect(await readFile(join(out, '.cdnbench.lock'), 'utf8')).toBe(`${proc.child.pid ?? -1}\n`);
    // A concurrent run into the same folder is refused while the first one writes it.
    expect(refusal(await shortRun(out))).toMatch(/is being written by another cdnbench process/);
    proc.child.kill('SIGINT');
    const r = await proc.done;
    expect(r.code).toBe(130);
    expect((await readResultFile(join(out, 'result.json'))).meta.stopReason).toBe('interrupted');
    expect(existsSync(join(out, '.cdnbench.lock'))).toBe(false);
  });
});

describe('merge -o and report --out', { timeout: 240_000 }, () => {
  it('refuse to replace an existing file or report unless --force', async () => {
    const out = join(dir, 'r');
    expect((await shortRun(out)).code).toBe(0);
    const result = join(out, 'result.json');
    const merged = join(dir, 'merged.json');
    await writeFile(merged, 'keep me');
    expect(refusal(await runCli(['merge', result, '-o', merged]))).toBe(`cdnbench: ${merged} already exists: choose another -o file, or add --force (alias --overwrite) to replace it`);
    expect(await readFile(merged, 'utf8')).toBe('keep me');
    expect((await runCli(['merge', result, '-o', merged, '--force', '--quiet'])).code).toBe(0);
    expect((await readResultFile(merged)).providers).toHaveLength(1);

    const reports = join(dir, 'reports');
    expect((await runCli(['report', result, '--out', reports, '--format', 'md', '--quiet'])).code).toBe(0);
    expect(refusal(await runCli(['report', result, '--out', reports, '--format', 'md']))).toMatch(/already holds report\.md: .*--force/);
    expect((await runCli(['report', result, '--out', reports, '--format', 'md', '--overwrite', '--quiet'])).code).toBe(0);
    // Beside its own result a report is that result's and is rewritten, as README "Reports" shows.
    expect((await runCli(['report', result, '--format', 'md', '--quiet'])).code).toBe(0);
  });
});
