import { describe, expect, it } from 'vitest';
import type { CrowdResult } from '../../result/crowd-result.js';
import { bottleneck } from './crowd-watch.js';

const base: CrowdResult = {
  listeners: 1000, withinMs: 1000, connect: 'warm', protocol: 'http1', connections: 1000, sourceAddresses: 1, connectMs: 120,
  connectFailures: 0, connectErrors: {}, sent: 1000, firstToLastSendMs: 999, windowStartedAt: 0, lateSends: 0,
  latencyFromIntended: { count: 1000, p50Ms: 5, p95Ms: 9, p99Ms: 12, maxMs: 20 }, peakRssBytes: 1, rssPerConnectionBytes: 4000,
  loopLagP99Ms: 0, loopLagMaxMs: 0, cpuPercent: 30, bottleneck: '',
};

describe('the crowd bottleneck line', () => {
  it('names descriptors and ports first, then a late generator (with its lag and CPU), the rate cap, the server, or none', () => {
    expect(bottleneck({ ...base, connectFailures: 3, connectErrors: { EMFILE: 3 } }, 0)).toMatch(/^file descriptors: 3 /);
    expect(bottleneck({ ...base, connectFailures: 2, connectErrors: { EADDRNOTAVAIL: 2 } }, 0)).toMatch(/^ephemeral ports: 2 /);
    expect(bottleneck({ ...base, lateSends: 300, loopLagP99Ms: 80, cpuPercent: 99 }, 0)).toBe('generator: 30 % of sends late by > 50 ms (event-loop lag p99 80 ms, max 0 ms; CPU 99 % of one core)');
    expect(bottleneck({ ...base, lateSends: 300 }, 40)).toMatch(/^limits\.maxRate: 40 requests waited/);
    expect(bottleneck({ ...base, lateSends: 5, latencyFromIntended: { ...base.latencyFromIntended, p99Ms: 900 } }, 0)).toMatch(/^server: sends kept the schedule \(0\.5 % late\), answers took p99 900 ms/);
    expect(bottleneck({ ...base, connectFailures: 4, connectErrors: { ECONNREFUSED: 4 } }, 0)).toBe('server: 4 connections refused (ECONNREFUSED 4)');
    expect(bottleneck(base, 0)).toMatch(/^none: /);
  });
});
