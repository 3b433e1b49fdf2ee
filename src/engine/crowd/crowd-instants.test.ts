import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { crowdInstants } from './crowd-instants.js';

describe('crowdInstants', () => {
  it('spreads constant arrivals evenly over the window, the first at its start', () => {
    expect([...crowdInstants(4, 1000, 'constant', new Rng(1))]).toEqual([0, 250, 500, 750]);
  });

  it('draws poisson arrivals inside the window, sorted, the same for the same seed', () => {
    const a = crowdInstants(1000, 200, 'poisson', new Rng(7).fork('arrivals'));
    const b = crowdInstants(1000, 200, 'poisson', new Rng(7).fork('arrivals'));
    expect(a).toEqual(b);
    expect(a.every((v, i) => v >= 0 && v < 200 && (i === 0 || v >= (a[i - 1] as number)))).toBe(true);
  });
});
