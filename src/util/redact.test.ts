import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';

const SECRET = 'cf-Tok3n/for+the_redaction.test-0123456789';
const redactor = (): Redactor => {
  const r = new Redactor();
  r.add(SECRET);
  return r;
};
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const halves = [SECRET.slice(0, 21), SECRET.slice(21)];

describe('Redactor: pieces of a secret in any encoding', () => {
  const forms: [string, string][] = [
    ['plain', SECRET],
    ['hex', hex(SECRET)],
    ['HEX', hex(SECRET).toUpperCase()],
    ['base64', b64(SECRET)],
    ['base64url', b64url(SECRET)],
    ['url-encoded', encodeURIComponent(SECRET)],
    ['plain halves', `${halves[0] ?? ''} and ${halves[1] ?? ''}`],
    ['hex halves', `${hex(halves[0] ?? '')} / ${hex(halves[1] ?? '')}`],
    ['base64 halves', `${b64(halves[0] ?? '')},${b64(halves[1] ?? '')}`],
    ['base64url halves at odd offsets', `${b64url(SECRET.slice(0, 13))} ${b64url(SECRET.slice(13, 28))} ${b64url(SECRET.slice(28))}`],
    ['url-encoded halves', `${encodeURIComponent(halves[0] ?? '')}&${encodeURIComponent(halves[1] ?? '')}`],
    ['embedded in a word', `token=xx${SECRET.slice(5, 20)}yy`],
  ];
  for (const [name, echoed] of forms) {
    it(`removes ${name}`, () => {
      const out = redactor().redact(`{"errors":[{"message":"bad token ${echoed} (echoed)"}]}`);
      expect(out).toContain('[redacted]');
      expect(out).toContain('(echoed)');
      // No window of 8 characters of any echoed form survives.
      for (let i = 0; i + 8 <= echoed.length; i++) {
        const w = echoed.slice(i, i + 8);
        if (/^[\s/,&=]|[\s,&]/.test(w)) continue; // separators the test itself put between halves
        expect(out.includes(w), `${name}: "${w}" survived in ${out}`).toBe(false);
      }
    });
  }

  it('keeps text without secrets intact, also hex and base64 that are not the secret', () => {
    const text = 'purge_cache: HTTP 403: Authentication error (code 10000) id 5f2a9c0d1e7b4a38 ' + b64('some other value entirely');
    expect(redactor().redact(text)).toBe(text);
  });

  it('still removes short secrets (6-7 characters) when whole', () => {
    const r = new Redactor();
    r.add('s3cr3t');
    expect(r.redact('key s3cr3t here')).toBe('key [redacted] here');
  });
});
