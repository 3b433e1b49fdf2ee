/**
 * The purge endpoints of the control server, shaped like the profile's provider (DOMAIN.md §3):
 *
 * - `cloudflare`: `POST /client/v4/zones/{zone}/purge_cache` with JSON `{files?, tags?, prefixes?,
 *   purge_everything?}` (`files` entries are URLs, paths or `{url}` objects; ≤ 100 each, as Cloudflare
 *   limits); `hosts` is refused (the lab has one host).
 * - `fastly`: `POST /purge/{path}` (URL; a leading `host/` segment or full URL is accepted too),
 *   `POST /service/{sid}/purge/{key}`, `POST /service/{sid}/purge` with `Surrogate-Key: k1 k2` (≤ 256),
 *   `POST /service/{sid}/purge_all`. Soft purge is not emulated (every purge is hard).
 * - `generic`: `POST /purge` with JSON `{urls?, tags?, all?}`.
 *
 * A purge of a kind missing from the profile's `purgeKinds` is refused with 400 and changes nothing.
 */
import { z } from 'zod';
import type { PurgeMatcher } from './cache-store.js';
import type { PurgeApi, PurgeKind } from './emulator-profile.js';

/** A purge request parsed from any API shape. */
export interface ParsedPurge {
  readonly matchers: readonly PurgeMatcher[];
  readonly kinds: ReadonlySet<PurgeKind>;
}

/** Result of routing a control-server request to the purge API. */
export type PurgeRoute = { readonly ok: true; readonly purge: ParsedPurge } | { readonly ok: false; readonly message: string };

const cloudflareBody = z.strictObject({
  files: z.array(z.union([z.string().min(1), z.looseObject({ url: z.string().min(1) })])).max(100).optional(),
  tags: z.array(z.string().min(1)).max(100).optional(),
  prefixes: z.array(z.string().min(1)).max(100).optional(),
  hosts: z.array(z.string()).optional(),
  purge_everything: z.literal(true).optional(),
});

const genericBody = z.strictObject({
  urls: z.array(z.string().min(1)).optional(),
  tags: z.array(z.string().min(1)).optional(),
  all: z.boolean().optional(),
});

/** A full URL or a path, as the cache's primary key (path + query). */
export function toCacheUrl(raw: string): string {
  if (/^https?:\/\//i.test(raw)) {
    const u = new URL(raw);
    return `${u.pathname}${u.search}`;
  }
  return raw.startsWith('/') ? raw : `/${raw}`;
}

/** Builds the matchers; an empty purge is an error. */
function assemble(urls: readonly string[], prefixes: readonly string[], tags: readonly string[], all: boolean): PurgeRoute {
  const matchers: PurgeMatcher[] = [];
  const kinds = new Set<PurgeKind>();
  if (all) {
    matchers.push({ kind: 'all' });
    kinds.add('all');
  }
  if (urls.length > 0 || prefixes.length > 0) {
    matchers.push({ kind: 'url', urls: urls.map(toCacheUrl), prefixes: prefixes.map(toCacheUrl) });
    kinds.add('url');
  }
  if (tags.length > 0) {
    matchers.push({ kind: 'tag', tags });
    kinds.add('tag');
  }
  if (matchers.length === 0) return { ok: false, message: 'nothing to purge: give URLs, tags or everything' };
  return { ok: true, purge: { matchers, kinds } };
}

function invalid(error: z.ZodError): PurgeRoute {
  return { ok: false, message: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Fastly's `/purge/{host}/{path}` or `/purge/{path}` or `/purge/{full URL}` → cache URL. */
function fastlyUrl(rest: string): string {
  // A malformed escape is taken literally rather than refused: the URL then simply matches nothing.
  const decoded = safeDecode(rest);
  if (/^https?:\/\//i.test(decoded)) return toCacheUrl(decoded);
  const slash = decoded.indexOf('/');
  const first = slash < 0 ? decoded : decoded.slice(0, slash);
  // A first segment that looks like a host (has a dot or port) followed by a path is Fastly's host/path form.
  if (slash > 0 && /[.:]/.test(first)) return toCacheUrl(decoded.slice(slash));
  return toCacheUrl(decoded);
}

const CF_ROUTE = /^\/client\/v4\/zones\/[^/]+\/purge_cache$/;
const FASTLY_SERVICE = /^\/service\/[^/]+\/(purge_all|purge)(?:\/(.+))?$/;

/**
 * Routes a POST to the profile's purge API. undefined when the path is not a purge endpoint of that API.
 * @param target the request target (path and query)
 * @param body the parsed JSON body (undefined when there was none or it was not JSON)
 */
export function routePurge(api: PurgeApi, target: string, headers: Readonly<Record<string, string | string[] | undefined>>, body: unknown): PurgeRoute | undefined {
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  if (api === 'cloudflare') {
    if (!CF_ROUTE.test(pathname)) return undefined;
    const b = cloudflareBody.safeParse(body ?? {});
    if (!b.success) return invalid(b.error);
    if (b.data.hosts !== undefined) return { ok: false, message: 'purge by hosts is not supported by the lab (one host)' };
    const files = (b.data.files ?? []).map((f) => (typeof f === 'string' ? f : f.url));
    return assemble(files, b.data.prefixes ?? [], b.data.tags ?? [], b.data.purge_everything === true);
  }
  if (api === 'generic') {
    if (pathname !== '/purge') return undefined;
    const b = genericBody.safeParse(body ?? {});
    if (!b.success) return invalid(b.error);
    return assemble(b.data.urls ?? [], [], b.data.tags ?? [], b.data.all === true);
  }
  if (pathname.startsWith('/purge/') && pathname.length > '/purge/'.length) {
    // The purged URL keeps its query: `/purge/maps/x.json?v=2` purges `/maps/x.json?v=2`.
    return assemble([fastlyUrl(target.slice('/purge/'.length))], [], [], false);
  }
  const m = FASTLY_SERVICE.exec(pathname);
  if (m === null) return undefined;
  if (m[1] === 'purge_all') return m[2] === undefined ? assemble([], [], [], true) : undefined;
  if (m[2] !== undefined) return assemble([], [], [safeDecode(m[2])], false);
  const header = headers['surrogate-key'];
  const keys = (Array.isArray(header) ? header.join(' ') : (header ?? '')).split(/\s+/).filter((k) => k !== '');
  if (keys.length > 256) return { ok: false, message: 'at most 256 surrogate keys per batch purge' };
  return assemble([], [], keys, false);
}

/** The body a successful purge answers with, in the API's shape. */
export function purgeAccepted(api: PurgeApi, id: string): unknown {
  if (api === 'cloudflare') return { success: true, errors: [], messages: [], result: { id } };
  if (api === 'fastly') return { status: 'ok', id };
  return { ok: true, id };
}

/** The body a refused purge answers with (status 400), in the API's shape. */
export function purgeRefused(api: PurgeApi, message: string): unknown {
  if (api === 'cloudflare') return { success: false, errors: [{ code: 1012, message }], messages: [], result: null };
  if (api === 'fastly') return { msg: 'Bad request', detail: message };
  return { ok: false, error: message };
}
