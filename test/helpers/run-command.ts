/**
 * Runs any command (npm, npx, git, bash) as a child for end-to-end tests, with the same output capture
 * and hard timeout as the CLI helper. npm's own npm_* variables (set when the suite runs under `npm test`)
 * are removed, so a nested `npm install` behaves as it would in a user's fresh shell.
 */
import { spawn } from 'node:child_process';
import { collectOutput, type CliResult } from './cli.js';

/** Options of a command run. */
export interface CommandOptions {
  cwd: string;
  timeoutMs?: number;
  /** Variables to add; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
}

/** Runs `command args…` to completion (killed with its process group after the timeout). */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(command, [...args], { cwd: options.cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return collectOutput(child, Date.now(), options.timeoutMs ?? 120_000, kill);
}
