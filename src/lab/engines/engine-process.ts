/**
 * One running engine instance: written into its own directory, started in its own process group (so the
 * manager/master and every worker it forks are stopped together, and a terminal's Ctrl-C reaches cdnbench
 * alone, which then stops the engines in order), probed until it answers, and stopped by group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { READY_PATH, type EngineInstance, type EngineLaunch } from './engine-launch.js';

/** How long a stop waits for the group leader after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3000;

/** A started engine instance. */
export interface EngineProcess {
  readonly id: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Process group id (= the leader's pid). */
  readonly pgid: number;
  /** Resolves with the leader's exit code (null when killed by a signal) once it has exited. */
  readonly exited: Promise<number | null>;
  /** True once the leader has exited. */
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after a grace period; idempotent. */
  stop(): Promise<void>;
  /** The last lines of the engine's logs, on one line, for error messages. */
  logTail(): string;
}

/** Sends `signal` to a whole process group; a group that is gone already is fine. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

function writeInstanceFiles(inst: EngineInstance, launch: EngineLaunch): void {
  mkdirSync(inst.dir, { recursive: true, mode: 0o700 });
  for (const d of launch.dirs) mkdirSync(join(inst.dir, d), { recursive: true });
  for (const f of launch.files) writeFileSync(join(inst.dir, f.path), f.content, { mode: f.mode ?? 0o644 });
}

function tailOf(dir: string, logs: readonly string[]): string {
  const lines: string[] = [];
  for (const log of logs) {
    let text = '';
    try {
      text = readFileSync(join(dir, log), 'utf8').slice(-4096);
    } catch {
      continue;
    }
    lines.push(...text.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
  }
  const tail = lines.slice(-3).join(' | ');
  return tail.length > 400 ? `…${tail.slice(-400)}` : tail;
}

/** Writes the instance's files and starts the engine (stdout and stderr to `engine.log` in its directory). */
export function spawnEngine(binary: string, inst: EngineInstance, launch: EngineLaunch): EngineProcess {
  writeInstanceFiles(inst, launch);
  const log = openSync(join(inst.dir, 'engine.log'), 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, launch.args, { cwd: inst.dir, detached: true, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`${binary} did not start`);
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => {
      done = true;
      resolve(null);
    });
    child.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    id: inst.id,
    url: `http://127.0.0.1:${inst.port}`,
    pgid,
    exited,
    hasExited: () => done,
    logTail: () => tailOf(inst.dir, launch.logs),
    stop: () => {
      stopping ??= (async () => {
        if (!done) {
          killGroup(pgid, 'SIGTERM');
          const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        // Workers the leader left behind (an nginx worker still draining) go with the group.
        killGroup(pgid, 'SIGKILL');
      })();
      return stopping;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await request(`${url}${READY_PATH}`, { headersTimeout: 2000, bodyTimeout: 2000 });
    await res.body.dump();
    // 5xx: the engine is up but cannot reach its upstream yet (a shield still starting).
    return res.statusCode < 500;
  } catch {
    return false;
  }
}

/** Resolves when the instance answers through to its upstream; rejects when it exits, on timeout or abort. */
export async function waitUntilAnswering(proc: EngineProcess, name: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted === true) throw new Error(`${name} start aborted`);
    if (proc.hasExited()) {
      const code = await proc.exited;
      throw new Error(`${name} exited${code === null ? '' : ` with code ${code}`} before answering: ${proc.logTail() || 'no log output'}`);
    }
    if (await answers(proc.url)) return;
    if (Date.now() > deadline) throw new Error(`${name} did not answer on ${proc.url} within ${Math.round(timeoutMs / 1000)} s: ${proc.logTail() || 'no log output'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
