/**
 * Bad input around datasets and env headers through the built CLI: each is one clear line and exit 104,
 * before any request reaches the test's server (its own counter is the ground truth).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { startCountingOrigin, type CountingOrigin } from './helpers/counting-origin.js';

let dir = '';
let origin: CountingOrigin | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-dscfg-'));
  origin = await startCountingOrigin(['/a']);
});
afterEach(async () => {
  await origin?.close();
  await rm(dir, { recursive: true, force: true });
});

const scenario = (step: string): string => `name: cfg
load: { model: open }
phases: [{ duration: 1s, rate: 5 }]
sessions:
  a:
    steps:
      - ${step}
`;

describe('datasets and env headers: bad input', () => {
  it('an unset ${env.NAME} → 104 naming it and where it is used; nothing sent', async () => {
    await writeFile(join(dir, 's.yaml'), scenario('get: /a\n        headers: { Authorization: "Bearer ${env.CDNBENCH_TEST_UNSET_TOKEN}" }'));
    const r = await runCli(['run', 's.yaml', '--target', origin?.url ?? '', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(104);
    expect(r.stderr.split('\n')[0]).toBe('cdnbench: sessions.a.steps[0].headers.Authorization: ${env.CDNBENCH_TEST_UNSET_TOKEN} is not set (export CDNBENCH_TEST_UNSET_TOKEN=… or pass -e CDNBENCH_TEST_UNSET_TOKEN=…)');
    expect(origin?.requests).toBe(0);
  });

  it('a dataset line that is not a path → 104 with the file and line; export k6 refuses dataset steps', async () => {
    await writeFile(join(dir, 'urls.csv'), 'path,weight\n/a,1\nb,1\n');
    await writeFile(join(dir, 's.yaml'), scenario('get: { from: urls.csv }'));
    const r = await runCli(['run', 's.yaml', '--target', origin?.url ?? '', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(104);
    expect(r.stderr).toContain('sessions.a.steps[0].get.from: invalid dataset urls.csv: line 3: expected a path starting with / (relative to each PoP), got "b"');
    await writeFile(join(dir, 'urls.csv'), 'path,weight\n/a,1\n');
    const k6 = await runCli(['export', 'k6', 's.yaml'], { cwd: dir });
    expect(k6.code).toBe(104);
    expect(k6.stderr).toMatch(/dataset draws and log replays run on the built-in engine only/);
    expect(origin?.requests).toBe(0);
  });
});
