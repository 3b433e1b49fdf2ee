/**
 * The Google service-account key (JSON) Cloud CDN invalidations authenticate with: its path from
 * GOOGLE_APPLICATION_CREDENTIALS (Google's own convention) or the profile's credentials.file. The key's
 * fields are checked before any load; its private key never leaves this process except as JWT signatures.
 */
import { readFileSync } from 'node:fs';
import { describeError } from '../../../errors.js';

/** The variable Google's libraries read the key file path from. */
export const GOOGLE_KEY_ENV = 'GOOGLE_APPLICATION_CREDENTIALS';

/** Google's token endpoint, what real keys name as token_uri. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** A usable service-account key. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | undefined;
  projectId: string | undefined;
  tokenUri: string;
  /** Where the key came from (its path; no secret). */
  from: string;
}

/** Reads and checks the key file. */
export function readServiceAccountKey(source: { env?: string | undefined; file?: string | undefined } | undefined, env: NodeJS.ProcessEnv = process.env): ServiceAccountKey | { problem: string } {
  const name = source?.env ?? GOOGLE_KEY_ENV;
  const path = source?.file ?? env[name]?.trim();
  if (path === undefined || path === '') return { problem: `${name} is not set (the path of a service-account key JSON file)` };
  const from = source?.file === undefined ? `${path} (${name})` : `${path} (the profile's credentials.file)`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { problem: `cannot read the service-account key ${from}: ${describeError(err).split('\n')[0] ?? ''}` };
  }
  const k = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const str = (name: string): string | undefined => (typeof k[name] === 'string' && k[name] !== '' ? k[name] : undefined);
  const problems: string[] = [];
  if (k.type !== 'service_account') problems.push(`type is ${JSON.stringify(k.type ?? null)}, not "service_account" (user credentials from gcloud auth are not supported)`);
  const clientEmail = str('client_email');
  if (clientEmail === undefined) problems.push('client_email is missing');
  const privateKey = str('private_key');
  if (privateKey === undefined || !privateKey.includes('-----BEGIN PRIVATE KEY-----')) problems.push('private_key is missing or not a PEM private key');
  if (problems.length > 0 || clientEmail === undefined || privateKey === undefined) return { problem: `service-account key ${from}: ${problems.join('; ')}` };
  return { clientEmail, privateKey, privateKeyId: str('private_key_id'), projectId: str('project_id'), tokenUri: str('token_uri') ?? GOOGLE_TOKEN_URL, from };
}
