/**
 * A multi-CDN (`kind: multi`) composed of two or more providers. It starts and stops its members,
 * routes every request among them (routed-client.ts, router.ts), forwards scenario events to the member
 * they name (`pop: edge-optimized/fra`), purges at every member, and reports what routing did and cost,
 * each member priced with its own table.
 */
import { EdgeClient } from '../../http/edge-client.js';
import { InvalidConfigError } from '../../errors.js';
import type { SeriesRecord } from '../../result/result-model.js';
import type { CostResult } from '../../result/probe-results.js';
import { Rng } from '../../util/rng.js';
import {
  isClientComposer, isOriginCounted, isPurger, isScenarioEventHandler, isStartable,
  type ClientContext, type Edge, type ProviderAdapter, type ProviderContext, type PurgeReceipt, type PurgeRequest, type Purger,
  type RequestClient, type RoutingReporter, type RunTotals, type ScenarioEventHandler, type Startable,
} from '../adapter.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import { probeTargetsOf, type ProbeTarget } from '../probe-targets.js';
import { memberCost, sumCosts } from './member-cost.js';
import type { MultiProfile } from './multi-profile.js';
import { RoutedClient } from './routed-client.js';
import { RouteStats } from './route-stats.js';
import { Router, type Route } from './router.js';
import { RoutingCounters } from './routing-counters.js';

/** A member and its profile entry. */
interface Member {
  provider: ProviderAdapter;
  pops: readonly string[] | undefined;
  weight: number;
}

