/** The message the scenario-module child sends back, and how its failures are put into one line. */
import { describeError } from '../errors.js';

/** The child's one reply: the module's default export, or why there is none. */
export type ModuleLoadReply = { type: 'ok'; value: unknown } | { type: 'error'; message: string };

/** Type guard for a reply received over IPC. */
export function isModuleLoadReply(value: unknown): value is ModuleLoadReply {
  if (typeof value !== 'object' || value === null) return false;
  const { type, message } = value as { type?: unknown; message?: unknown };
  return type === 'ok' ? 'value' in value : type === 'error' && typeof message === 'string';
}

// esbuild (through tsx) reports "Transform failed with N error(s):" and then "<file>:<line>:<col>: ERROR: <text>".
const ESBUILD_LOCATION = /^(.*):(\d+):(\d+): ERROR: (.*)$/;

/**
 * One line a user can act on: esbuild's first located error as "syntax error at line L, column C: <text>"
 * (the file is named by the caller), otherwise the first line of the thrown message.
 */
export function describeLoadFailure(err: unknown): string {
  const text = describeError(err);
  const lines = text.split('\n');
  for (const line of lines) {
    const m = ESBUILD_LOCATION.exec(line.trim());
    if (m !== null) return `syntax error at line ${m[2]}, column ${m[3]}: ${m[4]}`;
  }
  return lines[0] ?? text;
}
