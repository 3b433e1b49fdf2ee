/** Why a term of a provider's bill is $0: a bill with an unexplained zero reads like a mistake or a free lunch. */
import type { ProviderResult } from '../result/result-model.js';

/** One sentence per zero term of `p`'s run bill; empty when unpriced or nothing is zero. */
export function zeroTerms(p: ProviderResult): string[] {
  const c = p.summary.cost;
  const run = c?.breakdown?.run;
  if (c == null || run === undefined) return [];
  const out: string[] = [];
  if (run.originUsd === 0) {
    out.push(c.originEgressGB === 0
      ? 'origin egress $0: no origin bytes were counted (the origin is not cdnbench\'s own, or every response was a hit)'
      : `origin egress $0: the price table charges nothing per origin GB (${c.originEgressGB.toFixed(3)} GB were fetched; e.g. a cloud origin to its own CDN is free)`);
  }
  if (run.requestsUsd === 0) out.push('requests $0: the price table has no per-request fee');
  if (run.invalidationUsd === 0) out.push(c.invalidationPaths === 0 ? 'invalidation $0: the run purged nothing' : `invalidation $0: ${c.invalidationPaths} paths are within the free monthly allowance (or purges are free)`);
  if (run.edgeUsd === 0) out.push('edge egress $0: the price table charges nothing per GB delivered (a flat plan)');
  return out;
}
