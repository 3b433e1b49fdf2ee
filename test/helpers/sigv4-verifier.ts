/**
 * The server side of AWS Signature Version 4 for contract tests: recomputes the signature of a request as
 * received (canonical request → string to sign → HMAC chain from the secret) and compares it with the one
 * in its Authorization header. Written with node:crypto from the SigV4 specification, independently of the
 * AWS SDK whose signatures it checks, and itself checked against AWS's published test-suite vectors.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The fields of a SigV4 Authorization header. */
export interface SigV4Auth {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=…/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseSigV4Auth(header: string | undefined): SigV4Auth | null {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header ?? '');
  if (m === null) return null;
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', signature = ''] = m;
  return { accessKeyId, date, region, service, signedHeaders: signed.split(';'), signature };
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
const uriEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((kv) => {
      const eq = kv.indexOf('=');
      const [k, v] = eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
      return [uriEncode(decodeURIComponent(k)), uriEncode(decodeURIComponent(v))] as const;
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The canonical request of a received request (non-S3 services: every path segment encoded once more). */
export function canonicalRequest(req: { method: string; path: string; headers: IncomingHttpHeaders; body: string }, signedHeaders: readonly string[]): string {
  const q = req.path.indexOf('?');
  const rawPath = q < 0 ? req.path : req.path.slice(0, q);
  const query = q < 0 ? '' : req.path.slice(q + 1);
  const uri = rawPath.split('/').map(uriEncode).join('/') || '/';
  const headers = signedHeaders.map((name) => {
    const v = req.headers[name];
    const value = Array.isArray(v) ? v.join(',') : (v ?? '');
    return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  });
  const payload = typeof req.headers['x-amz-content-sha256'] === 'string' ? req.headers['x-amz-content-sha256'] : sha256(req.body);
  return [req.method, uri, canonicalQuery(query), headers.join(''), signedHeaders.join(';'), payload].join('\n');
}

/** True when the request carries a valid SigV4 signature by the holder of `secretAccessKey`. */
export function verifySigV4(req: { method: string; path: string; headers: IncomingHttpHeaders; body: string }, secretAccessKey: string): boolean {
  const auth = parseSigV4Auth(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
  const amzDate = req.headers['x-amz-date'];
  if (auth === null || typeof amzDate !== 'string' || !amzDate.startsWith(auth.date)) return false;
  if (!auth.signedHeaders.includes('host')) return false;
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest(req, auth.signedHeaders))].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex') === auth.signature;
}
