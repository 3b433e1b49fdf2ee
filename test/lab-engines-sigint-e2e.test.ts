/**
 * No engine outlives cdnbench (issue 5): Ctrl-C in the middle of a run, and even SIGKILL of cdnbench
 * itself, leave no varnishd, nginx or traffic_server process — checked with `pgrep -f` on the run's temp
 * directory (every engine's command line names its directory under it), on every pid of the engines'
 * process groups seen during the run (nginx workers rename themselves), and on the engine-lab supervisor.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEngine } from '../src/lab/engines/engine-spec.js';
import { needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import { readResultFile } from '../src/result/result-schema.js';
import { isAlive, newMarker, ownLabProcesses, pollUntil, startMarkedCli } from './helpers/lab-processes.js';

const SUPERVISOR = ['engine-lab-process.js'];

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-engine-sigint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `pgrep -f <text>`: pids whose command line contains it. */
function pgrepF(text: string): number[] {
  const r = spawnSync('pgrep', ['-f', text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')], { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  return r.stdout.split('\n').filter((l) => l.trim() !== '').map(Number).filter((pid) => pid !== r.pid);
}

/** Every pid in the process groups of `pids` (masters, workers, Varnish's child). */
function groupMembers(pids: readonly number[]): number[] {
  const groups = new Set<string>();
  for (const pid of pids) {
    const r = spawnSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' });
    const g = r.stdout.trim();
    if (g !== '') groups.add(g);
  }
  const members: number[] = [];
  for (const g of groups) {
    const r = spawnSync('pgrep', ['-g', g], { encoding: 'utf8' });
    members.push(...r.stdout.split('\n').filter((l) => l.trim() !== '').map(Number));
  }
  return members;
}

const ENGINES: [string, LabEngine][] = [
  ['lab-varnish', 'varnish'],
  ['lab-nginx', 'nginx'],
  ['lab-ats', 'ats'],
];

describe.each(['SIGINT', 'SIGKILL'] as const)('cdnbench stopped by %s in the middle of a run', (signal) => {
  for (const [profile, engine] of ENGINES) {
    it.skipIf(skipWithoutEngine(engine))(needsEngine(engine, `${profile}: no engine process is left`), async () => {
      const marker = newMarker();
      // Engine directories are <TMPDIR>/cdnbench-<engine>-XXXXXX/<pop>/; the CLI's own --out does not match.
      const engineDirs = join(dir, 'cdnbench-');
      const cli = startMarkedCli(['run', 'album-drop', '--provider', profile, '--out', join(dir, 'out'), '--quiet'], marker, { env: { TMPDIR: dir }, timeoutMs: 120_000 });
      // Three PoPs answering, then a moment of load.
      const engines = await pollUntil(() => {
        const pids = pgrepF(engineDirs);
        return pids.length >= 3 ? pids : null;
      }, 90_000, 100);
      expect(engines, 'the engines never started').not.toBeNull();
      await new Promise((r) => setTimeout(r, 1500));
      const seen = groupMembers(pgrepF(engineDirs));
      expect(seen.length).toBeGreaterThanOrEqual(3);
      const supervisor = ownLabProcesses(marker, [], SUPERVISOR);
      expect(supervisor).toHaveLength(1);

      if (signal === 'SIGINT') {
        cli.signalGroup('SIGINT'); // what a terminal's Ctrl-C does
        const r = await cli.done;
        expect(r.code, r.stderr).toBe(130);
        expect((await readResultFile(join(dir, 'out', 'result.json'))).meta.stopReason).toBe('interrupted');
      } else {
        cli.child.kill('SIGKILL'); // cdnbench gets no chance to clean up: the supervisor must
        await cli.done;
      }
      // SIGINT: gone by the time cdnbench exits; SIGKILL: the supervisor needs a moment.
      const left = await pollUntil(() => {
        const alive = [...new Set([...pgrepF(engineDirs), ...seen.filter(isAlive), ...ownLabProcesses(marker, [], SUPERVISOR).map((p) => p.pid)])];
        return alive.length === 0 ? [] : null;
      }, signal === 'SIGINT' ? 1000 : 15_000, 100);
      expect(left, `still running: ${[...pgrepF(engineDirs), ...seen.filter(isAlive)].join(', ')}`).toEqual([]);
      expect((await readdir(dir)).filter((f) => f.startsWith('cdnbench-'))).toEqual([]);
    }, 150_000);
  }
});
