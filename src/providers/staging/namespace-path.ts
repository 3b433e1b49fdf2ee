/**
 * Request paths as a staging distribution sees them: the base URL's path, then the per-run cache-busting
 * prefix, then the scenario's path, then the cache-busting query. A run with a fresh namespace finds
 * every object uncached, which is what a cold-start run must measure.
 */

/** How paths are rewritten for one run. */
export interface PathNamespace {
  /** The base URL's path without trailing slash, '' for none. */
  basePath: string;
  /** Per-run prefix with `{run}` already replaced, '' for none. */
  prefix: string;
  /** Query parameter name carrying the run id, null for none. */
  query: string | null;
  runId: string;
}

/** The namespace of a run from the profile's `cacheBust` and a PoP's base path. */
export function pathNamespace(basePath: string, cacheBust: { query?: string | undefined; pathPrefix?: string | undefined } | undefined, runId: string): PathNamespace {
  return {
    basePath,
    prefix: cacheBust?.pathPrefix === undefined ? '' : cacheBust.pathPrefix.replaceAll('{run}', encodeURIComponent(runId)),
    query: cacheBust?.query ?? null,
    runId,
  };
}

/** The path to send for a scenario path (which starts with `/` and may carry a query). */
export function namespacedPath(ns: PathNamespace, path: string): string {
  const p = `${ns.basePath}${ns.prefix}${path}`;
  if (ns.query === null) return p;
  const hash = p.indexOf('#');
  const body = hash < 0 ? p : p.slice(0, hash);
  return `${body}${body.includes('?') ? '&' : '?'}${encodeURIComponent(ns.query)}=${encodeURIComponent(ns.runId)}`;
}
