/**
 * Builds the header lists a node writes: the entry's end-to-end fields, framing, `Age`, RFC 9211
 * `Cache-Status` (upstream hops first, this node last), `x-cdnbench-pop`, and the dialect's labels.
 *
 * The HIT list of an entry is built once per whole second of age and reused by every HIT in that second:
 * the hot path then costs a Map lookup and a `writeHead(200, list)`. Only the cloudflare dialect's
 * per-response `cf-ray` is written into the list's last slot just before `writeHead`, which serializes
 * the list synchronously, so concurrent responses sharing the list cannot see each other's value.
 */
import { ageMs, type CacheEntry } from './cache-entry.js';
import type { Outcome } from './cache-node.js';
import { listGet } from './header-list.js';
import { CDNBENCH_POP_HEADER } from '../../dialects/define-dialect.js';
import { cacheStatusParams, type DialectLabeler, type LabelFacts } from './hop-labels.js';

const HIT_FACTS = { outcome: 'hit', fwdStatus: undefined, stored: false, collapsed: false, refreshTriggered: false } as const;

/** One node's header builder. */
export class HeaderWriter {
  /** @param clientDrop fields of stored entries not written to this node's clients */
  constructor(
    private readonly id: string,
    private readonly labeler: DialectLabeler,
    private readonly clientDrop: ReadonlySet<string>,
  ) {}

  /** The reusable HIT header list for `entry` at `now` (stamped when the dialect needs it). */
  hit(entry: CacheEntry, now: number): string[] {
    const ageSec = Math.floor(ageMs(entry, now) / 1000);
    let list = entry.hitList;
    if (list === undefined || entry.hitAgeSec !== ageSec) {
      list = this.build(entry, { ...HIT_FACTS, ttlSec: Math.floor(entry.policy.freshMs / 1000) - ageSec }, ageSec, entry.body.length, undefined);
      entry.hitList = list;
      entry.hitAgeSec = ageSec;
    }
    return this.stamp(list);
  }

  /** A fresh list for any other response from an entry; `contentLength` undefined for a 304. */
  forEntry(entry: CacheEntry, facts: Omit<LabelFacts, 'ttlSec'>, now: number, contentLength: number | undefined, extra: readonly string[] | undefined): string[] {
    const age = ageMs(entry, now);
    const ttlSec = Math.floor((entry.policy.freshMs - age) / 1000);
    return this.stamp(this.build(entry, { ...facts, ttlSec }, Math.floor(age / 1000), contentLength, extra));
  }

  /** Headers for a response the node generates itself (502/504 with no upstream response). */
  generated(outcome: Outcome, contentLength: number): string[] {
    const out = ['content-type', 'text/plain; charset=utf-8', 'content-length', String(contentLength), 'cache-control', 'no-store'];
    const facts: LabelFacts = { outcome, fwdStatus: undefined, stored: false, collapsed: false, refreshTriggered: false, ttlSec: 0 };
    out.push('cache-status', `${this.id}${cacheStatusParams(facts)}`, CDNBENCH_POP_HEADER, this.id);
    this.labeler.append(out, outcome, undefined, undefined);
    return this.stamp(out);
  }

  private build(entry: CacheEntry, facts: LabelFacts, ageSec: number, contentLength: number | undefined, extra: readonly string[] | undefined): string[] {
    const out: string[] = [];
    const h = entry.headers;
    for (let i = 0; i < h.length; i += 2) {
      const name = h[i] as string;
      // `extra` overrides stored fields of the same name (multipart ranges replace Content-Type).
      if (!this.clientDrop.has(name) && (extra === undefined || !namedIn(extra, name))) out.push(name, h[i + 1] as string);
    }
    // No Content-Length on a 304: strict clients (undici) then expect that many body bytes.
    if (contentLength !== undefined) out.push('content-length', String(contentLength));
    out.push('age', String(ageSec));
    // Ranges are served from every stored 200 (byte-ranges.ts) and slice, so say so even when the origin did not.
    if ((entry.status === 200 || entry.slice !== undefined) && listGet(h, 'accept-ranges') === undefined) out.push('accept-ranges', 'bytes');
    if (extra !== undefined) for (const s of extra) out.push(s);
    const own = `${this.id}${cacheStatusParams(facts)}`;
    const prev = entry.hops.cacheStatus;
    out.push('cache-status', prev === undefined ? own : `${prev}, ${own}`, CDNBENCH_POP_HEADER, this.id);
    this.labeler.append(out, facts.outcome, entry.hops.xCache, entry.hops.xServedBy);
    return out;
  }

  private stamp(list: string[]): string[] {
    if (this.labeler.stamped) list[list.length - 1] = this.labeler.stamp();
    return list;
  }
}

function namedIn(pairs: readonly string[], name: string): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return true;
  return false;
}
