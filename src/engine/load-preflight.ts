/**
 * The load preflight (not the SLO measurability check of src/app/preflight.ts): before any load, a
 * handful of the run's first distinct paths are requested once on every PoP. When most fail (status
 * >= 400 or no response) the run stops with exit 104, naming the paths, statuses and the likely cause,
 * instead of measuring a wall of 404s. The probes are not samples; `--no-preflight` skips them.
 */
import { InvalidConfigError } from '../errors.js';
import type { ProviderAdapter, RequestClient } from '../providers/adapter.js';
import type { ProbeRequest } from './preflight-requests.js';

/** Distinct paths probed per PoP. */
export const PREFLIGHT_PATHS = 5;

/** One probe's outcome. */
export interface ProbeOutcome {
  pop: string;
  path: string;
  /** HTTP status, or the network error kind. */
  status: number | string;
  ok: boolean;
}

/** Thrown when most probes failed; exit 104. */
export class PreflightFailedError extends InvalidConfigError {
  constructor(message: string, details: readonly string[]) {
    super(message, details, 'INVALID_SCENARIO');
  }
}

/** Providers whose origin is cdnbench's own (the same catalog by construction) are never probed. */
const LAB_KINDS: ReadonlySet<string> = new Set(['emulator', 'lab-engine']);

/** True when the provider's origin may not be cdnbench's, so its paths are worth probing. */
export function needsPreflight(provider: ProviderAdapter): boolean {
  return !LAB_KINDS.has(provider.kind);
}

/**
 * Probes the requests on every client and throws PreflightFailedError when most failed. A stop signal
 * during the probes closes the clients (cutting them) and returns without a verdict: the run is stopping.
 */
export async function checkBeforeLoad(providerId: string, clients: readonly RequestClient[], requests: () => Promise<ProbeRequest[]>, signal: AbortSignal): Promise<void> {
  const cut = (): void => {
    for (const c of clients) void c.close();
  };
  signal.addEventListener('abort', cut, { once: true });
  try {
    const reqs = await requests();
    const outcomes = await probeAll(clients, reqs);
    if (!signal.aborted) assertPreflight(providerId, outcomes, reqs.some((r) => r.fromDataset));
  } finally {
    signal.removeEventListener('abort', cut);
  }
}

/** Sends every request once on every client, in parallel (each bounded by the client's request timeout). */
export async function probeAll(clients: readonly RequestClient[], requests: readonly ProbeRequest[]): Promise<ProbeOutcome[]> {
  const probes = clients.flatMap((c) => requests.map((r) => new Promise<ProbeOutcome>((resolve) => {
    c.get(preflightPath(r.path), r.headers, (ex) => {
      const status = ex.error !== undefined ? ex.error : ex.status;
      resolve({ pop: c.edge.id, path: r.path, status, ok: ex.error === undefined && ex.status < 400 });
    });
  })));
  return Promise.all(probes);
}

/** The query parameter every probe carries; documented so a user's origin or CDN rules can recognise it. */
export const PREFLIGHT_QUERY = 'cdnbench-preflight';

/**
 * The path a probe asks for: the run's path plus `?cdnbench-preflight=1`, so a CDN that keys its cache on
 * the query string (most do by default) stores the probe apart and a cold start stays cold — a probe of
 * the very object a crowd is about to request must not pre-warm it and fake perfect coalescing.
 */
export function preflightPath(path: string): string {
  const hash = path.indexOf('#');
  const body = hash < 0 ? path : path.slice(0, hash);
  return `${body}${body.includes('?') ? '&' : '?'}${PREFLIGHT_QUERY}=1`;
}

/** Throws PreflightFailedError when more than half of the probes got 4xx or no answer, or every one a 5xx; `fromDataset` tunes the hint. */
export function assertPreflight(providerId: string, outcomes: readonly ProbeOutcome[], fromDataset: boolean): void {
  const bad = outcomes.filter((o) => !o.ok);
  // 4xx and no answer mean the run would measure the wrong thing (paths, auth, URLs); 5xx may be exactly
  // what is being measured (a flaky CDN answering 30 % with 503s must be compared, not refused), so server
  // errors stop the run only when every probe got one.
  const misdirected = bad.filter((o) => !(typeof o.status === 'number' && o.status >= 500));
  if (outcomes.length === 0) return;
  if (misdirected.length * 2 <= outcomes.length && bad.length < outcomes.length) return;
  const byPath = new Map<string, string[]>();
  for (const o of bad) byPath.set(o.path, [...(byPath.get(o.path) ?? []), `${o.status}@${o.pop}`]);
  const shown = [...byPath].slice(0, 3).map(([p, s]) => `${p} → ${[...new Set(s)].slice(0, 3).join(', ')}`);
  const details = [...byPath].map(([p, s]) => `${p}: ${s.join(', ')}`);
  throw new PreflightFailedError(
    `preflight on ${providerId}: ${bad.length} of ${outcomes.length} probes failed (${shown.join('; ')}); ${likelyCause(bad, fromDataset)}; --no-preflight skips this check`,
    details,
  );
}

function likelyCause(bad: readonly ProbeOutcome[], fromDataset: boolean): string {
  const count = (f: (s: number | string) => boolean): number => bad.filter((o) => f(o.status)).length;
  const most = (n: number): boolean => n * 2 > bad.length;
  if (most(count((s) => s === 401 || s === 403))) {
    return 'likely cause: the origin or CDN wants credentials — add a header such as Authorization: "Bearer ${env.TOKEN}" to the steps or the staging profile (-e TOKEN=…)';
  }
  if (most(count((s) => s === 404 || s === 410))) {
    return fromDataset
      ? 'likely cause: the dataset\'s paths do not exist at this origin (check the list, and the base URL path of the PoPs)'
      : 'likely cause: the synthetic catalog\'s paths do not match the origin — catalog.seed and sizes must equal those of its `cdnbench origin`, or draw your own paths with get: { from: urls.csv }';
  }
  if (most(count((s) => typeof s === 'number' && s >= 500))) return 'likely cause: the CDN or the origin is failing (5xx)';
  if (most(count((s) => typeof s === 'string'))) return 'likely cause: nothing answers at the PoP addresses (check the URLs and that the server is up)';
  return 'likely cause: the paths or the request headers do not suit this origin';
}
