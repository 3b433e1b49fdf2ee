import { describe, expect, it } from 'vitest';
import { stagingProfileSchema } from './staging-profile.js';
import { stagingPops } from './staging-pops.js';

function parse(raw: unknown): ReturnType<typeof stagingProfileSchema.safeParse> {
  return stagingProfileSchema.safeParse(raw);
}

describe('staging profile and PoPs', () => {
  it('makes one PoP per unpinned URL, named by host', () => {
    const p = parse({ kind: 'staging', endpoints: ['https://a.example.com/', { url: 'http://b.example.com:8080/v1/', id: 'b' }] });
    expect(p.success).toBe(true);
    if (!p.success) return;
    expect(p.data.dialect).toBe('auto');
    expect(stagingPops(p.data.endpoints)).toEqual([
      { id: 'a.example.com', origin: 'https://a.example.com', basePath: '', region: 'default' },
      { id: 'b', origin: 'http://b.example.com:8080', basePath: '/v1', region: 'default' },
    ]);
  });

  it('pins PoPs to addresses and keeps the URL origin (Host, SNI) for each', () => {
    const p = parse({ kind: 'staging', endpoints: [{ url: 'https://cdn.example.com/', pops: [{ id: 'fra', address: '192.0.2.1', region: 'europe' }, { id: 'iad', address: '2001:db8::1' }] }] });
    if (!p.success) throw new Error(p.error.message);
    const pops = stagingPops(p.data.endpoints);
    expect(pops.map((x) => [x.id, x.address, x.origin, x.region])).toEqual([
      ['fra', '192.0.2.1', 'https://cdn.example.com', 'europe'],
      ['iad', '2001:db8::1', 'https://cdn.example.com', 'default'],
    ]);
  });

  it('rejects credentials in URLs, bad addresses, duplicate PoP ids, two purge hooks and empty cacheBust', () => {
    const bad = parse({
      kind: 'staging',
      endpoints: ['https://u:p@a.example.com/', { url: 'https://b.example.com/', pops: [{ id: 'x', address: 'not-an-ip' }] }, 'https://c.example.com/', 'https://c.example.com/'],
      purge: { webhook: { url: 'https://h.example.com/' }, command: { argv: ['true'] } },
      cacheBust: {},
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const messages = bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(/endpoints\.0.*credentials/);
    expect(messages).toMatch(/address.*IPv4 or IPv6/);
    expect(messages).toMatch(/endpoints\.3: PoP id "c.example.com" is used twice/);
    expect(messages).toMatch(/purge: give exactly one of webhook or command/);
    expect(messages).toMatch(/cacheBust: give query, pathPrefix or both/);
  });
});
