import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../errors.js';
import { checkOpenFiles, isLoopbackHost, sourcePlan } from './crowd-limits.js';

describe('crowd limits', () => {
  it('lets the kernel choose source addresses while every PoP fits in one port budget', () => {
    const plan = sourcePlan([20_000, 20_000, 10_000], ['127.0.0.1', '127.0.0.1', '127.0.0.1'], 25_000);
    expect(plan.sources).toBe(1);
    expect(plan.addressOf(49_999)).toBeUndefined();
  });

  it('binds 127.0.0.2, .3, … each up to the budget when one PoP needs more ports than one address has', () => {
    const plan = sourcePlan([50_000], ['127.0.0.1'], 25_000);
    expect(plan.sources).toBe(2);
    expect([plan.addressOf(0), plan.addressOf(24_999), plan.addressOf(25_000), plan.addressOf(49_999)]).toEqual(['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3']);
  });

  it('refuses extra source addresses off loopback, and a crowd above the open-files limit, with exit 104', () => {
    expect(() => sourcePlan([50_000], ['cdn.example.com'], 25_000)).toThrow(InvalidConfigError);
    expect(() => checkOpenFiles(50_000, 20_000)).toThrow(/at most 20,000 files \(ulimit -n/);
    expect(() => checkOpenFiles(10_000, 20_000)).not.toThrow();
    expect([isLoopbackHost('127.0.0.1'), isLoopbackHost('localhost'), isLoopbackHost('::1'), isLoopbackHost('10.0.0.1')]).toEqual([true, true, false, false]);
  });
});
