import { describe, expect, it } from 'vitest';
import { sample, samples } from '../../test/helpers/slo-result.js';
import { Recorder } from '../result/recorder.js';
import { liveAbortCheck } from './live-check.js';
import { parseThreshold } from '../slo/parse-threshold.js';

const rule = (text: string, abortOnFail = true, delayAbortEvalMs = 0) => ({ threshold: parseThreshold(text, { abortOnFail }), delayAbortEvalMs });

function recorderWith(...all: ReturnType<typeof sample>[][]): Recorder {
  const r = new Recorder({ smallObjectMaxBytes: 16_384 });
  for (const list of all) for (const s of list) r.add(s);
  return r;
}

describe('liveAbortCheck', () => {
  it('is absent when no threshold asks for abortOnFail', () => {
    expect(liveAbortCheck([rule('small_object_p95 < 1ms', false)])).toBeUndefined();
  });

  it('stops on the first failing live value once delayAbortEval has passed', () => {
    const check = liveAbortCheck([rule('error_rate < 1%', true, 5000)], 250);
    expect(check?.intervalMs).toBe(250);
    const r = recorderWith(samples(90, () => 1000), samples(10, () => 1000, { status: 503 }));
    expect(check?.check('p1', r, 4999)).toBeNull();
    expect(check?.check('p1', r, 5000)).toBe('error_rate < 1% failed after 5s: 10.0%, expected < 1.0%');
  });

  it('names the failing scope and ignores passing ones', () => {
    const check = liveAbortCheck([rule('small_object_p95{pop:*} < 50ms')]);
    const r = recorderWith(samples(20, () => 10_000, { pop: 'FRA' }), samples(20, () => 80_000, { pop: 'IAD' }));
    expect(check?.check('p1', r, 1000)).toMatch(/^small_object_p95\{pop:\*\} < 50ms failed after 1s: 80\.\dms \(pop:IAD\), expected < 50\.0ms$/);
    expect(check?.check('p1', recorderWith(samples(20, () => 10_000, { pop: 'FRA' })), 1000)).toBeNull();
  });

  it('does not abort before there is data, nor for a provider the threshold does not select', () => {
    const check = liveAbortCheck([rule('small_object_p95{provider:p2} < 1ms')]);
    const r = recorderWith(samples(20, () => 10_000));
    expect(check?.check('p1', r, 1000)).toBeNull();
    expect(check?.check('p2', r, 1000)).toBeNull();
    expect(check?.check('p2', recorderWith(samples(5, () => 10_000, { provider: 'p2' })), 1000)).toMatch(/failed after 1s: 10\.0ms/);
  });
});
