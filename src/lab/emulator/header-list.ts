/**
 * Stored response headers as a flat `[name, value, name, value, …]` list with lower-case names: the shape
 * `res.writeHead(status, list)` accepts directly, so a cached response's headers are concatenated once and
 * written without building an object per request.
 */

/** Flat header list, names lower-case. */
export type HeaderList = string[];

/** Node/undici header records: lower-case keys, one or many values. */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1) and the framing fields the emulator recomputes; never stored or
 * forwarded. `age` is tracked as a number instead (RFC 9111 §4.2.3).
 */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'age']);

/** A record's headers as a list, minus hop-by-hop and framing fields and any name in `drop`. */
export function toHeaderList(record: HeaderRecord, drop?: ReadonlySet<string>): HeaderList {
  const out: HeaderList = [];
  for (const name in record) {
    const value = record[name];
    if (value === undefined || DROPPED.has(name) || drop?.has(name)) continue;
    if (typeof value === 'string') out.push(name, value);
    // Set-Cookie must stay one line per cookie; every other repeated field may be joined (RFC 9110 §5.3).
    else if (name === 'set-cookie') for (const v of value) out.push(name, v);
    else out.push(name, value.join(', '));
  }
  return out;
}

/** First value of `name` (lower-case) in a list. */
export function listGet(list: readonly string[], name: string): string | undefined {
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

/** A list without the names in `drop`. */
export function listWithout(list: readonly string[], drop: ReadonlySet<string>): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i] as string;
    if (!drop.has(name)) out.push(name, list[i + 1] as string);
  }
  return out;
}

/**
 * RFC 9111 §3.2: a 304's fields replace the stored ones of the same name; the others are kept. Framing
 * fields never come from a 304 (it has no body).
 */
export function listMerge(stored: readonly string[], update: readonly string[]): HeaderList {
  const replaced = new Set<string>();
  for (let i = 0; i < update.length; i += 2) replaced.add(update[i] as string);
  const out = listWithout(stored, replaced);
  for (let i = 0; i < update.length; i += 2) out.push(update[i] as string, update[i + 1] as string);
  return out;
}

/** Single header value from a record (repeated values joined), undefined when absent. */
export function recordGet(record: HeaderRecord, name: string): string | undefined {
  const v = record[name];
  if (v === undefined || typeof v === 'string') return v;
  return v.length === 0 ? undefined : v.join(', ');
}

/** Approximate bytes a header list takes in memory (counted against the LRU bound). */
export function listBytes(list: readonly string[]): number {
  let n = 0;
  for (const s of list) n += s.length + 4;
  return n;
}
