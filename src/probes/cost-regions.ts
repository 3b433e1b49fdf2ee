/**
 * Maps a run's per-PoP byte counts to price regions, the input `computeCost` takes
 * (`edgeBytesByRegion`). Each emulator PoP names its price region in the profile (`pops[].region`).
 */

/** A PoP and the price region that bills its traffic. */
export interface PopRegion {
  id: string;
  region: string;
}

/**
 * Sums `bytes` of each series (bytes on the wire to clients) by the price region of its PoP. A PoP the
 * list does not name (a target without regions, an unknown id) is billed in `default`.
 */
export function edgeBytesByRegion(
  series: readonly { key: { pop: string }; bytes: number }[],
  pops: readonly PopRegion[],
): Record<string, number> {
  const regionOf = new Map(pops.map((p) => [p.id, p.region]));
  const out: Record<string, number> = {};
  for (const s of series) {
    const region = regionOf.get(s.key.pop) ?? 'default';
    out[region] = (out[region] ?? 0) + s.bytes;
  }
  return out;
}
