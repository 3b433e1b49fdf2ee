/**
 * Hostile or broken input files through the built CLI: a YAML alias bomb in each kind of YAML file the CLI
 * reads, a `.ts` scenario with a syntax error and one that never finishes loading. Each must end in exit 104
 * with one line naming the file, never an internal error or a hang. Every file is written by the test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertCliBuilt, linesOf, runCli, type CliResult } from './helpers/cli.js';

let dir = '';
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-bad-input-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Nine levels of nine: 9^9 (387 million) strings once expanded, a few hundred bytes on disk.
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => {
    const prev = 'abcdefghi'[i] ?? 'a';
    return `${k}: &${k} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`;
  }),
  '',
].join('\n');

const VALID = 'name: ok\nsessions: { one: { steps: [ { get: "/x" } ] } }\nload: { model: open }\nphases: [ { duration: 1s, rate: 2 } ]\n';

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Asserts exit 104 with one `cdnbench: …` line (plus at most detail lines); returns that line. */
function refused(r: CliResult): string {
  expect(r.timedOut, r.stderr).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 104 });
  const first = linesOf(r.stderr)[0] ?? '';
  expect(first).toMatch(/^cdnbench: /);
  expect(r.stderr).not.toMatch(/internal error/);
  return first;
}

describe('YAML alias bomb', { timeout: 120_000 }, () => {
  // Port 9 (discard) is never contacted: every refusal here happens before any load.
  const target = 'http://127.0.0.1:9';

  it('in a scenario → 104 "malformed YAML", not an internal error', async () => {
    const bomb = await file('bomb.yaml', BOMB);
    const r = await runCli(['run', bomb, '--target', target, '--out', join(dir, 'o')], { timeoutMs: 30_000 });
    expect(refused(r)).toBe(`cdnbench: malformed YAML in ${bomb}: too many alias expansions (over 100; a YAML alias bomb?)`);
  });

  it('in an SLO file → 104', async () => {
    const scenario = await file('s.yaml', VALID);
    const bomb = await file('slo.yaml', `thresholds: ["small_object_p95 < 50ms"]\n${BOMB}`);
    const r = await runCli(['check', scenario, '--target', target, '--slo', bomb, '--out', join(dir, 'o')], { timeoutMs: 30_000 });
    expect(refused(r)).toBe(`cdnbench: malformed YAML in SLO file ${bomb}: too many alias expansions (over 100; a YAML alias bomb?)`);
  });

  it('in a provider profile → 104', async () => {
    const scenario = await file('s.yaml', VALID);
    const bomb = await file('p.yaml', `kind: target\n${BOMB}`);
    const r = await runCli(['run', scenario, '--provider', bomb, '--out', join(dir, 'o')], { timeoutMs: 30_000 });
    expect(refused(r)).toBe(`cdnbench: malformed YAML in provider profile ${bomb}: too many alias expansions (over 100; a YAML alias bomb?)`);
  });
});

describe('.ts scenarios', { timeout: 120_000 }, () => {
  it('a syntax error names the file, line and column', async () => {
    const bad = await file('bad.ts', 'export default {\n  name: "x",\n  sessions: { a: { steps: [ }\n};\n');
    const r = await runCli(['run', bad, '--target', 'http://127.0.0.1:9'], { timeoutMs: 60_000 });
    expect(refused(r)).toBe(`cdnbench: cannot load scenario module ${bad}: syntax error at line 3, column 28: Unexpected "}"`);
  });

  it('an endless loop at import ends in 104 at the load deadline instead of hanging', async () => {
    const loop = await file('loop.ts', 'while (true) { /* never returns */ }\nexport default {};\n');
    const r = await runCli(['run', loop, '--target', 'http://127.0.0.1:9'], { timeoutMs: 60_000, env: { CDNBENCH_SCENARIO_LOAD_TIMEOUT: '1500ms' } });
    expect(refused(r)).toBe(`cdnbench: cannot load scenario module ${loop}: it did not finish loading within 1.5 s (an endless loop or a wait at import?); CDNBENCH_SCENARIO_LOAD_TIMEOUT sets the limit`);
  });

  it('a module writing to stdout keeps stdout the command\'s own (--json stays parseable)', async () => {
    const chatty = await file('chatty.ts', `console.log('hello from the scenario');\nexport default ${JSON.stringify({ name: 'chatty', sessions: { one: { steps: [{ get: '/x' }] } }, load: { model: 'open' }, phases: [{ duration: '1s', rate: 2 }] })};\n`);
    const r = await runCli(['run', chatty, '--provider', 'edge-optimized', '--check-credentials', '--json'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stderr).toContain('hello from the scenario');
  });
});
