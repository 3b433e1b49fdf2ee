/**
 * Imports a `.ts`/`.mts`/`.js`/`.mjs` scenario module in a child process with a deadline: the module is
 * user code, and an endless loop (or a hang on I/O) at import must end in a clear exit 104, not a CLI that
 * never returns. The child is ./module-loader-child; its console output goes to our stderr so that stdout
 * stays the command's own (e.g. `--json`).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidConfigError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { isModuleLoadReply } from './module-load-reply.js';

/** How long a scenario module may take to import when CDNBENCH_SCENARIO_LOAD_TIMEOUT is not set. */
export const DEFAULT_MODULE_LOAD_TIMEOUT_MS = 15_000;

/** The deadline: CDNBENCH_SCENARIO_LOAD_TIMEOUT (a duration such as `30s` or `1500ms`) or the default. */
export function moduleLoadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['CDNBENCH_SCENARIO_LOAD_TIMEOUT'];
  if (raw === undefined || raw === '') return DEFAULT_MODULE_LOAD_TIMEOUT_MS;
  const ms = parseDuration(raw);
  if (ms !== undefined && ms > 0) return ms;
  throw new InvalidConfigError(`CDNBENCH_SCENARIO_LOAD_TIMEOUT must be a positive duration such as 30s, not ${JSON.stringify(raw)}`);
}

function childEntry(): { entry: string; execArgv: string[] } {
  const built = fileURLToPath(new URL('./module-loader-child.js', import.meta.url));
  // The built CLI ships the .js; from src/ (vitest, tsx) the child is TypeScript and needs tsx itself.
  if (existsSync(built)) return { entry: built, execArgv: [] };
  return { entry: fileURLToPath(new URL('./module-loader-child.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

/** Imports `path` (shown to the user as `file`) and returns its default export, or throws InvalidConfigError. */
export function loadScenarioModule(path: string, file: string, timeoutMs = moduleLoadTimeoutMs()): Promise<unknown> {
  const { entry, execArgv } = childEntry();
  const fail = (reason: string): InvalidConfigError => new InvalidConfigError(`cannot load scenario module ${file}: ${reason}`);
  return new Promise((resolve, reject) => {
    const child = fork(entry, [path], { execArgv, serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    child.stdout?.pipe(process.stderr, { end: false });
    child.stderr?.pipe(process.stderr, { end: false });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      outcome();
    };
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 100) / 10;
      settle(() => reject(fail(`it did not finish loading within ${seconds} s (an endless loop or a wait at import?); CDNBENCH_SCENARIO_LOAD_TIMEOUT sets the limit`)));
    }, timeoutMs);
    child.once('message', (msg: unknown) => {
      if (!isModuleLoadReply(msg)) settle(() => reject(fail('the loader sent an unexpected reply')));
      else if (msg.type === 'ok') settle(() => resolve(msg.value));
      else settle(() => reject(fail(msg.message)));
    });
    child.once('error', (err) => settle(() => reject(fail(err.message))));
    // 'close' comes after the IPC channel has delivered everything, unlike 'exit'.
    child.once('close', (code, signal) => settle(() => reject(fail(`the module ended the process (${signal ?? `exit code ${code ?? '?'}`}) before exporting a scenario`))));
  });
}
