/**
 * What a crowd run measured about the crowd itself (result.json `summary.crowd`): how faithfully the
 * generator released it, at what memory, and what limited it. The latencies and coalescing of the
 * crowd's requests are in the summary's usual places; these figures say whether they can be trusted.
 */
import { z } from 'zod';
import type { LatencySummary } from './result-model.js';

/** A send later than this after its intended instant is a late send (issue 17's yardstick). */
export const LATE_SEND_MS = 50;

/** The crowd figures of one provider run. */
export interface CrowdResult {
  listeners: number;
  withinMs: number;
  connect: 'warm' | 'cold';
  protocol: 'http1' | 'http2';
  /** Connections opened (one per listener over HTTP/1.1). */
  connections: number;
  /** Loopback source addresses the connections were spread over (1: the kernel's choice). */
  sourceAddresses: number;
  /** Warm: ms to open every connection before the window; null when cold. */
  connectMs: number | null;
  /** Listeners whose warm connection could not be opened (their requests are `connect` errors), and why by error code. */
  connectFailures: number;
  connectErrors: Record<string, number>;
  /** Listeners whose first request was sent. */
  sent: number;
  /** From the first listener's send to the last one's, ms; null when none was sent. */
  firstToLastSendMs: number | null;
  /** Unix epoch ms of the window's start: listener i's intended instant is this plus its offset. */
  windowStartedAt: number;
  /** Sends more than LATE_SEND_MS after their intended instant. */
  lateSends: number;
  /** The listeners' first requests, from intended instant to last byte (successful exchanges). */
  latencyFromIntended: LatencySummary;
  /** Peak resident memory of the generator process so far, bytes. */
  peakRssBytes: number;
  /** Warm: RSS growth from opening the idle connections, divided by them, bytes; null when cold. */
  rssPerConnectionBytes: number | null;
  /** Event-loop lag and process CPU (% of one core) over the release window. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  cpuPercent: number;
  /** What limited the release, one line ("none" when sends kept the schedule). */
  bottleneck: string;
}

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative().nullable();

/** The zod schema of a CrowdResult inside result.json. */
export const crowdResultSchema = z.strictObject({
  listeners: count,
  withinMs: z.number().nonnegative(),
  connect: z.enum(['warm', 'cold']),
  protocol: z.enum(['http1', 'http2']),
  connections: count,
  sourceAddresses: count,
  connectMs: ms,
  connectFailures: count,
  connectErrors: z.record(z.string(), count),
  sent: count,
  firstToLastSendMs: ms,
  windowStartedAt: z.number().nonnegative(),
  lateSends: count,
  latencyFromIntended: z.strictObject({ count, p50Ms: ms, p95Ms: ms, p99Ms: ms, maxMs: ms }),
  peakRssBytes: count,
  rssPerConnectionBytes: z.number().nullable(),
  loopLagP99Ms: z.number().nonnegative(),
  loopLagMaxMs: z.number().nonnegative(),
  cpuPercent: z.number().nonnegative(),
  bottleneck: z.string(),
});
