/**
 * Counts what a multi-CDN's routing did during a run, per member and in total, as summary.multiCdn
 * reports them. Plain counters on the hot path; the summary is assembled once at the end.
 */
import { MAX_DOWN_WINDOWS, type DownWindow, type MultiCdnMemberSummary, type MultiCdnSummary } from '../../result/multi-cdn-summary.js';

/** Counters of one member. */
export interface MemberCounters {
  attempts: number;
  answered: number;
  hedgesSent: number;
  hedgeWins: number;
  extraRequests: number;
  extraBytes: number;
  failovers: number;
  /** Extra bytes per PoP id (as the member names it), for pricing by region. */
  extraBytesByPop: Map<string, number>;
}

/** Every counter of a run. */
export class RoutingCounters {
  requests = 0;
  hedged = 0;
  hedgeWins = 0;
  retries = 0;
  attemptTimeouts = 0;
  healthChecks = 0;
  recoveries = 0;
  readonly downWindows: DownWindow[] = [];
  readonly members: Map<string, MemberCounters>;

  constructor(memberIds: readonly string[]) {
    this.members = new Map(memberIds.map((id) => [id, { attempts: 0, answered: 0, hedgesSent: 0, hedgeWins: 0, extraRequests: 0, extraBytes: 0, failovers: 0, extraBytesByPop: new Map() }]));
  }

  /** The counters of a member (which exists: members are fixed at construction). */
  member(id: string): MemberCounters {
    const m = this.members.get(id);
    if (m === undefined) throw new Error(`unknown member ${id}`);
    return m;
  }

  /** A request whose response no user saw. */
  extra(memberId: string, pop: string, bytes: number): void {
    const m = this.member(memberId);
    m.extraRequests++;
    m.extraBytes += bytes;
    m.extraBytesByPop.set(pop, (m.extraBytesByPop.get(pop) ?? 0) + bytes);
  }

  /** A PoP taken out of rotation at `atMs` (from the run's start). */
  down(memberId: string, pop: string, atMs: number): DownWindow | null {
    this.member(memberId).failovers++;
    if (this.downWindows.length >= MAX_DOWN_WINDOWS) return null;
    const w: DownWindow = { pop, downAtMs: Math.round(atMs), upAtMs: null };
    this.downWindows.push(w);
    return w;
  }

  /** The summary; `dialects` and `costs` by member id. */
  summary(steering: MultiCdnSummary['steering'], dialects: ReadonlyMap<string, string>, costs: ReadonlyMap<string, number | null>): MultiCdnSummary {
    const members: MultiCdnMemberSummary[] = [...this.members].map(([id, m]) => ({
      id,
      dialect: dialects.get(id) ?? 'generic',
      attempts: m.attempts,
      answered: m.answered,
      share: this.requests === 0 ? null : m.answered / this.requests,
      hedgesSent: m.hedgesSent,
      hedgeWins: m.hedgeWins,
      extraRequests: m.extraRequests,
      extraBytes: m.extraBytes,
      failovers: m.failovers,
      costUsd: costs.get(id) ?? null,
    }));
    const sum = (f: (m: MultiCdnMemberSummary) => number): number => members.reduce((a, m) => a + f(m), 0);
    return {
      steering,
      requests: this.requests,
      hedged: this.hedged,
      hedgeWins: this.hedgeWins,
      retries: this.retries,
      attemptTimeouts: this.attemptTimeouts,
      extraRequests: sum((m) => m.extraRequests),
      extraBytes: sum((m) => m.extraBytes),
      healthChecks: this.healthChecks,
      failovers: sum((m) => m.failovers),
      recoveries: this.recoveries,
      downWindows: this.downWindows.map((w) => ({ ...w })),
      members,
    };
  }
}
