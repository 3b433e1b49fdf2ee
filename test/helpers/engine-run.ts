/**
 * One `cdnbench run` of a scenario against one provider profile (typically a real caching engine), whose
 * result the test reads back: the run must exit 0. TMPDIR is the test's folder, so every engine instance
 * directory lives (and is removed) with it.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ProviderResult } from '../../src/result/result-model.js';
import { readResultFile } from '../../src/result/result-schema.js';
import { runCli } from './cli.js';

/** Runs `scenario` against `provider` with `dir` as --out and TMPDIR; returns the one provider's result. */
export async function runEngineScenario(scenario: string, provider: string, dir: string): Promise<ProviderResult> {
  const r = await runCli(['run', scenario, '--provider', provider, '--out', dir, '--quiet'], { timeoutMs: 150_000, env: { TMPDIR: dir } });
  expect(r.code, r.stderr).toBe(0);
  const p = (await readResultFile(join(dir, 'result.json'))).providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  return p;
}
