/**
 * The EdgeGrid signer against Akamai's published test vectors: test/test_data.json and test/test.js of
 * akamai/AkamaiOPEN-edgegrid-node (the same suite the Python and Go libraries share) — credentials,
 * timestamp and nonce fixed, each case's expected Authorization header copied from the file.
 */
import { describe, expect, it } from 'vitest';
import { verifyEdgeGrid } from '../../../../test/helpers/edgegrid-verifier.js';
import { signEdgeGrid, edgeGridTimestamp } from './edgegrid-sign.js';

const BASE = 'https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net';
const creds = { clientToken: 'akab-client-token-xxx-xxxxxxxxxxxxxxxx', accessToken: 'akab-access-token-xxx-xxxxxxxxxxxxxxxx', clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=' };
const fixed = { timestamp: '20140321T19:34:21+0000', nonce: 'nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', maxBody: 2048, headersToSign: ['X-Test1', 'X-Test2', 'X-Test3'] };
const PREFIX = `EG1-HMAC-SHA256 client_token=${creds.clientToken};access_token=${creds.accessToken};timestamp=${fixed.timestamp};nonce=${fixed.nonce};signature=`;

interface Vector {
  name: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  maxBody?: number;
  signature: string;
}

const VECTORS: Vector[] = [
  { name: 'simple GET', method: 'GET', path: '/', signature: 'tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=' },
  { name: 'GET with querystring', method: 'GET', path: '/testapi/v1/t1?p1=1&p2=2', signature: 'hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=' },
  { name: 'POST inside limit', method: 'POST', path: '/testapi/v1/t3', body: 'datadatadatadatadatadatadatadata', signature: 'hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4=' },
  { name: 'POST uses passed max_body (10)', method: 'POST', path: '/testapi/v1/t3', body: 'datadatadatadatadatadatadatadata', maxBody: 10, signature: 'asJgKWm9tB/YhFByqnOtpcgvmzR+zpTGBgaSY/IhbNA=' },
  { name: 'POST too large (hash of the first 2048 bytes)', method: 'POST', path: '/testapi/v1/t3', body: 'd'.repeat(4096), signature: '6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=' },
  { name: 'POST length equals max_body', method: 'POST', path: '/testapi/v1/t3', body: 'd'.repeat(2048), signature: '6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=' },
  { name: 'POST empty body', method: 'POST', path: '/testapi/v1/t6', body: '', signature: '1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ=' },
  { name: 'simple header signing with GET', method: 'GET', path: '/testapi/v1/t4', headers: { 'X-Test1': 'test-simple-header' }, signature: '8F9AybcRw+PLxnvT+H0JRkjROrrUgsxJTnRXMzqvcwY=' },
  { name: 'header containing spaces', method: 'GET', path: '/testapi/v1/t4', headers: { 'X-Test1': '"     test-header-with-spaces     "' }, signature: 'ucq2AbjCNtobHfCTuS38fdkl5UDdWHZhQX46fYR8CqI=' },
  { name: 'header with leading and interior spaces', method: 'GET', path: '/testapi/v1/t4', headers: { 'X-Test1': '     first-thing      second-thing' }, signature: 'WtnneL539UadAAOJwnsXvPqT4Kt6z7HMgBEwAFpt3+c=' },
  { name: 'headers out of order', method: 'GET', path: '/testapi/v1/t4', headers: { 'X-Test2': 't2', 'X-Test1': 't1', 'X-Test3': 't3' }, signature: 'Wus73Nx8jOYM+kkBFF2q8D1EATRIMr0WLWwpLBgkBqY=' },
  { name: 'extra header (not signed)', method: 'GET', path: '/testapi/v1/t5', headers: { 'X-Test2': 't2', 'X-Test1': 't1', 'X-Test3': 't3', 'X-Extra': "this won't be included" }, signature: 'Knd/jc0A5Ghhizjayr0AUUvl2MZjBpS3FDSzvtq4Ixc=' },
  { name: 'PUT (body not hashed)', method: 'PUT', path: '/testapi/v1/t6', body: 'PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP', signature: 'GNBWEYSEWOLtu+7dD52da2C39aX/Jchpon3K/AmBqBU=' },
];

describe('EdgeGrid EG1-HMAC-SHA256 signer', () => {
  for (const v of VECTORS) {
    it(`matches the published vector "${v.name}"`, () => {
      const header = signEdgeGrid({ method: v.method, url: new URL(`${BASE}${v.path}`), headers: v.headers ?? {}, body: v.body ?? '' }, creds, { ...fixed, ...(v.maxBody === undefined ? {} : { maxBody: v.maxBody }) });
      expect(header).toBe(`${PREFIX}${v.signature}`);
    });
  }

  it('the contract tests\' independent verifier accepts every published vector and rejects a tampered one', () => {
    for (const v of VECTORS) {
      const u = new URL(`${BASE}${v.path}`);
      const signed = (v.headers === undefined ? [] : fixed.headersToSign.filter((h) => h in (v.headers ?? {})).map((h): [string, string] => [h, v.headers?.[h] ?? '']));
      const req = { method: v.method, scheme: 'https', host: u.host, pathAndQuery: `${u.pathname}${u.search}`, body: v.body ?? '', signedHeaders: signed };
      expect(verifyEdgeGrid(req, `${PREFIX}${v.signature}`, creds.clientSecret, v.maxBody ?? 2048), v.name).toBe(true);
      expect(verifyEdgeGrid({ ...req, pathAndQuery: `${req.pathAndQuery}x` }, `${PREFIX}${v.signature}`, creds.clientSecret, v.maxBody ?? 2048)).toBe(false);
    }
  });

  it('formats timestamps as EdgeGrid wants them', () => {
    expect(edgeGridTimestamp(new Date('2014-03-21T19:34:21.123Z'))).toBe('20140321T19:34:21+0000');
  });
});
