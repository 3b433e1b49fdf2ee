/**
 * Display titles for generated books, tracks and albums. Titles only make reports and the lab origin's
 * metadata readable; nothing keys on them, so repeats are harmless.
 */
import type { Rng } from '../util/rng.js';

const ADJECTIVES = [
  'Silent', 'Golden', 'Hidden', 'Last', 'Broken', 'Distant', 'Quiet', 'Burning', 'Northern', 'Lost',
  'Endless', 'Crimson', 'Hollow', 'Bright', 'Wandering', 'Secret', 'Frozen', 'Velvet', 'Restless', 'Open',
] as const;

const NOUNS = [
  'River', 'Garden', 'Harbor', 'Signal', 'Orchard', 'Lantern', 'Mountain', 'Letter', 'Mirror', 'Island',
  'Road', 'Winter', 'Kingdom', 'Echo', 'Station', 'Forest', 'Tide', 'Compass', 'Horizon', 'Voice',
] as const;

/** A book title such as "The Hidden Orchard" or "Letters of the Tide". */
export function bookTitle(rng: Rng): string {
  return rng.chance(0.5)
    ? `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`
    : `${rng.pick(NOUNS)}s of the ${rng.pick(NOUNS)}`;
}

/** A song title such as "Velvet Station". */
export function trackTitle(rng: Rng): string {
  return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
}

/** An album title such as "Echo Sessions". */
export function albumTitle(rng: Rng): string {
  return `${rng.pick(NOUNS)} ${rng.pick(['Sessions', 'Stories', 'Songs', 'Tapes', 'Nights'] as const)}`;
}
