/**
 * The unit the engine produces: one finished (or failed) HTTP exchange.
 * Every response and every network error becomes exactly one Sample; nothing is thrown.
 */

/** Normalized cache states, whatever the provider's header dialect (DOMAIN.md §4). */
export const CACHE_STATUSES = ['HIT', 'MISS', 'STALE', 'EXPIRED', 'REVALIDATED', 'UPDATING', 'BYPASS', 'UNKNOWN'] as const;

/** A normalized cache state. */
export type CacheStatus = (typeof CACHE_STATUSES)[number];

/** Object classes the metrics are broken down by; small-object P95 is measured on the small ones. */
export const OBJECT_CLASSES = ['mapping-tile', 'edition-delta', 'metadata', 'sync-state', 'audio-range', 'seek-table', 'other'] as const;

/** An object class. */
export type ObjectClass = (typeof OBJECT_CLASSES)[number];

/** Why an exchange produced no complete response. */
export const ERROR_KINDS = ['connect', 'timeout', 'reset', 'aborted', 'protocol', 'other'] as const;

/** A network-level failure kind. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One HTTP exchange as measured by an executor. Times are in microseconds. */
export interface Sample {
  /** Provider id the request went to. */
  provider: string;
  /** PoP (edge) id the request was sent to, or the one the response named when the provider reports it. */
  pop: string;
  /** Object class of the requested path. */
  objectClass: ObjectClass;
  /** Request path (with query) as sent. */
  path: string;
  /** HTTP status, 0 when there was no response. */
  status: number;
  /** Normalized cache status from the provider's header dialect. */
  cache: CacheStatus;
  /** Bytes received: status line, headers and body as on the wire (approximated from the parsed lengths). */
  bytes: number;
  /** Body bytes only. */
  bodyBytes: number;
  /** Intended start to first response byte (coordinated-omission corrected in the open model). */
  ttfbUs: number;
  /** Intended start to last body byte (coordinated-omission corrected in the open model). */
  totalUs: number;
  /** Actual socket write to last body byte: what a closed-loop tool would report. */
  serviceUs: number;
  /** Set when the exchange failed at the network level. */
  error?: ErrorKind;
  /** True when the cache says this request was collapsed into another's origin fetch (RFC 9211). */
  collapsed?: boolean;
  /** The response's ETag, when present (the probes compare versions with it). */
  etag?: string;
  /** Unix epoch milliseconds of the intended start. */
  startedAt: number;
}

/** Anything that consumes samples (the recorder, probes watching for stale reads, progress). */
export interface SampleSink {
  /** Called once per finished exchange, on the engine's hot path: keep it cheap. */
  add(sample: Sample): void;
}
