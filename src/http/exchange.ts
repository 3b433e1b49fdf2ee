/**
 * What one HTTP exchange produced, as every transport of the engine reports it (the lean HTTP/1.1 client
 * and undici), and how network errors map to error kinds.
 */
import type { ErrorKind } from '../result/sample.js';

/** What one exchange produced; times are performance.now() milliseconds. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  /** Header + status-line bytes plus body bytes (with chunked framing) as received. */
  bytes: number;
  bodyBytes: number;
  sentAt: number;
  firstByteAt: number;
  endAt: number;
  error?: ErrorKind;
  errorMessage?: string;
}

/** Callback receiving a finished exchange. */
export type ExchangeCallback = (ex: Exchange) => void;

const ERROR_KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: 'connect',
  ENOTFOUND: 'connect',
  EAI_AGAIN: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EADDRNOTAVAIL: 'connect',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_ABORTED: 'aborted',
  UND_ERR_DESTROYED: 'aborted',
  ABORT_ERR: 'aborted',
};

/** Maps a thrown network error to an error kind. */
export function classifyNetworkError(err: unknown): ErrorKind {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    const kind = ERROR_KIND_BY_CODE[code];
    if (kind !== undefined) return kind;
    if (code.startsWith('HPE_') || code === 'UND_ERR_INFO' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'protocol';
    if (code.startsWith('ERR_TLS_') || code.includes('CERT') || code.startsWith('ERR_SSL_')) return 'connect';
  }
  if (err instanceof Error && err.name === 'AbortError') return 'aborted';
  return 'other';
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(err: Error): string {
  return err.message.split('\n')[0] || err.name;
}

/** Answers `done` at once with a failed exchange that was never sent (unsafe request, closed client). */
export function failNow(done: ExchangeCallback, error: ErrorKind, errorMessage: string): void {
  const now = performance.now();
  done({ status: 0, headers: {}, bytes: 0, bodyBytes: 0, sentAt: now, firstByteAt: now, endAt: now, error, errorMessage });
}
