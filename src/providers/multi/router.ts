/**
 * The multi-CDN's decisions, shared by all its clients: which member PoP gets a request first (lowest
 * EWMA latency with a small exploration share, or by weight), which PoPs are out of rotation after a
 * failure and when a health check lets them back, how long a hedge waits, and the hedge budget.
 */
import type { Rng } from '../../util/rng.js';
import type { RequestClient } from '../adapter.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import type { MultiProfile } from './multi-profile.js';
import type { RoutingCounters } from './routing-counters.js';
import { RouteStats } from './route-stats.js';

/** One member PoP a request can be sent to. */
export interface Route {
  memberId: string;
  /** The member's dialect: its responses are read with it. */
  dialect: HeaderDialect;
  /** The member's weight in weighted steering. */
  weight: number;
  client: RequestClient;
  /** The PoP as the member's edge names it. */
  edgeId: string;
  /** `member/edge`: how samples and down windows name it. */
  label: string;
  stats: RouteStats;
  /** performance.now() until which it is out of rotation; 0 when in rotation. */
  downUntil: number;
  /** A path it answered before, for its health checks. */
  lastGoodPath: string | null;
}

/** Most hedge tokens saved up, so a quiet spell cannot fund a burst of hedges. */
const MAX_HEDGE_TOKENS = 10;

/** The routing state of one run. */
export class Router {
  private hedgeTokens = 1;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly profile: MultiProfile,
    private readonly counters: RoutingCounters,
    private readonly rng: Rng,
    /** performance.now() at the start of the run, for down windows. */
    private readonly perfZero: number,
  ) {}

  /** True when the PoP is out of rotation. */
  isDown(r: Route): boolean {
    return r.downUntil !== 0;
  }

  /**
   * The routes of a slot in the order to try them: the steering's choice first, then the other healthy
   * members by latency. When every route is down, the one whose window ends soonest (nothing else can answer).
   */
  order(slot: readonly Route[]): Route[] {
    const healthy = slot.filter((r) => !this.isDown(r));
    if (healthy.length === 0) return [...slot].sort((a, b) => a.downUntil - b.downUntil).slice(0, 1);
    // Unmeasured routes first, so each member gets a latency before steering trusts the averages.
    const byLatency = [...healthy].sort((a, b) => (a.stats.ewma ?? -1) - (b.stats.ewma ?? -1));
    const first = this.pickFirst(byLatency);
    return [first, ...byLatency.filter((r) => r !== first)];
  }

  private pickFirst(byLatency: readonly Route[]): Route {
    const best = byLatency[0] as Route;
    const { mode, explore } = this.profile.steering;
    if (mode === 'weighted') {
      const total = byLatency.reduce((a, r) => a + r.weight, 0);
      if (total <= 0) return best;
      let x = this.rng.next() * total;
      for (const r of byLatency) if ((x -= r.weight) < 0) return r;
      return best;
    }
    if (byLatency.length > 1 && explore > 0 && this.rng.next() < explore) {
      return byLatency[1 + Math.floor(this.rng.next() * (byLatency.length - 1))] ?? best;
    }
    return best;
  }

  /** A successful attempt: its latency feeds the EWMA and the running percentile. */
  succeeded(r: Route, ms: number, path: string): void {
    r.stats.observe(ms);
    r.lastGoodPath = path;
  }

  /** A failed attempt (network error, timeout, 5xx): the PoP leaves rotation until a health check passes. */
  failed(r: Route, path: string): void {
    if (this.isDown(r) || this.closed) return;
    const now = performance.now();
    r.downUntil = now + this.profile.failover.downFor;
    const window = this.counters.down(r.memberId, r.label, now - this.perfZero);
    this.scheduleCheck(r, r.lastGoodPath ?? path, window);
  }

  private scheduleCheck(r: Route, path: string, window: { upAtMs: number | null } | null): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.counters.healthChecks++;
      this.counters.member(r.memberId).attempts++;
      r.client.get(path, undefined, (ex) => {
        this.counters.extra(r.memberId, r.edgeId, ex.bytes);
        if (this.closed) return;
        if (ex.error === undefined && ex.status < 500) {
          r.downUntil = 0;
          this.counters.recoveries++;
          if (window !== null) window.upAtMs = Math.round(performance.now() - this.perfZero);
        } else {
          r.downUntil = performance.now() + this.profile.failover.downFor;
          this.scheduleCheck(r, path, window);
        }
      });
    }, Math.max(0, r.downUntil - performance.now()));
    this.timers.add(timer);
  }

  /** How long to wait before hedging a request first sent to `r`; null: do not hedge it. */
  hedgeDelay(r: Route): number | null {
    const hedge = this.profile.hedge;
    if (hedge === undefined) return null;
    if ('ms' in hedge.after) return Math.max(hedge.minDelay, hedge.after.ms);
    if (r.stats.count < hedge.minSamples) return null;
    const p = r.stats.percentile(hedge.after.percentile);
    return p === null ? null : Math.max(hedge.minDelay, p);
  }

  /** Every user request earns `budget` hedge tokens. */
  earnHedgeToken(): void {
    const budget = this.profile.hedge?.budget ?? 0;
    this.hedgeTokens = Math.min(MAX_HEDGE_TOKENS, this.hedgeTokens + budget);
  }

  /** Spends a token for one hedge; false when the budget is used up. */
  takeHedgeToken(): boolean {
    if (this.hedgeTokens < 1) return false;
    this.hedgeTokens -= 1;
    return true;
  }

  /** Stops health checks; routing decisions after this are not needed. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
