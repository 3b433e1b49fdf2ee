/**
 * Where an adapter's secret comes from: an environment variable holding it, or a file whose path an
 * environment variable (`<NAME>_FILE`, the Docker/Kubernetes secrets convention) or the profile names.
 * Never from the profile itself — profiles get committed — and never echoed: reports say where a secret
 * came from and how long it is, not what it is.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeError } from '../../errors.js';

/** The `credentials:` block of a CDN profile: renames the variable or points at a file (not the secret). */
export const credentialSourceSchema = z
  .strictObject({
    /** Environment variable holding the secret. */
    env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'expected an environment variable name like MY_CDN_TOKEN' }).optional(),
    /** File holding the secret (its path is not a secret). */
    file: z.string().min(1).optional(),
  })
  .optional();

/** A validated `credentials:` block. */
export type CredentialSource = z.output<typeof credentialSourceSchema>;

/** A secret that was found, and where. */
export interface FoundSecret {
  value: string;
  /** e.g. "environment variable CLOUDFLARE_API_TOKEN" or "file /run/secrets/cf (CLOUDFLARE_API_TOKEN_FILE)". */
  from: string;
}

/**
 * Reads a secret: the profile's file, else the environment variable (the profile's name or `defaultEnv`),
 * else the file named by `<variable>_FILE`. Surrounding whitespace (a file's trailing newline) is dropped.
 */
export function readSecret(defaultEnv: string, source: CredentialSource, env: NodeJS.ProcessEnv = process.env): FoundSecret | { problem: string } {
  const name = source?.env ?? defaultEnv;
  const fromFile = (path: string, via: string): FoundSecret | { problem: string } => {
    try {
      const value = readFileSync(path, 'utf8').trim();
      return value === '' ? { problem: `${via} ${path} is empty` } : { value, from: `file ${path} (${via})` };
    } catch (err) {
      return { problem: `cannot read ${via} ${path}: ${describeError(err)}` };
    }
  };
  if (source?.file !== undefined) return fromFile(source.file, 'the profile\'s credentials.file');
  const direct = env[name]?.trim();
  if (direct !== undefined && direct !== '') return { value: direct, from: `environment variable ${name}` };
  const path = env[`${name}_FILE`]?.trim();
  if (path !== undefined && path !== '') return fromFile(path, `${name}_FILE`);
  return { problem: `${name} is not set (nor ${name}_FILE, a path to a file holding it)` };
}

/** True when readSecret found nothing usable. */
export function isProblem(x: FoundSecret | { problem: string }): x is { problem: string } {
  return 'problem' in x;
}
