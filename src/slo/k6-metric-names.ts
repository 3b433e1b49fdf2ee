/**
 * Names of the custom k6 metrics an exported script records and `ingest k6` reads, kept in one place
 * so the two sides cannot drift (like k6's own metrics/builtin.go). Every response adds one point to
 * `duration`, `waiting`, `bytes` and `bodyBytes`, tagged object_class, cache_status, pop, size, status,
 * step and session; network failures add one point to `networkErrors` tagged with the error kind.
 */
export const K6_METRICS = {
  /** Trend (time): request duration, ms (k6's http_req_duration: sending + waiting + receiving). */
  duration: 'cdnbench_req_duration',
  /** Trend (time): time to first byte, ms (sending + waiting). */
  waiting: 'cdnbench_req_waiting',
  /** Trend (time): duration of responses whose body is at most smallObjectMaxBytes: the headline SLO metric. */
  smallObjectDuration: 'cdnbench_small_object_duration',
  /** Rate: served from cache (HIT, STALE, UPDATING) among responses with a known cache status. */
  cacheHit: 'cdnbench_cache_hit',
  /** Counter (data): bytes on the wire, status line and headers approximated from their lengths. */
  bytes: 'cdnbench_bytes',
  /** Counter (data): body bytes. */
  bodyBytes: 'cdnbench_body_bytes',
  /** Counter: requests that got no response, tagged error (connect, timeout, reset, protocol, other). */
  networkErrors: 'cdnbench_network_errors',
  /** Counter: sessions started, tagged with the run's identity (scenario, provider, model, small bound). */
  sessions: 'cdnbench_sessions',
} as const;
