import { describe, expect, it } from 'vitest';
import { RequestGate } from './request-gate.js';

// Every test passes explicit `now` values (ms): the gate is a pure function of them, no real time.

/** Takes `n` slots at `now` and returns what each take answered. */
function takeMany(gate: RequestGate, n: number, now: number): number[] {
  return Array.from({ length: n }, () => gate.take(now));
}

describe('RequestGate: maxRequests', () => {
  it('lets exactly maxRequests through, then closes for good', () => {
    const gate = new RequestGate(3, 1_000_000, 0);
    expect(takeMany(gate, 3, 0)).toEqual([0, 0, 0]);
    expect(gate.count).toBe(3);
    expect(gate.take(1)).toBe(-1);
    expect(gate.closed).toBe('max-requests');
    // Closed stays closed, whatever time passes; the count never moves past the cap.
    expect(gate.take(1_000_000)).toBe(-1);
    expect(gate.count).toBe(3);
  });

  it('is open until the budget is spent', () => {
    const gate = new RequestGate(2, 1_000_000, 0);
    expect(gate.closed).toBeNull();
    gate.take(0);
    expect(gate.closed).toBeNull();
    expect(gate.count).toBe(1);
  });

  it('closes on request with the first reason kept', () => {
    const gate = new RequestGate(100, 100, 0);
    expect(gate.take(0)).toBe(0);
    gate.close('stopped');
    expect(gate.closed).toBe('stopped');
    expect(gate.take(10)).toBe(-1);
    gate.close('max-requests');
    expect(gate.closed).toBe('stopped');
    expect(gate.count).toBe(1);
  });
});

describe('RequestGate: maxRate', () => {
  it('allows one second of burst, then asks to wait for the next token', () => {
    const gate = new RequestGate(1_000, 10, 0);
    expect(takeMany(gate, 10, 0)).toEqual(Array<number>(10).fill(0));
    // Bucket empty: one token takes 1000/10 = 100 ms to refill.
    expect(gate.take(0)).toBeCloseTo(100, 9);
    // A refused take does not use up a request.
    expect(gate.count).toBe(10);
    expect(gate.closed).toBeNull();
  });

  it('refills linearly with time: half a token after half the interval', () => {
    const gate = new RequestGate(1_000, 10, 0);
    takeMany(gate, 10, 0);
    expect(gate.take(50)).toBeCloseTo(50, 9);
    expect(gate.take(75)).toBeCloseTo(25, 9);
    expect(gate.take(100)).toBe(0);
    expect(gate.take(100)).toBeCloseTo(100, 9);
    expect(gate.count).toBe(11);
  });

  it('caps the refill at one second of burst however long the gate idled', () => {
    const gate = new RequestGate(1_000, 10, 0);
    takeMany(gate, 10, 0);
    const at = 60_000;
    expect(takeMany(gate, 10, at)).toEqual(Array<number>(10).fill(0));
    expect(gate.take(at)).toBeCloseTo(100, 9);
    expect(gate.count).toBe(20);
  });

  it('paces a long run at the cap: N seconds pass at most rate·N (+ burst) requests', () => {
    const rate = 50;
    const gate = new RequestGate(1_000_000, rate, 0);
    // A client that retries exactly when told to, for 10 simulated seconds.
    let now = 0;
    let passed = 0;
    while (now <= 10_000) {
      const w = gate.take(now);
      expect(w).toBeGreaterThanOrEqual(0);
      if (w === 0) passed++;
      else now += w;
    }
    // 50 burst tokens at t=0 plus one per 20 ms for 10 s.
    expect(passed).toBe(rate + (10_000 / 1000) * rate);
  });

  it('never asks for a wait shorter than 1 ms', () => {
    const gate = new RequestGate(1_000_000, 1_000, 0);
    takeMany(gate, 1_000, 0);
    expect(gate.take(0.5)).toBe(1);
  });

  it('does not refill when the clock steps backwards', () => {
    const gate = new RequestGate(1_000, 10, 100);
    takeMany(gate, 10, 100);
    expect(gate.take(0)).toBeCloseTo(100, 9);
    expect(gate.take(150)).toBeCloseTo(50, 9);
  });
});

describe('RequestGate below one request per second', () => {
  it('still lets a request through (a cap of 0.5/s means one every 2 s)', () => {
    const gate = new RequestGate(10, 0.5, 0);
    expect(gate.take(0)).toBe(0);
    expect(gate.take(1)).toBeGreaterThan(0);
    expect(gate.take(2001)).toBe(0);
  });
});
