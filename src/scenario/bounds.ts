/**
 * The sane bounds of a scenario, enforced by its schema (so `cdnbench schema` and validation show them):
 * beyond them a plan cannot run as written (a timer longer than Node's 24.8-day maximum fires at once),
 * or would exhaust the load generator before sending anything (a catalog of 10⁹ books took 4.3 GB and
 * minutes to build). README "Scenario bounds" lists them.
 */

/** Longest phase, sum of phases, or maxDuration: 7 days. */
export const MAX_RUN_DURATION_MS = 7 * 24 * 3_600_000;

/** Highest open-model arrival rate (rate or to), sessions per second. */
export const MAX_SESSION_RATE = 100_000;

/** Most sessions the open-model phases may plan in one run (Σ rate × duration). */
export const MAX_PLANNED_SESSIONS = 100_000_000;

/** Most closed-model virtual users of a phase. */
export const MAX_VUS = 100_000;

export { MAX_CATALOG } from '../catalog/catalog-config.js';

/** 1234567 → "1,234,567" (figures in messages). */
export function formatCount(n: number): string {
  return n >= 1e21 ? n.toExponential(2) : Math.round(n).toLocaleString('en-US');
}

/** Most listeners of a crowd (`crowd.listeners`): each is a connection (HTTP/1.1) or a stream (HTTP/2). */
export const MAX_CROWD_LISTENERS = 200_000;

/** Longest window a crowd is released within (`crowd.within`). */
export const MAX_CROWD_WINDOW_MS = 60_000;

/** Most HTTP/2 streams a crowd puts on one connection (servers commonly allow 100 to 1,000). */
export const MAX_STREAMS_PER_CONNECTION = 1_000;
