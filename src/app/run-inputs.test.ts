import { describe, expect, it } from 'vitest';
import { refusal } from '../../test/helpers/refusal.js';
import { TargetProvider } from '../providers/target/target-provider.js';
import { chooseWorkers } from './run-inputs.js';

const target = [TargetProvider.fromUrls('target', ['http://127.0.0.1:1'])];

describe('chooseWorkers', () => {
  it('takes --workers first, then CDNBENCH_WORKERS, else the machine default', () => {
    expect(chooseWorkers(3, target, { CDNBENCH_WORKERS: '1' })).toEqual({ count: 3, explicit: true });
    expect(chooseWorkers(undefined, target, { CDNBENCH_WORKERS: '2' })).toEqual({ count: 2, explicit: true });
    expect(chooseWorkers(undefined, target, {}).explicit).toBe(false);
    expect(chooseWorkers(undefined, target, { CDNBENCH_WORKERS: ' ' }).explicit).toBe(false);
  });

  it('refuses a count that is not an integer from 1 to 256, naming where it came from (exit 2)', () => {
    expect(refusal(() => chooseWorkers(0, target, {}))).toBe('2 --workers 0: the worker count is an integer from 1 to 256');
    expect(refusal(() => chooseWorkers(undefined, target, { CDNBENCH_WORKERS: 'many' }))).toBe('2 CDNBENCH_WORKERS=many: the worker count is an integer from 1 to 256');
  });
});
