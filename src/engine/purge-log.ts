/**
 * Records every purge a run makes — from scenario purge events and from rollout measurements alike — by
 * handing the run a view of the provider whose `purge` writes a PurgeRecord (what was asked, what the API
 * answered, how long it took) before passing the receipt on. A failed purge is thereby in result.json,
 * not just in a log line, and the rest of the run goes on.
 */
import type { PurgeRecord } from '../result/result-model.js';
import { isPurger, type ProviderAdapter, type PurgeReceipt, type PurgeRequest } from '../providers/adapter.js';

/** The record of one purge and its receipt. */
export function purgeRecord(req: PurgeRequest, r: PurgeReceipt, atMs: number): PurgeRecord {
  return {
    atMs,
    urls: req.urls?.length ?? 0,
    tags: req.tags?.length ?? 0,
    all: req.all === true,
    ok: r.ok,
    apiMs: r.apiMs,
    calls: r.calls ?? null,
    attempts: r.attempts ?? null,
    completedMs: r.completedMs ?? null,
    id: r.id ?? null,
    error: r.ok ? null : (r.error ?? 'unknown error'),
    asked: { urls: [...(req.urls ?? [])], tags: [...(req.tags ?? [])] },
  };
}

/**
 * The provider as the run should see it: unchanged when it cannot purge; otherwise a view whose `purge`
 * appends to `into` (times relative to `t0`, a performance.now() instant). Every other member is the
 * provider's own, bound to it, so private state and type guards work as before.
 */
export function recordingPurges<P extends ProviderAdapter>(provider: P, into: PurgeRecord[], t0: number): P {
  if (!isPurger(provider)) return provider;
  const purge = async (req: PurgeRequest): Promise<PurgeReceipt> => {
    const atMs = performance.now() - t0;
    let receipt: PurgeReceipt;
    try {
      receipt = await provider.purge(req);
    } catch (err) {
      into.push(purgeRecord(req, { ok: false, apiMs: performance.now() - t0 - atMs, error: err instanceof Error ? err.message : String(err) }, atMs));
      throw err;
    }
    into.push(purgeRecord(req, receipt, atMs));
    return receipt;
  };
  return new Proxy(provider, {
    get(target, prop) {
      if (prop === 'purge') return purge;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
