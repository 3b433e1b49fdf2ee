/**
 * The server side of EdgeGrid for contract tests: parses an `EG1-HMAC-SHA256` Authorization header and
 * recomputes its signature from the request as received, written independently of the adapter's signer
 * (and itself checked against Akamai's published vectors) so a test cannot pass by sharing a bug.
 */
import { createHash, createHmac } from 'node:crypto';

/** The fields of an EdgeGrid Authorization header. */
export interface EdgeGridAuth {
  clientToken: string;
  accessToken: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** Parses the header; null when it is not EdgeGrid. */
export function parseEdgeGridAuth(header: string | undefined): EdgeGridAuth | null {
  const m = /^EG1-HMAC-SHA256 client_token=([^;]+);access_token=([^;]+);timestamp=([^;]+);nonce=([^;]+);signature=(\S+)$/.exec(header ?? '');
  if (m === null) return null;
  const [, clientToken = '', accessToken = '', timestamp = '', nonce = '', signature = ''] = m;
  return { clientToken, accessToken, timestamp, nonce, signature };
}

/** True when `header` is a valid signature of the request by the holder of `clientSecret`. */
export function verifyEdgeGrid(
  req: { method: string; scheme: string; host: string; pathAndQuery: string; body: string; signedHeaders?: [string, string][] },
  header: string | undefined,
  clientSecret: string,
  maxBody = 131_072,
): boolean {
  const auth = parseEdgeGridAuth(header);
  if (auth === null) return false;
  const unsigned = (header ?? '').slice(0, (header ?? '').lastIndexOf('signature='));
  const bodyHash = req.method === 'POST' && req.body !== '' ? createHash('sha256').update(Buffer.from(req.body).subarray(0, maxBody)).digest('base64') : '';
  const headers = (req.signedHeaders ?? []).map(([k, v]) => `${k.toLowerCase()}:${v.trim().replace(/\s+/g, ' ')}`).join('\t');
  const toSign = `${req.method}\t${req.scheme}\t${req.host}\t${req.pathAndQuery}\t${headers}\t${bodyHash}\t${unsigned}`;
  const key = createHmac('sha256', clientSecret).update(auth.timestamp).digest('base64');
  return createHmac('sha256', key).update(toSign).digest('base64') === auth.signature;
}
