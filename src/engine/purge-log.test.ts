import { describe, expect, it } from 'vitest';
import type { PurgeRecord } from '../result/result-model.js';
import { isPriced, isPurger, type ProviderAdapter, type PurgeReceipt, type PurgeRequest } from '../providers/adapter.js';
import { getDialect } from '../dialects/registry.js';
import { TargetProvider } from '../providers/target/target-provider.js';
import { recordingPurges } from './purge-log.js';

class FakePurger extends TargetProvider {
  readonly purgeKinds = ['url', 'tag'] as const;
  readonly asked: PurgeRequest[] = [];
  #secret = 'private-state';
  constructor(private readonly answer: PurgeReceipt | Error) {
    super('fake', [{ id: 'a', url: 'http://127.0.0.1:1' }], getDialect('generic'));
  }
  get prices(): undefined {
    return undefined;
  }
  popRegion(): string {
    return this.#secret;
  }
  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    this.asked.push(req);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

describe('recordingPurges', () => {
  it('returns a provider that cannot purge unchanged', () => {
    const p: ProviderAdapter = new TargetProvider('t', [{ id: 'a', url: 'http://127.0.0.1:1' }]);
    expect(recordingPurges(p, [], 0)).toBe(p);
  });

  it('records each purge with its receipt, and keeps every other member working on the real provider', async () => {
    const into: PurgeRecord[] = [];
    const real = new FakePurger({ ok: false, apiMs: 12, calls: 2, attempts: 5, error: 'HTTP 500' });
    const view = recordingPurges(real, into, performance.now());
    expect(isPurger(view)).toBe(true);
    expect(isPriced(view)).toBe(false);
    expect(view.edges()).toEqual(real.edges());
    expect(view.popRegion()).toBe('private-state'); // bound to the real object: #private fields work
    const r = await view.purge({ urls: ['/a', '/b'], tags: ['t'] });
    expect(r.error).toBe('HTTP 500');
    expect(real.asked).toEqual([{ urls: ['/a', '/b'], tags: ['t'] }]);
    expect(into).toEqual([{ atMs: expect.any(Number) as number, urls: 2, tags: 1, all: false, ok: false, apiMs: 12, calls: 2, attempts: 5, completedMs: null, id: null, error: 'HTTP 500', asked: { urls: ['/a', '/b'], tags: ['t'] } }]);
  });

  it('records a purge that throws, then rethrows', async () => {
    const into: PurgeRecord[] = [];
    const view = recordingPurges(new FakePurger(new Error('boom')), into, performance.now());
    await expect(view.purge({ all: true })).rejects.toThrow('boom');
    expect(into).toMatchObject([{ all: true, ok: false, error: 'boom', attempts: null }]);
  });
});
