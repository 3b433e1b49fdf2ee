import { describe, expect, it } from 'vitest';
import type { RequestClient } from '../providers/adapter.js';
import { closeClientsOnStop, settleOrStop } from './stop-in-flight.js';

const never = new Promise<void>(() => undefined);

describe('settleOrStop', () => {
  it('resolves false as soon as the work settles, resolved or rejected', async () => {
    const stop = new AbortController();
    expect(await settleOrStop(Promise.resolve(), stop.signal, 10)).toBe(false);
    expect(await settleOrStop(Promise.reject(new Error('x')), stop.signal, 10)).toBe(false);
  });

  it('waits for unfinished work only the grace after a stop, also one that came before', async () => {
    const stop = new AbortController();
    const waiting = settleOrStop(never, stop.signal, 20);
    stop.abort();
    expect(await waiting).toBe(true);
    expect(await settleOrStop(never, stop.signal, 20)).toBe(true);
  });

  it('lets work finishing within the grace finish', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await settleOrStop(new Promise((r) => setTimeout(r, 5)), stop.signal, 10_000)).toBe(false);
  });
});

describe('closeClientsOnStop', () => {
  it('closes every client when the stop comes, once', () => {
    const closed: string[] = [];
    const client = (id: string): RequestClient => ({
      edge: { id, url: 'http://127.0.0.1:1' },
      get: () => undefined,
      close: () => {
        closed.push(id);
        return Promise.resolve();
      },
    });
    const stop = new AbortController();
    closeClientsOnStop(stop.signal, [client('a'), client('b')]);
    expect(closed).toEqual([]);
    stop.abort();
    stop.abort();
    expect(closed).toEqual(['a', 'b']);
  });
});
