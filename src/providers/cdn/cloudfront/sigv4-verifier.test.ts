/**
 * The SigV4 verifier the CloudFront contract tests rely on, checked against AWS's published Signature
 * Version 4 test suite (aws-sig-v4-test-suite: get-vanilla, post-vanilla, get-vanilla-query-order-key-case;
 * credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1,
 * service "service"). A verifier that accepted anything would pass the contract tests vacuously; this
 * shows it accepts exactly the published signatures and rejects a changed byte.
 */
import { describe, expect, it } from 'vitest';
import { parseSigV4Auth, verifySigV4 } from '../../../../test/helpers/sigv4-verifier.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const auth = (sig: string): string => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}`;
const headers = { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' };

const VECTORS = [
  { name: 'get-vanilla', method: 'GET', path: '/', sig: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  { name: 'post-vanilla', method: 'POST', path: '/', sig: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
  { name: 'get-vanilla-query-order-key-case', method: 'GET', path: '/?Param2=value2&Param1=value1', sig: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' },
];

describe('SigV4 verifier (test helper)', () => {
  for (const v of VECTORS) {
    it(`accepts the published "${v.name}" signature`, () => {
      expect(verifySigV4({ method: v.method, path: v.path, headers: { ...headers, authorization: auth(v.sig) }, body: '' }, SECRET)).toBe(true);
    });
  }

  it('rejects a changed signature, secret, path, header or body', () => {
    const ok = { method: 'GET', path: '/', headers: { ...headers, authorization: auth(VECTORS[0]?.sig ?? '') }, body: '' };
    expect(verifySigV4({ ...ok, headers: { ...ok.headers, authorization: auth(`4${(VECTORS[0]?.sig ?? '').slice(1)}`) } }, SECRET)).toBe(false);
    expect(verifySigV4(ok, `${SECRET}x`)).toBe(false);
    expect(verifySigV4({ ...ok, path: '/x' }, SECRET)).toBe(false);
    expect(verifySigV4({ ...ok, headers: { ...ok.headers, host: 'other.amazonaws.com' } }, SECRET)).toBe(false);
    expect(verifySigV4({ ...ok, body: 'x' }, SECRET)).toBe(false);
    expect(verifySigV4({ ...ok, headers: { ...headers } }, SECRET)).toBe(false);
  });

  it('parses the Authorization header', () => {
    expect(parseSigV4Auth(auth(VECTORS[0]?.sig ?? ''))).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'service', signedHeaders: ['host', 'x-amz-date'] });
  });
});
