/**
 * EdgeGrid credentials as Akamai's tools read them: a section of an `.edgerc` file (INI: host,
 * client_token, client_secret, access_token, optional max_body) at `AKAMAI_EDGERC` (default ~/.edgerc),
 * section `AKAMAI_EDGERC_SECTION` or the profile's (default `default`); or, without a file, the variables
 * AKAMAI_HOST, AKAMAI_CLIENT_TOKEN, AKAMAI_CLIENT_SECRET and AKAMAI_ACCESS_TOKEN. Formats are checked
 * (tokens start with `akab-`, the secret is base64) so a pasted-wrong value fails before any load.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../../../errors.js';
import type { EdgeGridCredentials } from './edgegrid-sign.js';

/** A usable EdgeGrid client. */
export interface EdgeRc extends EdgeGridCredentials {
  /** API host, e.g. akab-xxxx.luna.akamaiapis.net. */
  host: string;
  maxBody: number;
  /** Where the credentials came from (no secret). */
  from: string;
}

/** Parses the INI text of an .edgerc file into sections of key/value pairs. */
export function parseEdgeRc(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      cur = new Map();
      sections.set((header[1] ?? '').trim(), cur);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && cur !== undefined) cur.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return sections;
}

function checked(v: Omit<EdgeRc, 'maxBody'> & { maxBody?: string | undefined }): EdgeRc | { problem: string } {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(v.host.replace(/^https?:\/\//, '').replace(/\/$/, ''))) problems.push('host is not a hostname');
  if (!/^akab-[A-Za-z0-9-]+$/.test(v.clientToken)) problems.push('client_token does not start with akab-');
  if (!/^akab-[A-Za-z0-9-]+$/.test(v.accessToken)) problems.push('access_token does not start with akab-');
  if (!/^[A-Za-z0-9+/]{20,}={0,2}$/.test(v.clientSecret)) problems.push('client_secret is not base64');
  const maxBody = v.maxBody === undefined || v.maxBody === '' ? 131_072 : Number(v.maxBody);
  if (!Number.isInteger(maxBody) || maxBody <= 0) problems.push('max_body is not a positive integer');
  if (problems.length > 0) return { problem: `${v.from}: ${problems.join('; ')}` };
  return { ...v, host: v.host.replace(/^https?:\/\//, '').replace(/\/$/, ''), maxBody };
}

/** Reads the EdgeGrid credentials from the environment or the .edgerc file. */
export function readEdgeRc(profile: { path?: string | undefined; section?: string | undefined } | undefined, env: NodeJS.ProcessEnv = process.env): EdgeRc | { problem: string } {
  const vars = ['AKAMAI_HOST', 'AKAMAI_CLIENT_TOKEN', 'AKAMAI_CLIENT_SECRET', 'AKAMAI_ACCESS_TOKEN'] as const;
  const set = vars.filter((n) => (env[n] ?? '') !== '');
  if (profile?.path === undefined && set.length > 0) {
    if (set.length < vars.length) return { problem: `${vars.filter((n) => !set.includes(n)).join(', ')} not set (the other AKAMAI_* variables are: all four are needed)` };
    return checked({ host: env.AKAMAI_HOST ?? '', clientToken: env.AKAMAI_CLIENT_TOKEN ?? '', clientSecret: env.AKAMAI_CLIENT_SECRET ?? '', accessToken: env.AKAMAI_ACCESS_TOKEN ?? '', maxBody: env.AKAMAI_MAX_BODY, from: 'environment variables AKAMAI_HOST, AKAMAI_CLIENT_TOKEN, AKAMAI_CLIENT_SECRET, AKAMAI_ACCESS_TOKEN' });
  }
  const path = profile?.path ?? (env.AKAMAI_EDGERC || join(homedir(), '.edgerc'));
  const section = profile?.section ?? (env.AKAMAI_EDGERC_SECTION || 'default');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { problem: `cannot read the EdgeGrid file ${path} (AKAMAI_EDGERC, or set AKAMAI_HOST and the three AKAMAI_* tokens): ${describeError(err)}` };
  }
  const s = parseEdgeRc(text).get(section);
  if (s === undefined) return { problem: `${path} has no [${section}] section` };
  const missing = ['host', 'client_token', 'client_secret', 'access_token'].filter((k) => (s.get(k) ?? '') === '');
  if (missing.length > 0) return { problem: `${path} [${section}] lacks ${missing.join(', ')}` };
  return checked({ host: s.get('host') ?? '', clientToken: s.get('client_token') ?? '', clientSecret: s.get('client_secret') ?? '', accessToken: s.get('access_token') ?? '', maxBody: s.get('max_body'), from: `${path} [${section}]` });
}
