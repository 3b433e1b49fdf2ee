/**
 * Values taken from the environment through `${env.NAME}` (scenario and staging-profile headers,
 * typically bearer tokens) are treated like provider credentials: one process-wide Redactor knows them
 * all, and the CLI passes its notes, errors and result files through it.
 */
import { InvalidConfigError } from '../errors.js';
import { Redactor } from './redact.js';

/** The redactor of every value substituted from the environment in this process. */
export const envSecrets = new Redactor();

const REFERENCE = /\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** True when the text references an environment variable. */
export function hasEnvReference(text: string): boolean {
  return /\$\{env\.[A-Za-z_][A-Za-z0-9_]*\}/.test(text);
}

/**
 * Replaces every `${env.NAME}` in `text`; an unset (or empty) variable is InvalidConfigError (exit 104)
 * naming it and `where`. Substituted values are registered for redaction.
 */
export function expandEnv(text: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(REFERENCE, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new InvalidConfigError(`${where}: \${env.${name}} is not set (export ${name}=… or pass -e ${name}=…)`);
    }
    envSecrets.add(value);
    return value;
  });
}

/** A header record with every value expanded (undefined stays undefined). */
export function expandHeaders(headers: Readonly<Record<string, string>> | null, where: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> | null {
  if (headers === null) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = expandEnv(v, `${where}.${k}`, env);
  return out;
}

/**
 * Applies `-e KEY=VALUE` flags (k6's habit) to the process environment, so scenario and profile
 * references see them. A malformed flag is InvalidConfigError naming it.
 */
export function applyEnvFlags(flags: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  for (const flag of flags) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(flag);
    if (m === null) throw new InvalidConfigError(`-e ${flag.split('=')[0] ?? ''}: expected KEY=VALUE with KEY a variable name`);
    env[m[1] ?? ''] = m[2] ?? '';
  }
}
