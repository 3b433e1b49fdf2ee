/**
 * k6's network error codes (lib/netext/httpext/error_codes.go: 1050 request timeout, 11xx DNS, 12xx TCP,
 * 13xx TLS, 16xx HTTP/2) as cdnbench's error kinds, so ingested k6 failures count like the engine's.
 */
import type { ErrorKind } from '../result/sample.js';

/** The error kind of a k6 `error_code`; "other" for codes outside the network ranges. */
export function k6ErrorKind(code: number): ErrorKind {
  if (code === 1050 || code === 1211) return 'timeout';
  if ((code >= 1100 && code < 1200) || code === 1210 || code === 1212 || code === 1213) return 'connect';
  if (code === 1201 || code === 1220 || code === 1200 || code === 1202) return 'reset';
  if ((code >= 1300 && code < 1400) || (code >= 1600 && code < 1800)) return 'protocol';
  return 'other';
}
