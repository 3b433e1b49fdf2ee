/**
 * The `purge_cache` request bodies for one purge (Cloudflare API, "Purge Cached Content"): one type per
 * request — `files` (absolute URLs), `prefixes` (host/path without scheme; cdnbench writes a prefix as a
 * path ending in `*`), `tags`, `hosts`, or `purge_everything` — batched at the plan's per-request maximum.
 */
import type { PurgeRequest } from '../../adapter.js';
import { absoluteUrl } from '../cdn-profile.js';
import { batches } from '../http-api/batcher.js';
import type { CloudflarePurgeLimits } from './cloudflare-limits.js';

/** One purge_cache body and how many URLs it purges (they count against the URL rate). */
export interface CloudflarePurgeBody {
  body: { files: string[] } | { prefixes: string[] } | { tags: string[] } | { hosts: string[] } | { purge_everything: true };
  urls: number;
}

/** What the bodies are built from besides the request. */
export interface CloudflareBodyContext {
  purgeBase: string;
  limits: CloudflarePurgeLimits;
  purgeAll: 'hosts' | 'zone';
  /** Hostnames of the profile's edges (for `hosts` purges). */
  hosts: readonly string[];
}

/** The bodies, files first, then prefixes, tags and hosts/everything. */
export function cloudflarePurgeBodies(req: PurgeRequest, ctx: CloudflareBodyContext): CloudflarePurgeBody[] {
  const urls = req.urls ?? [];
  const files = urls.filter((u) => !u.endsWith('*')).map((u) => absoluteUrl(ctx.purgeBase, u));
  const prefixes = urls.filter((u) => u.endsWith('*')).map((u) => absoluteUrl(ctx.purgeBase, u.slice(0, -1)).replace(/^https?:\/\//i, ''));
  const out: CloudflarePurgeBody[] = [];
  for (const b of batches(files, { maxItems: ctx.limits.maxUrls })) out.push({ body: { files: b }, urls: b.length });
  for (const b of batches(prefixes, { maxItems: ctx.limits.maxOperations })) out.push({ body: { prefixes: b }, urls: 0 });
  for (const b of batches(req.tags ?? [], { maxItems: ctx.limits.maxOperations })) out.push({ body: { tags: b }, urls: 0 });
  if (req.all === true) {
    if (ctx.purgeAll === 'zone') out.push({ body: { purge_everything: true }, urls: 0 });
    else for (const b of batches([...new Set(ctx.hosts)], { maxItems: ctx.limits.maxOperations })) out.push({ body: { hosts: b }, urls: 0 });
  }
  return out;
}
