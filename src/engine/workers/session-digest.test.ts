import { describe, expect, it } from 'vitest';
import { SessionDigest, type DrawnSession } from './session-digest.js';

const drawn = (sessionNo: number, page = sessionNo % 7): DrawnSession => ({ sessionNo, model: sessionNo % 3 === 0 ? 'a' : 'b', book: `isbn${sessionNo % 5}`, lang: 'en', page, track: '', album: '' });

describe('SessionDigest', () => {
  it('is the same for the same sessions split over workers in any order', () => {
    const one = new SessionDigest();
    for (let k = 0; k < 50; k++) one.add(drawn(k));
    const parts = [new SessionDigest(), new SessionDigest(), new SessionDigest()];
    for (let k = 49; k >= 0; k--) parts[k % 3]?.add(drawn(k));
    const merged = new SessionDigest();
    for (const p of parts) merged.absorb(p.state());
    expect(merged.sessions).toBe(50);
    expect(merged.hex).toBe(one.hex);
  });

  it('changes when one session drew differently or is missing', () => {
    const base = new SessionDigest();
    const other = new SessionDigest();
    const fewer = new SessionDigest();
    for (let k = 0; k < 20; k++) {
      base.add(drawn(k));
      other.add(drawn(k, k === 7 ? 99 : k % 7));
      if (k !== 3) fewer.add(drawn(k));
    }
    expect(other.hex).not.toBe(base.hex);
    expect(fewer.hex).not.toBe(base.hex);
  });
});
