/**
 * What a multi-CDN provider's routing did in a run (`summary.multiCdn`): how requests were shared among
 * the members, how often it hedged and what the hedges won, which PoPs it failed over from and back,
 * and the extra requests and bytes all that cost. The schema validates result files; the merge adds
 * the counts of several agents.
 */
import { z } from 'zod';

/** One member CDN's part. */
export interface MultiCdnMemberSummary {
  /** The member's provider id. */
  id: string;
  /** The header dialect its responses were read with. */
  dialect: string;
  /** Requests sent to it: first attempts, hedges, retries and health checks. */
  attempts: number;
  /** User requests its response answered. */
  answered: number;
  /** answered / all user requests; null when there were none. */
  share: number | null;
  /** Hedges sent to it, and how many of them answered first. */
  hedgesSent: number;
  hedgeWins: number;
  /** Requests to it whose response no user saw (hedge losers, failed attempts retried elsewhere, health checks). */
  extraRequests: number;
  /** Bytes on the wire of those requests. */
  extraBytes: number;
  /** Times one of its PoPs was marked down. */
  failovers: number;
  /** Its share of the run's cost with its own price table (answered and extra traffic); null without a table. */
  costUsd: number | null;
}

/** One PoP's time out of rotation, ms from the start of the provider's run. */
export interface DownWindow {
  pop: string;
  downAtMs: number;
  /** When a health check found it answering again; null when it stayed down to the end. */
  upAtMs: number | null;
}

/** The routing figures of one multi-CDN provider. */
export interface MultiCdnSummary {
  steering: 'latency' | 'weighted';
  /** User requests routed (each became one sample). */
  requests: number;
  /** Second requests sent to another member while the first was still out. */
  hedged: number;
  /** Hedges whose response answered the user. */
  hedgeWins: number;
  /** Failed attempts re-sent to another member. */
  retries: number;
  /** Attempts given up after `failover.timeout`. */
  attemptTimeouts: number;
  /** Requests sent beyond one per user request, and their bytes: the price of hedging and failover. */
  extraRequests: number;
  extraBytes: number;
  /** Health checks of PoPs marked down (part of the extra requests). */
  healthChecks: number;
  /** PoPs marked down (errors, 5xx or timeouts) and found up again. */
  failovers: number;
  recoveries: number;
  /** The first 100 down windows. */
  downWindows: DownWindow[];
  members: MultiCdnMemberSummary[];
}

/** Most down windows kept in a summary (a flapping PoP must not grow the result without bound). */
export const MAX_DOWN_WINDOWS = 100;

const count = z.number().int().nonnegative();

/** The zod schema of `summary.multiCdn`. */
export const multiCdnSummarySchema = z.strictObject({
  steering: z.enum(['latency', 'weighted']),
  requests: count,
  hedged: count,
  hedgeWins: count,
  retries: count,
  attemptTimeouts: count,
  extraRequests: count,
  extraBytes: count,
  healthChecks: count,
  failovers: count,
  recoveries: count,
  downWindows: z.array(z.strictObject({ pop: z.string(), downAtMs: z.number().nonnegative(), upAtMs: z.number().nonnegative().nullable() })),
  members: z.array(
    z.strictObject({
      id: z.string().min(1),
      dialect: z.string(),
      attempts: count,
      answered: count,
      share: z.number().min(0).max(1).nullable(),
      hedgesSent: count,
      hedgeWins: count,
      extraRequests: count,
      extraBytes: count,
      failovers: count,
      costUsd: z.number().nonnegative().nullable(),
    }),
  ),
}) satisfies z.ZodType<MultiCdnSummary>;

const COUNTS = ['requests', 'hedged', 'hedgeWins', 'retries', 'attemptTimeouts', 'extraRequests', 'extraBytes', 'healthChecks', 'failovers', 'recoveries'] as const;
const MEMBER_COUNTS = ['attempts', 'answered', 'hedgesSent', 'hedgeWins', 'extraRequests', 'extraBytes', 'failovers'] as const;

/** Adds the routing figures of several agents or runs of one provider; shares recomputed. */
export function mergeMultiCdn(xs: readonly (MultiCdnSummary | null | undefined)[]): MultiCdnSummary | null {
  const all = xs.filter((x): x is MultiCdnSummary => x !== null && x !== undefined);
  const first = all[0];
  if (first === undefined) return null;
  if (all.length === 1) return first;
  const out: MultiCdnSummary = { ...first, downWindows: [], members: [] };
  for (const k of COUNTS) out[k] = all.reduce((a, x) => a + x[k], 0);
  out.downWindows = all.flatMap((x) => x.downWindows).slice(0, MAX_DOWN_WINDOWS);
  const members = new Map<string, MultiCdnMemberSummary>();
  for (const m of all.flatMap((x) => x.members)) {
    const have = members.get(m.id);
    if (have === undefined) {
      members.set(m.id, { ...m });
      continue;
    }
    for (const k of MEMBER_COUNTS) have[k] += m[k];
    have.costUsd = have.costUsd === null || m.costUsd === null ? null : have.costUsd + m.costUsd;
  }
  out.members = [...members.values()].map((m) => ({ ...m, share: out.requests === 0 ? null : m.answered / out.requests }));
  return out;
}
