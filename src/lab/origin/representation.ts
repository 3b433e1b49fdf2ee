/**
 * What the router hands to the responder: one representation of an object (body source plus every
 * validator and cache header), or an error reply. Keeping them plain data lets the router stay free of
 * HTTP details and lets the responder apply conditional requests and ranges uniformly to every object.
 */
import type { BodySource } from './body-source.js';

/** A servable representation of an object. */
export interface Representation {
  /** Content-Type. */
  contentType: string;
  /** The full body. */
  body: BodySource;
  /** Strong ETag (quoted). */
  etag: string;
  /** Last-Modified in Unix seconds. */
  lastModifiedSec: number;
  /** Content version, sent as `x-cdnbench-object-version` so probes can tell versions apart. */
  version: number;
  /** Cache-Control value. */
  cacheControl: string;
  /** Tag vocabulary entries (tags.ts) for the five tag headers. */
  tags: readonly string[];
  /** Vary value, when the representation depends on request headers. */
  vary?: string;
}

/** A reply that is not an object: 404, 405, an injected fault, a control API error. */
export interface ErrorReply {
  /** HTTP status. */
  status: number;
  /** Cache-Control value (NO_STORE unless a short negative lifetime is intended). */
  cacheControl: string;
  /** One-line explanation, sent as `{"error": …}`. */
  error: string;
  /** Extra headers such as Allow or WWW-Authenticate. */
  headers?: Record<string, string>;
}

/** True for an ErrorReply (it has a status; a Representation never does). */
export function isErrorReply(value: Representation | ErrorReply): value is ErrorReply {
  return 'status' in value;
}
