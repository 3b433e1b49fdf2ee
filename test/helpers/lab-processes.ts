/**
 * Process bookkeeping for the lab's end-to-end tests: which lab processes (`lab-process.js`, the lab a run
 * forks; `lab-daemon.js`, the lab `lab up` leaves in the background) exist, and which of them a given test
 * started. A test gives its CLI a unique marker in the environment; every process the CLI forks or spawns
 * inherits it, also after being re-parented to init, so a test counts its own lab processes only — never
 * those of a test running beside it. Where /proc is not readable (not Linux), processes are attributed by
 * parent pid instead (see `ownLabProcesses`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CLI_PATH, PACKAGE_ROOT, assertCliBuilt, collectOutput, type CliResult } from './cli.js';
import { isProcessAlive } from '../../src/lab/lab-state.js';

/** One row of `ps`. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  args: string;
}

/** The entry scripts of lab processes. */
export const LAB_ENTRIES = ['lab-process.js', 'lab-daemon.js'] as const;

/** The environment variable carrying a test's marker. */
export const MARKER_VARIABLE = 'CDNBENCH_TEST_MARKER';

/** A fresh marker for one test. */
export function newMarker(): string {
  return `lab-test-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Every process, from `ps -eo pid=,ppid=,args=`. */
export function listProcesses(): ProcessInfo[] {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ps failed: ${r.stderr}`);
  const out: ProcessInfo[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m !== null) out.push({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' });
  }
  return out;
}

/** True when the process's command line runs one of `entries`. */
export function runsEntry(p: ProcessInfo, entries: readonly string[] = LAB_ENTRIES): boolean {
  return entries.some((e) => p.args.includes(e));
}

/** The environment of a process (Linux /proc), or null when it cannot be read. */
function environOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
  } catch {
    return null;
  }
}

/** True when /proc/<pid>/environ can be read for our own process (Linux). */
export const CAN_READ_ENVIRON = environOf(process.pid) !== null;

/**
 * Lab processes carrying `marker` (Linux), else lab processes whose parent is one of `parents` (elsewhere:
 * an orphaned lab process is then missed, so on Linux the check is strictly stronger).
 */
export function ownLabProcesses(marker: string, parents: readonly number[] = [], entries: readonly string[] = LAB_ENTRIES): ProcessInfo[] {
  const tag = `${MARKER_VARIABLE}=${marker}`;
  return listProcesses().filter((p) => {
    if (!runsEntry(p, entries)) return false;
    if (CAN_READ_ENVIRON) return environOf(p.pid)?.includes(tag) === true;
    return parents.includes(p.ppid);
  });
}

/** True when a process with this pid exists. */
export const isAlive = isProcessAlive;

/** Polls `probe` every `intervalMs` until it returns a non-null value or `timeoutMs` pass; null on timeout. */
export async function pollUntil<T>(probe: () => T | null | Promise<T | null>, timeoutMs: number, intervalMs = 50): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() >= end) return null;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Options of a marked CLI run. */
export interface MarkedCliOptions {
  cwd?: string;
  /** SIGKILL the whole process group after this many ms; default 60 s. */
  timeoutMs?: number;
  /** Environment changes; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/** A marked CLI process, leader of its own process group. */
export interface MarkedCli {
  child: ChildProcess;
  pid: number;
  marker: string;
  done: Promise<CliResult>;
  /** Sends a signal to the CLI's whole process group, as a terminal's Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Starts the built CLI as the leader of a new process group, with a marker in its environment that every
 * lab process it starts inherits. The hard timeout kills the whole group.
 */
export function startMarkedCli(args: readonly string[], marker: string, options: MarkedCliOptions = {}): MarkedCli {
  assertCliBuilt();
  const env: Record<string, string> = {};
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(options.env ?? {}), [MARKER_VARIABLE]: marker };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
  const started = Date.now();
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd ?? PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the CLI did not start');
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const done = collectOutput(child, started, options.timeoutMs ?? 60_000, () => signalGroup('SIGKILL'));
  return { child, pid, marker, done, signalGroup };
}

/** Runs a marked CLI to completion. */
export function runMarkedCli(args: readonly string[], marker: string, options: MarkedCliOptions = {}): Promise<CliResult> {
  return startMarkedCli(args, marker, options).done;
}
