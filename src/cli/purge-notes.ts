/** The lines `run` prints under its table for purges that failed (each is also in result.json's summary.purges). */
import type { ProviderResult } from '../result/result-model.js';

/** One line per provider with failed purges: how many, and the first reason. */
export function purgeNotes(providers: readonly ProviderResult[]): string[] {
  return providers.flatMap((p) => {
    const purges = p.summary.purges;
    const failed = purges.filter((x) => !x.ok);
    const first = failed[0];
    if (first === undefined) return [];
    return [`purges on ${p.id}: ${failed.length} of ${purges.length} failed; first: ${first.error ?? 'unknown error'} (see summary.purges)`];
  });
}
