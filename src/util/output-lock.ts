/**
 * Claims an output folder for one writer: a lock file created with O_EXCL holding the writer's pid (a
 * stale lock of a dead pid is taken over), and a refusal to replace a result already there unless the
 * user said --force. Two runs with the same --out would otherwise interleave or silently replace each
 * other's measurements, which cannot be redone.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CdnbenchError, InvalidConfigError, describeError } from '../errors.js';

/** Name of the lock file inside a claimed output folder. */
export const LOCK_FILE = '.cdnbench.lock';

/** What a command claims. */
export interface ClaimOptions {
  /** Files whose presence means the folder already holds output that must not be replaced silently. */
  holds: readonly string[];
  /** --force/--overwrite: replace them. */
  force: boolean;
}

/** A claimed folder; `release` is idempotent and also runs when the process exits. */
export interface OutputClaim {
  readonly dir: string;
  release(): void;
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockHolder(lock: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lock, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function createLock(lock: string): boolean {
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CdnbenchError('IO_FAILED', `cannot create the lock file ${lock}: ${describeError(err)}`, { cause: err });
  }
}

function acquire(dir: string): string {
  const lock = join(dir, LOCK_FILE);
  // Two attempts: the second after removing a lock whose writer is gone (killed, crashed, power loss).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createLock(lock)) return lock;
    const holder = lockHolder(lock);
    if (holder !== null && holder !== process.pid && processAlive(holder)) {
      throw new InvalidConfigError(`output folder ${dir} is being written by another cdnbench process (pid ${holder}; lock ${lock}): wait for it or choose another folder`, [], 'OUTPUT_EXISTS');
    }
    rmSync(lock, { force: true });
  }
  throw new InvalidConfigError(`output folder ${dir} is locked (${lock}) and the lock could not be taken over`, [], 'OUTPUT_EXISTS');
}

/** Creates `dir` if needed, locks it, and refuses (exit 104) when it is in use or already holds output. */
export function claimOutputFolder(dir: string, opts: ClaimOptions): OutputClaim {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new CdnbenchError('IO_FAILED', `cannot create the output folder ${dir}: ${describeError(err)}`, { cause: err });
  }
  const lock = acquire(dir);
  let released = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    // While the command handles the signal itself (a run stopping cleanly), that handler decides; once it
    // is gone a signal would kill the process without 'exit' handlers, so release and exit as Node would.
    if (process.listenerCount(signal) > 1) return;
    release();
    process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 2));
  };
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    for (const sig of HANDLED_SIGNALS) process.off(sig, onSignal);
    // Only our own lock: a user who deleted it by hand may have let another run take the folder.
    if (lockHolder(lock) === process.pid) rmSync(lock, { force: true });
  };
  // 'exit' also fires on process.exit() (a second Ctrl-C) and after a thrown error, so no path leaves it behind.
  process.on('exit', release);
  for (const sig of HANDLED_SIGNALS) process.on(sig, onSignal);
  const existing = opts.force ? [] : opts.holds.filter((f) => existsSync(join(dir, f)));
  if (existing.length > 0) {
    release();
    throw new InvalidConfigError(`output folder ${dir} already holds ${existing.join(', ')}: choose another --out, or add --force (alias --overwrite) to replace it`, [], 'OUTPUT_EXISTS');
  }
  return { dir, release };
}

/** For commands writing one result file (-o FILE): refuses (exit 104) to replace an existing file without --force. */
export function refuseExistingFile(path: string, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new InvalidConfigError(`${path} already exists: choose another -o file, or add --force (alias --overwrite) to replace it`, [], 'OUTPUT_EXISTS');
  }
}
