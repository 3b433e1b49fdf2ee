/**
 * Invalidation through a command: the profile's argv (no shell), with the URLs and tags appended as
 * `--url U … --tag T … [--all]`, or the JSON request on stdin. Exit code 0 is success; a first stdout line
 * that looks like an id becomes the receipt's id. The command runs in its own process group and is
 * killed (group and all) when it outlives its timeout, so no purge leaves a process behind.
 */
import { spawn } from 'node:child_process';
import type { PurgeReceipt } from '../adapter.js';
import type { z } from 'zod';
import type { commandSchema } from './staging-profile.js';
import type { HookRequest } from './webhook-purger.js';

/** A validated command section. */
export type CommandConfig = z.output<typeof commandSchema>;

/** Grace between SIGTERM and SIGKILL of a command that timed out. */
const KILL_GRACE_MS = 2000;

/** The arguments appended in `args` mode. */
export function commandArgs(req: HookRequest): string[] {
  return [...(req.paths ?? []).flatMap((u) => ['--path', u]), ...req.urls.flatMap((u) => ['--url', u]), ...req.tags.flatMap((t) => ['--tag', t]), ...(req.all ? ['--all'] : [])];
}

/** Runs the command once; never throws. */
export function commandPurge(cfg: CommandConfig, req: HookRequest): Promise<PurgeReceipt> {
  const started = performance.now();
  const [file, ...rest] = cfg.argv;
  if (file === undefined) return Promise.resolve({ ok: false, apiMs: 0, error: 'empty command' });
  return new Promise<PurgeReceipt>((resolve) => {
    const args = cfg.input === 'args' ? [...rest, ...commandArgs(req)] : rest;
    const child = spawn(file, args, { stdio: [cfg.input === 'stdin' ? 'pipe' : 'ignore', 'pipe', 'ignore'], detached: true });
    let stdout = '';
    let timedOut = false;
    let settled = false;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    }, cfg.timeout);
    // If cdnbench itself exits first, the command's whole group goes with it.
    const onExit = (): void => killGroup('SIGKILL');
    process.once('exit', onExit);
    const finish = (r: PurgeReceipt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('exit', onExit);
      resolve(r);
    };
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      if (stdout.length < 4096) stdout += c;
    });
    child.once('error', (err) => finish({ ok: false, apiMs: performance.now() - started, error: `purge command failed to start: ${err.message}` }));
    child.once('close', (code, signal) => {
      const apiMs = performance.now() - started;
      if (timedOut) return finish({ ok: false, apiMs, error: `purge command timed out after ${cfg.timeout} ms` });
      if (code !== 0) return finish({ ok: false, apiMs, error: `purge command exited with ${code === null ? `signal ${signal ?? '?'}` : `code ${code}`}` });
      const first = stdout.split('\n')[0]?.trim() ?? '';
      finish({ ok: true, apiMs, ...(/^[\w.:/-]{1,128}$/.test(first) ? { id: first } : {}) });
    });
    if (cfg.input === 'stdin') {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(JSON.stringify(req));
    }
  });
}
