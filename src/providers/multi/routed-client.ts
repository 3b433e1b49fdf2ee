/**
 * A multi-CDN "PoP client" as the engine sees it: each request goes to the route the steering picks;
 * when hedging is on and no answer came after the hedge delay, the same request also goes to the next
 * member, and the first good answer wins (the loser runs to its end; its bytes are counted as extra).
 * A failure (network error, timeout, 5xx) takes the PoP out of rotation; with `retry` the request is
 * re-sent to the next member at once. The answer is classified in the answering member's dialect and
 * named `member/PoP`, so per-PoP figures keep meaning.
 */
import type { ClassifiedExchange, Edge, RequestClient } from '../adapter.js';
import type { Classification } from '../../dialects/dialect.js';
import type { MultiProfile } from './multi-profile.js';
import type { Route, Router } from './router.js';
import type { RoutingCounters } from './routing-counters.js';

type Role = 'first' | 'hedge' | 'retry';

/** One routed request's state. */
interface Flight {
  settled: boolean;
  inFlight: number;
  tried: Set<Route>;
  firstSentAt: number | null;
  timers: NodeJS.Timeout[];
}

/** The client of one slot (one PoP of each member). */
export class RoutedClient implements RequestClient {
  readonly edge: Edge;

  constructor(
    private readonly slot: readonly Route[],
    private readonly router: Router,
    private readonly counters: RoutingCounters,
    private readonly profile: MultiProfile,
  ) {
    this.edge = { id: slot.map((r) => r.label).join('|'), url: slot[0]?.client.edge.url ?? 'http://127.0.0.1:0' };
  }

  get(path: string, headers: Record<string, string> | undefined, done: (ex: ClassifiedExchange) => void): void {
    this.counters.requests++;
    this.router.earnHedgeToken();
    const routes = this.router.order(this.slot);
    const f: Flight = { settled: false, inFlight: 0, tried: new Set(), firstSentAt: null, timers: [] };
    const next = (): Route | undefined => routes.find((r) => !f.tried.has(r) && !this.router.isDown(r));

    const settle = (route: Route, ex: ClassifiedExchange, role: Role): void => {
      f.settled = true;
      for (const t of f.timers) clearTimeout(t);
      const m = this.counters.member(route.memberId);
      m.answered++;
      if (role === 'hedge') {
        this.counters.hedgeWins++;
        m.hedgeWins++;
      }
      done({ ...ex, sentAt: Math.min(ex.sentAt, f.firstSentAt ?? ex.sentAt), classified: classify(route, ex) });
    };

    const send = (route: Route, role: Role): void => {
      f.tried.add(route);
      f.inFlight++;
      f.firstSentAt ??= performance.now();
      const m = this.counters.member(route.memberId);
      m.attempts++;
      if (role === 'hedge') m.hedgesSent++;
      let gaveUp = false;
      let finished = false;
      const timeout = this.profile.failover.timeout;
      if (timeout !== undefined) {
        f.timers.push(setTimeout(() => {
          if (f.settled || finished) return;
          gaveUp = true;
          f.inFlight--;
          this.counters.attemptTimeouts++;
          this.router.failed(route, path);
          afterFailure();
        }, timeout));
      }
      route.client.get(path, headers, (ex) => {
        finished = true;
        const aborted = ex.error === 'aborted';
        const failed = ex.error !== undefined || (this.profile.failover.on5xx && ex.status >= 500);
        if (!failed) this.router.succeeded(route, ex.endAt - ex.sentAt, path);
        else if (!aborted) this.router.failed(route, path);
        if (gaveUp || f.settled) {
          this.counters.extra(route.memberId, route.edgeId, ex.bytes);
          return;
        }
        f.inFlight--;
        if (!failed || aborted) return settle(route, ex, role);
        lastFailure = { route, ex, role };
        afterFailure();
      });
    };

    let lastFailure: { route: Route; ex: ClassifiedExchange; role: Role } | null = null;
    // After a failure: wait for another attempt still out; else retry elsewhere if allowed; else the user sees it.
    const afterFailure = (): void => {
      if (f.settled || f.inFlight > 0) return;
      const alt = this.profile.failover.retry ? next() : undefined;
      if (alt !== undefined) {
        if (lastFailure !== null) this.counters.extra(lastFailure.route.memberId, lastFailure.route.edgeId, lastFailure.ex.bytes);
        lastFailure = null;
        this.counters.retries++;
        send(alt, 'retry');
        return;
      }
      if (lastFailure !== null) {
        const { route, ex, role } = lastFailure;
        settle(route, ex, role);
      } else {
        // Every attempt was given up by the timeout and none may be retried: answer with a timeout.
        const now = performance.now();
        const route = [...f.tried][0] as Route;
        settle(route, { status: 0, headers: {}, bytes: 0, bodyBytes: 0, sentAt: f.firstSentAt ?? now, firstByteAt: now, endAt: now, error: 'timeout', errorMessage: 'multi-CDN attempt timeout' }, 'first');
      }
    };

    const first = routes[0];
    if (first === undefined) throw new Error('a multi-CDN slot has at least one route');
    send(first, 'first');
    const delay = this.router.hedgeDelay(first);
    if (delay !== null && routes.length > 1) {
      f.timers.push(setTimeout(() => {
        if (f.settled) return;
        const alt = next();
        if (alt === undefined || !this.router.takeHedgeToken()) return;
        this.counters.hedged++;
        send(alt, 'hedge');
      }, delay));
    }
  }

  /** Member clients are closed by the provider (they are shared by every slot). */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The answer read in its member's dialect, named `member/PoP`. */
function classify(route: Route, ex: ClassifiedExchange): Classification {
  if (ex.error !== undefined) return { cache: 'UNKNOWN', pop: route.label };
  const headers = ex.headers;
  const cls = ex.classified ?? route.dialect.classify((name) => headers[name]);
  return { ...cls, pop: `${route.memberId}/${cls.pop ?? route.edgeId}` };
}
