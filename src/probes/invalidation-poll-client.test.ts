import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { headerVersion, PollGate, VersionClient } from './invalidation-poll-client.js';

describe('version tokens', () => {
  it('prefer the ETag (weak prefix dropped), then x-cdnbench-object-version', () => {
    expect(headerVersion('"a"', '2')).toBe('etag:"a"');
    expect(headerVersion('W/"a"', undefined)).toBe('etag:"a"');
    expect(headerVersion(undefined, '2')).toBe('version:2');
    expect(headerVersion(undefined, undefined)).toBeNull();
  });

  it('hash the body when a response has neither; non-2xx and network failures have no version', async () => {
    let body = 'one';
    let status = 200;
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['cache-control']);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const client = new VersionClient({ id: 'x', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, 1, 2_000);
    try {
      const a = await client.get('/o');
      const a2 = await client.get('/o');
      body = 'two';
      const b = await client.get('/o');
      status = 503;
      const err = await client.get('/o');
      expect(a.version).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(a2.version).toBe(a.version);
      expect(b.version).not.toBe(a.version);
      expect(err).toMatchObject({ status: 503, version: null });
      expect(b.sentAt).toBeLessThanOrEqual(b.endAt);
      expect(seen.every((v) => v === undefined)).toBe(true); // plain GETs, as a reader sends them
    } finally {
      await client.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
    const down = new VersionClient({ id: 'y', url: 'http://127.0.0.1:9' }, 1, 1_000);
    expect(await down.get('/o')).toMatchObject({ status: 0, version: null });
    await down.close();
  });
});

describe('PollGate', () => {
  it('never runs more than its limit at once and runs everything', async () => {
    const gate = new PollGate(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gate.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2 + (i % 3)));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(() => new PollGate(0)).toThrow(RangeError);
  });
});
