import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCdnbenchError } from '../errors.js';
import { scenarioSchema } from '../scenario/schema.js';
import { formatZodIssues } from '../util/zod-issues.js';
import { loadSloFile, thresholdRules } from './threshold-config.js';

const scenario = (thresholds: unknown): unknown => ({
  name: 'unit', sessions: { r: { steps: [{ get: '/x' }] } }, load: { model: 'open' }, phases: [{ duration: '1s', rate: 1 }], thresholds,
});

function problems(raw: unknown): string[] {
  const parsed = scenarioSchema.safeParse(raw);
  return parsed.success ? [] : formatZodIssues(parsed.error);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-slo-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scenario thresholds:', () => {
  it('accepts strings and k6-style objects, and is optional', () => {
    expect(problems(scenario(undefined))).toEqual([]);
    const ok = scenario(['small_object_p95{pop:*} < 50ms', { threshold: 'error_rate < 1%', abortOnFail: true, delayAbortEval: '5s' }]);
    expect(problems(ok)).toEqual([]);
    const rules = thresholdRules(scenarioSchema.parse(ok).thresholds ?? []);
    expect(rules.map((r) => [r.threshold.metric, r.threshold.abortOnFail, r.delayAbortEvalMs])).toEqual([['small_object_p95', false, 0], ['error_rate', true, 5000]]);
  });

  it('reports a bad threshold with its path and column', () => {
    expect(problems(scenario(['hit_ratio >= 0.99', 'hit_ratio >= 99ms']))).toEqual([
      'thresholds[1]: column 16: ms is a time unit but hit_ratio is a ratio: write a ratio 0..1 or a percentage (e.g. 0.99 or 99%)',
    ]);
    expect(problems(scenario([{ threshold: 'small_object_p95 < 50' }]))).toEqual(['thresholds[0].threshold: column 22: small_object_p95 is a time: write a time with a unit: us, ms, s, m or h (e.g. 50ms)']);
  });

  it('rejects delayAbortEval without abortOnFail and unknown keys', () => {
    expect(problems(scenario([{ threshold: 'error_rate < 1%', delayAbortEval: '5s' }]))).toEqual(['thresholds[0].delayAbortEval: delayAbortEval only applies with abortOnFail: true']);
    expect(problems(scenario([{ threshold: 'error_rate < 1%', abortOnFail: true, delayAbortEval: 'soon' }]))).toEqual(['thresholds[0].delayAbortEval: expected a duration like 500ms, 30s, 2m or 1h']);
    expect(problems(scenario([{ threshold: 'error_rate < 1%', abort: true }]))).toEqual(['thresholds[0].abort: unknown key']);
  });
});

describe('loadSloFile', () => {
  it('reads YAML and JSON files', async () => {
    await writeFile(join(dir, 'ok.yaml'), 'thresholds:\n  - "small_object_p95 < 50ms"\n  - { threshold: "hit_ratio >= 0.9", abortOnFail: true }\n');
    expect((await loadSloFile(join(dir, 'ok.yaml'))).map((r) => r.threshold.source)).toEqual(['small_object_p95 < 50ms', 'hit_ratio >= 0.9']);
    await writeFile(join(dir, 'ok.json'), JSON.stringify({ thresholds: ['requests > 1'] }));
    expect((await loadSloFile(join(dir, 'ok.json')))[0]?.threshold.value).toBe(1);
  });

  async function errorOf(name: string, text: string | null): Promise<{ message: string; details: readonly string[]; code: number }> {
    if (text !== null) await writeFile(join(dir, name), text);
    try {
      await loadSloFile(join(dir, name));
    } catch (err) {
      if (isCdnbenchError(err)) return { message: err.message, details: err.details, code: err.exitCode };
      throw err;
    }
    throw new Error('loaded');
  }

  it('lists every problem with its path, exit 104', async () => {
    const e = await errorOf('bad.yaml', 'thresholds:\n  - "hit_ratio >= 99ms"\n  - "small_object_p95 <"\n');
    expect(e.code).toBe(104);
    expect(e.message).toBe(`invalid SLO file ${join(dir, 'bad.yaml')}: 2 problems`);
    expect(e.details).toEqual([
      'thresholds[0]: column 16: ms is a time unit but hit_ratio is a ratio: write a ratio 0..1 or a percentage (e.g. 0.99 or 99%)',
      'thresholds[1]: column 19: expected a number: a time with a unit: us, ms, s, m or h (e.g. 50ms)',
    ]);
  });

  it('rejects empty, malformed and missing files', async () => {
    expect((await errorOf('empty.yaml', '')).details).toEqual(['thresholds: Invalid input: expected array, received undefined']);
    expect((await errorOf('none.yaml', 'thresholds: []\n')).details).toEqual(['thresholds: expected at least one threshold']);
    expect((await errorOf('broken.yaml', 'thresholds: [\n')).message).toMatch(/^malformed YAML in SLO file .*broken\.yaml: line \d+, column \d+/);
    const missing = await errorOf('missing.yaml', null);
    expect(missing.message).toMatch(/^cannot read SLO file .*missing\.yaml/);
    expect(missing.code).toBe(104);
  });
});
