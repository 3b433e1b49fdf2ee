import { describe, expect, it } from 'vitest';
import { audioBytes, isKbps, KBPS_TIERS } from './kbps.js';

describe('kbps', () => {
  it('sizes 3.5 min at 128 kbps as 3,360,000 bytes (the "3.5 MB" of DOMAIN.md)', () => {
    expect(audioBytes(210, 128)).toBe(3_360_000);
    expect(audioBytes(0, 320)).toBe(0);
  });

  it('knows the five tiers', () => {
    expect(KBPS_TIERS).toEqual([24, 96, 128, 160, 320]);
    expect(isKbps(128)).toBe(true);
    expect(isKbps(64)).toBe(false);
  });

  it('rejects negative durations and non-positive bitrates', () => {
    expect(() => audioBytes(-1, 128)).toThrow(RangeError);
    expect(() => audioBytes(10, 0)).toThrow(RangeError);
  });
});
