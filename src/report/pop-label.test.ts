import { describe, expect, it } from 'vitest';
import { popLabels } from './pop-label.js';

describe('popLabels', () => {
  it('writes every dialect\'s PoP as its lower-case airport code, unless two would collide', () => {
    expect(popLabels(['fra', 'SIN', 'FRA50-C1'].slice(0, 2))).toEqual(['fra', 'sin']);
    expect(popLabels(['FRA50-C1', 'IAD50-C1', 'NRT50-C1'])).toEqual(['fra', 'iad', 'nrt']);
    expect(popLabels(['FRA50-C1', 'FRA56-P2', 'iad'])).toEqual(['fra50-c1', 'fra56-p2', 'iad']);
    expect(popLabels(['127.0.0.1:8080', 'edge-eu'])).toEqual(['127.0.0.1:8080', 'edge-eu']);
  });
});
