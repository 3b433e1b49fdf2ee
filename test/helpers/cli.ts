/**
 * Runs the built cdnbench CLI (`node dist/src/cli/main.js …`) as a child process for end-to-end tests:
 * collects stdout, stderr and the exit code, and kills the child after a hard timeout so no test can
 * hang. Build first (`npm run build`; `npm test` does it in pretest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a finished CLI run produced. */
export interface CliResult {
  /** Exit code, or null when the child died of a signal. */
  code: number | null;
  /** The signal that ended the child, if any. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the hard timeout killed the child. */
  timedOut: boolean;
  /** Wall time from spawn to exit, ms (for diagnostics only, never asserted as a speed). */
  elapsedMs: number;
}

/** Options of a CLI run. */
export interface CliOptions {
  /** Working directory; default the package root. */
  cwd?: string;
  /** Kill the child (SIGKILL) after this many ms; default 60 s. */
  timeoutMs?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** A started CLI process and the promise of its result. */
export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const parsed: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'cdnbench') return dir;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot locate the cdnbench package root from test/helpers');
}

/** Absolute path of the cdnbench package root. */
export const PACKAGE_ROOT = findPackageRoot();

/** Absolute path of the built CLI entry point. */
export const CLI_PATH = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

/** Throws a clear error when the CLI has not been built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first (npm test does it)`);
}

/** Collects a child's stdout/stderr and exit; `kill` runs when it outlives `timeoutMs`. */
export function collectOutput(child: ChildProcess, started: number, timeoutMs: number, kill: () => void): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  return new Promise<CliResult>((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, elapsedMs: Date.now() - started });
    });
  });
}

/** Starts the CLI with `args`; the returned promise resolves when it exits (or is killed on timeout). */
export function startCli(args: readonly string[], options: CliOptions = {}): CliProcess {
  assertCliBuilt();
  const started = Date.now();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = collectOutput(child, started, options.timeoutMs ?? 60_000, () => child.kill('SIGKILL'));
  return { child, done };
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** The lines of a stream's text, without the trailing empty line. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
