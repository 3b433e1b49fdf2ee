/**
 * An API that echoes the credential back in its error bodies — plain, hex, base64, base64url, URL-encoded,
 * and split in halves — must not get it into anything cdnbench writes. The built CLI runs a Cloudflare
 * profile against a local fake API that answers every purge (and the credential check) with such a body;
 * stdout, stderr and result.json are then searched for any 8 consecutive characters of each echoed form.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';

const SECRET = 'cf-echo-T0ken/for+the_leak.test-0123456789abcdef';
const enc = {
  plain: (s: string): string => s,
  hex: (s: string): string => Buffer.from(s, 'utf8').toString('hex'),
  base64: (s: string): string => Buffer.from(s, 'utf8').toString('base64'),
  base64url: (s: string): string => Buffer.from(s, 'utf8').toString('base64url'),
  url: (s: string): string => encodeURIComponent(s),
};
const HALVES = [SECRET.slice(0, 24), SECRET.slice(24)] as const;

/** Each echo the fake API sends (one per purge call, in order): every encoding whole, then in halves. */
const ECHOES: string[] = [
  ...Object.values(enc).map((f) => f(SECRET)),
  ...Object.values(enc).map((f) => `${f(HALVES[0])} ... ${f(HALVES[1])}`),
];
/** The pieces that must not survive anywhere: each whole encoding and each encoded half. */
const PIECES: string[] = Object.values(enc).flatMap((f) => [f(SECRET), f(HALVES[0]), f(HALVES[1])]);

/** Every 8-character piece of an echoed form that appears in `text`. */
function leaks(text: string): string[] {
  const found = new Set<string>();
  for (const piece of PIECES) {
    for (let i = 0; i + 8 <= piece.length; i++) if (text.includes(piece.slice(i, i + 8))) found.add(piece.slice(i, i + 8));
  }
  return [...found];
}

let dir = '';
let api: FakeApi;
let edge: FakeApi;
let run: CliResult;
let check: CliResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-secret-echo-'));
  let purgeCalls = 0;
  api = await startFakeApi((req) => {
    if (req.path.startsWith('/client/v4/user/tokens/verify')) {
      return { status: 401, body: `invalid token ${enc.hex(SECRET)} / ${enc.base64(HALVES[0])}${enc.base64(HALVES[1])}` };
    }
    return { status: 400, body: { success: false, errors: [{ code: 1012, message: `request rejected: ${ECHOES[purgeCalls++ % ECHOES.length] ?? ''} is not allowed` }] } };
  });
  edge = await startFakeApi(() => ({ status: 200, headers: { 'cf-cache-status': 'HIT', 'cf-ray': '8a1b2c3d4e5f6a7b-AMS' }, body: '{"ok":true}' }));
  await writeFile(join(dir, 'cf.yaml'), `kind: cloudflare
zoneId: 023e105f4ecef8ad9ca31a8372d0c353
plan: enterprise
apiBase: ${api.url}/client/v4
retry: { maxAttempts: 1 }
edges: [{ id: staging, url: "${edge.url}" }]
`);
  const events = ECHOES.map((_, i) => `  - { at: ${100 + i * 100}ms, action: purge, urls: [/meta/9780000000002.json] }`);
  await writeFile(join(dir, 's.yaml'), `name: secret-echo
catalog: { seed: 7, books: 2, tracks: 4, albums: 1 }
sessions: { r: { steps: [ { get: "/meta/{isbn}.json" } ] } }
load: { model: open }
phases: [{ duration: 1500ms, rate: 4 }]
events:
${events.join('\n')}
`);
  const env = { CLOUDFLARE_API_TOKEN: SECRET };
  run = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'cf.yaml'), '--out', join(dir, 'out'), '--report', 'md'], { env, timeoutMs: 90_000 });
  check = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'cf.yaml'), '--check-credentials'], { env, timeoutMs: 60_000 });
}, 180_000);

afterAll(async () => {
  await api.close();
  await edge.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an API echoing the credential in its error bodies', () => {
  it('every purge failed with the API\'s (redacted) message, one per echo form', async () => {
    expect(run.code, run.stderr).toBe(0);
    const purges = (await readResultFile(join(dir, 'out', 'result.json'))).providers[0]?.summary.purges ?? [];
    expect(purges).toHaveLength(ECHOES.length);
    for (const p of purges) {
      expect(p.ok).toBe(false);
      // The message is still useful: the API's words around the echo survive.
      expect(p.error).toMatch(/^purge_cache: HTTP 400: request rejected: .*\[redacted\].* is not allowed \(code 1012\)$/);
    }
  });

  it('no 8 characters of any echoed form reach stdout, stderr, result.json or the report', async () => {
    const written = await readFile(join(dir, 'out', 'result.json'), 'utf8');
    const report = await readFile(join(dir, 'out', 'report.md'), 'utf8');
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ['result.json', written], ['report.md', report]] as const) {
      expect(leaks(text), where).toEqual([]);
    }
    expect(run.stderr).toContain('purge on cf failed: purge_cache: HTTP 400: request rejected: [redacted]');
  });

  it('the credential check reports the refusal without the echoed token', () => {
    expect(check.code).toBe(104);
    const all = `${check.stdout}\n${check.stderr}`;
    expect(all).toContain('HTTP 401');
    expect(all).toContain('[redacted]');
    expect(leaks(all)).toEqual([]);
  });
});
