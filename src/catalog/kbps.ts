/**
 * Audio bitrate tiers and the byte sizes they imply. Files are served as one object with Range requests
 * (DOMAIN.md §1), so a file's size at a tier is all that range arithmetic needs.
 */

/** The five delivery bitrates in kbit/s, lowest first. */
export const KBPS_TIERS = [24, 96, 128, 160, 320] as const;

/** One of the delivery bitrates. */
export type Kbps = (typeof KBPS_TIERS)[number];

/** Narrows a number (for example parsed from `/audio/{id}/{kbps}.ogg`) to a delivery bitrate. */
export function isKbps(value: number): value is Kbps {
  return (KBPS_TIERS as readonly number[]).includes(value);
}

/**
 * Size in bytes of `durationSec` of audio at a constant `kbps` (kilo = 1000, as bitrates are quoted):
 * 3.5 min at 128 kbps = 3,360,000 bytes, the "3.5 MB" of DOMAIN.md §1. Container overhead is ignored.
 */
export function audioBytes(durationSec: number, kbps: number): number {
  if (!Number.isFinite(durationSec) || durationSec < 0) throw new RangeError(`durationSec must be >= 0 (got ${durationSec})`);
  if (!Number.isFinite(kbps) || kbps <= 0) throw new RangeError(`kbps must be > 0 (got ${kbps})`);
  return Math.round((durationSec * kbps * 1000) / 8);
}
