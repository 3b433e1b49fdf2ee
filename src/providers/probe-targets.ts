/**
 * Where and how the invalidation prober polls a provider: one target per PoP, with the path each PoP is
 * asked for (a staging run's cache-busting namespace), the headers that make it report its cache status
 * (Akamai's Pragma) and the dialect that reads that status. A provider whose PoPs are plain edges needs
 * nothing; one that rewrites paths or composes members (staging, multi-CDN) says so here.
 */
import { hasRequestHeaders, type Edge, type ProviderAdapter } from './adapter.js';
import type { HeaderDialect } from '../dialects/dialect.js';

/** One PoP as the prober polls it. */
export interface ProbeTarget {
  /** The PoP; its id names the result's points. */
  edge: Edge;
  /** The request path for a scenario path (identity unless the provider rewrites paths). */
  path(scenarioPath: string): string;
  /** Reads the cache status of this PoP's answers. */
  dialect: HeaderDialect;
  /** Sent with every poll. */
  headers: Readonly<Record<string, string>>;
}

/** A provider that says itself how its PoPs are polled. */
export interface ProbeTargeted {
  probeTargets(): ProbeTarget[];
}

/** True when the provider lists its own probe targets. */
export function isProbeTargeted(p: ProviderAdapter): p is ProviderAdapter & ProbeTargeted {
  return typeof (p as Partial<ProbeTargeted>).probeTargets === 'function';
}

/** The provider's probe targets: its own list, else one per edge with paths as the scenario writes them. */
export function probeTargetsOf(p: ProviderAdapter): ProbeTarget[] {
  if (isProbeTargeted(p)) return p.probeTargets();
  const headers = hasRequestHeaders(p) ? p.requestHeaders : {};
  return p.edges().map((edge) => ({ edge, path: (s) => s, dialect: p.dialect, headers }));
}
