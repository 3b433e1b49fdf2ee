import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (_e: Error): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('counts tasks until they settle, rejections included, and wakes waiters below a limit', async () => {
    const f = new InFlight();
    const a = deferred();
    const b = deferred();
    f.add(a.promise);
    f.add(b.promise);
    expect(f.size).toBe(2);
    let belowTwo = false;
    let allDone = false;
    void f.below(2).then(() => (belowTwo = true));
    void f.below(1).then(() => (allDone = true));
    await Promise.resolve();
    expect([belowTwo, allDone]).toEqual([false, false]);
    a.resolve();
    await new Promise((r) => setImmediate(r));
    expect([f.size, belowTwo, allDone]).toEqual([1, true, false]);
    b.reject(new Error('task failed'));
    await new Promise((r) => setImmediate(r));
    expect([f.size, allDone]).toEqual([0, true]);
  });

  it('keeps one reaction per task: 20,000 tasks waited on one by one leave the heap flat', async () => {
    // The Promise.race loop it replaces added n reactions per finished task (n² in all).
    const f = new InFlight();
    const tasks = Array.from({ length: 20_000 }, () => deferred());
    for (const t of tasks) f.add(t.promise);
    let woken = 0;
    for (const t of tasks) {
      const w = f.below(f.size);
      t.resolve();
      await w;
      woken++;
    }
    expect([woken, f.size]).toEqual([20_000, 0]);
    await f.below(1);
  });
});
