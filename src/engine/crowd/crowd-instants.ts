/**
 * Each listener's intended instant, ms from the start of the window: evenly spaced (arrival: constant) or
 * N seeded uniform draws, sorted (arrival: poisson: a Poisson process conditioned on N arrivals). Drawn
 * from the run's schedule seed, so every provider of a run gets the same instants.
 */
import type { Rng } from '../../util/rng.js';

/** The listeners' instants in ascending order (one Float64Array, not 50,000 numbers in an array). */
export function crowdInstants(listeners: number, withinMs: number, arrival: 'constant' | 'poisson', rng: Rng): Float64Array {
  const out = new Float64Array(listeners);
  if (arrival === 'constant') {
    for (let i = 0; i < listeners; i++) out[i] = (i * withinMs) / listeners;
    return out;
  }
  for (let i = 0; i < listeners; i++) out[i] = rng.next() * withinMs;
  return out.sort();
}