/** A multi-CDN of several providers. */
export class MultiProvider implements ProviderAdapter, Startable, Purger, ScenarioEventHandler, RoutingReporter {
  readonly kind = 'multi';
  /** Every answer is read in its member's dialect (see summary.multiCdn.members); this one is only the fallback. */
  readonly dialect: HeaderDialect = getDialect('generic');
  readonly purgeKinds: readonly ('url' | 'tag' | 'all')[];
  private readonly members: Member[];
  private counters: RoutingCounters;
  private router: Router | null = null;
  private memberClients: RequestClient[] = [];
  private readonly originBytes = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly profile: MultiProfile,
    load: (ref: string) => ProviderAdapter,
  ) {
    this.members = profile.members.map((m) => ({ provider: load(m.provider), pops: m.pops, weight: m.weight }));
    const ids = new Set<string>();
    for (const m of this.members) {
      if (m.provider.kind === 'multi') throw new InvalidConfigError(`provider ${id}: member ${m.provider.id} is itself a multi-CDN`, [], 'INVALID_PROVIDER');
      if (ids.has(m.provider.id)) throw new InvalidConfigError(`provider ${id}: member ${m.provider.id} is named twice`, [], 'INVALID_PROVIDER');
      ids.add(m.provider.id);
    }
    for (const m of this.members) {
      const edges = m.provider.edges();
      for (const p of m.pops ?? []) {
        if (!edges.some((e) => popMatches(e.id, p))) {
          throw new InvalidConfigError(`provider ${id}: member ${m.provider.id} has no PoP ${p} (PoPs: ${edges.map((e) => e.id).join(', ')})`, [], 'INVALID_PROVIDER');
        }
      }
    }
    const kinds = this.members.map((m) => (isPurger(m.provider) ? m.provider.purgeKinds : []));
    this.purgeKinds = (['url', 'tag', 'all'] as const).filter((k) => kinds.every((ks) => ks.includes(k)));
    this.counters = new RoutingCounters([...ids]);
  }

  /** Starts every member; if one fails, the others are stopped again. */
  async start(ctx: ProviderContext): Promise<void> {
    this.originBytes.clear();
    this.counters = new RoutingCounters(this.members.map((m) => m.provider.id));
    const started = await Promise.allSettled(this.members.map(async (m) => { if (isStartable(m.provider)) await m.provider.start(ctx); }));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) {
      await this.stopMembers();
      throw failed.reason;
    }
  }

  /** Keeps each member's origin bytes (for its cost), then stops them all. */
  async stop(): Promise<void> {
    this.router?.close();
    this.router = null;
    await Promise.all(this.memberClients.map((c) => c.close()));
    this.memberClients = [];
    await Promise.all(this.members.map(async (m) => {
      if (isOriginCounted(m.provider)) {
        const totals = await m.provider.originTotals().catch(() => null);
        if (totals !== null) this.originBytes.set(m.provider.id, totals.bytes);
      }
    }));
    await this.stopMembers();
  }

  private async stopMembers(): Promise<void> {
    await Promise.all(this.members.map((m) => (isStartable(m.provider) ? m.provider.stop() : Promise.resolve())));
  }

  /** Every member PoP, named `member/PoP`. */
  edges(): readonly Edge[] {
    return this.members.flatMap((m) => this.memberEdges(m).map((e) => ({ ...e, id: `${m.provider.id}/${e.id}` })));
  }

  /** Every member PoP as its member polls it (namespaces, pins, dialect), named `member/PoP`. */
  probeTargets(): ProbeTarget[] {
    return this.members.flatMap((m) => {
      const ids = new Set(this.memberEdges(m).map((e) => e.id));
      return probeTargetsOf(m.provider).filter((t) => ids.has(t.edge.id)).map((t) => ({ ...t, edge: { ...t.edge, id: `${m.provider.id}/${t.edge.id}` } }));
    });
  }

  private memberEdges(m: Member): readonly Edge[] {
    const all = m.provider.edges();
    const pops = m.pops;
    return pops === undefined ? all : all.filter((e) => pops.some((p) => popMatches(e.id, p)));
  }

  /**
   * One routed client per slot: slot k holds PoP k (mod its count) of every member, so a session is
   * steered between one PoP of each CDN, as a user near one place would be.
   */
  createClients(ctx: ClientContext): RequestClient[] {
    const wanted = new Set([...ctx.options.wantedHeaders, ...this.members.flatMap((m) => m.provider.dialect.headers)]);
    const options = { ...ctx.options, wantedHeaders: wanted };
    const routes = this.members.map((m) => {
      const edges = this.memberEdges(m);
      if (edges.length === 0) throw new InvalidConfigError(`provider ${this.id}: member ${m.provider.id} has none of the PoPs ${(m.pops ?? []).join(', ')}`, [], 'INVALID_PROVIDER');
      const clients = isClientComposer(m.provider) ? m.provider.createClients({ ...ctx, options }) : edges.map((e) => new EdgeClient(e, options));
      this.memberClients.push(...clients);
      return clients.filter((c) => edges.some((e) => e.id === c.edge.id)).map((client): Route => ({
        memberId: m.provider.id, dialect: m.provider.dialect, weight: m.weight, client, edgeId: client.edge.id,
        label: `${m.provider.id}/${client.edge.id}`, stats: new RouteStats(this.profile.steering.ewmaAlpha), downUntil: 0, lastGoodPath: null,
      }));
    });
    this.router?.close();
    const router = new Router(this.profile, this.counters, new Rng(ctx.seed).fork(`multi:${this.id}`), performance.now());
    this.router = router;
    const slots = Math.max(...routes.map((r) => r.length));
    return Array.from({ length: slots }, (_, k) => new RoutedClient(routes.map((r) => r[k % r.length] as Route), router, this.counters, this.profile));
  }

  /** Purges at every member; ok only when every member's purge was. */
  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    const started = performance.now();
    const receipts = await Promise.all(this.members.map(async (m) => ({ id: m.provider.id, r: isPurger(m.provider) ? await m.provider.purge(req) : { ok: false, apiMs: 0, error: 'has no invalidation API' } })));
    const failed = receipts.filter((x) => !x.r.ok);
    return {
      ok: failed.length === 0, apiMs: performance.now() - started,
      ...(failed.length === 0 ? {} : { error: failed.map((x) => `${x.id}: ${x.r.error ?? 'failed'}`).join('; ') }),
    };
  }

  /** The members an event goes to, and the event as each should see it (PoP without the member prefix). */
  private targets(event: ScenarioEvent): { member: Member; event: ScenarioEvent }[] | string {
    const pop = event.action === 'fault' ? event.pop : undefined;
    if (pop === undefined) {
      if (event.action === 'fault' && event.kind === 'pop-down') return `needs the PoP of a pop-down fault as member/PoP (members: ${this.members.map((m) => m.provider.id).join(', ')})`;
      return this.members.map((member) => ({ member, event }));
    }
    const slash = pop.indexOf('/');
    const memberId = slash < 0 ? pop : pop.slice(0, slash);
    const member = this.members.find((m) => m.provider.id === memberId);
    if (member === undefined) return `has no member ${memberId} (members: ${this.members.map((m) => m.provider.id).join(', ')}); name the PoP as member/PoP`;
    const rest: ScenarioEvent = { ...event, pop: slash < 0 ? undefined : pop.slice(slash + 1) } as ScenarioEvent;
    return [{ member, event: rest }];
  }

  eventSupport(event: ScenarioEvent): string | null {
    const t = this.targets(event);
    if (typeof t === 'string') return t;
    for (const { member, event: e } of t) {
      if (!isScenarioEventHandler(member.provider)) return `member ${member.provider.id} cannot carry out ${event.action} events`;
      const why = member.provider.eventSupport(e);
      if (why !== null) return `member ${member.provider.id} ${why}`;
    }
    return null;
  }

  async handleEvent(event: ScenarioEvent): Promise<void> {
    const t = this.targets(event);
    if (typeof t === 'string') throw new Error(t);
    await Promise.all(t.map(({ member, event: e }) => (isScenarioEventHandler(member.provider) ? member.provider.handleEvent(e) : Promise.resolve())));
  }

  /** summary.multiCdn and the cost: each member priced with its own table, extra requests included. */
  routingReport(series: readonly SeriesRecord[], totals: RunTotals): { routing: ReturnType<RoutingCounters['summary']>; cost: CostResult | null } {
    const costs = new Map<string, CostResult | null>();
    for (const m of this.members) {
      costs.set(m.provider.id, memberCost(m.provider, series, this.counters.member(m.provider.id), this.originBytes.get(m.provider.id) ?? 0, totals));
    }
    const dialects = new Map(this.members.map((m) => [m.provider.id, m.provider.dialect.id]));
    const routing = this.counters.summary(this.profile.steering.mode, dialects, new Map([...costs].map(([k, c]) => [k, c?.totalUsd ?? null])));
    return { routing, cost: sumCosts([...costs.values()], totals) };
  }
}

/** A member PoP named as the member reports it (FRA50-C1) or by its leading letters (fra), any case. */
export function popMatches(edgeId: string, name: string): boolean {
  const e = edgeId.toLowerCase();
  const n = name.toLowerCase();
  return e === n || (e.startsWith(n) && !/[a-z]/.test(e.charAt(n.length)));
}
