/**
 * Parsers of one access-log line each, for `dataset from-log`. Only what a workload needs is read —
 * time, method, path (query only when asked), status, response bytes and a byte range — never the
 * client address, user agent, cookies, referer or user name (README "Datasets from access logs").
 */

/** What one logged request contributes. */
export interface LogRecord {
  /** Milliseconds since the epoch; null when the line has no usable time. */
  timeMs: number | null;
  method: string;
  /** Path without the query (unless kept), starting with /. */
  path: string;
  status: number;
  bytes: number;
  /** The byte range served or asked, e.g. bytes=0-1023; null when the format does not say. */
  range: string | null;
}

/** A line parser; returns null for lines that are not requests (comments, malformed). */
export type LineParser = (line: string) => LogRecord | null;

/** The formats understood. */
export type LogFormat = 'combined' | 'cloudfront' | 'json';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

// host ident user [time] "METHOD target PROTO" status bytes (then referer and UA, never read)
const COMBINED = /^\S+ \S+ (?:\S+|"[^"]*") \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "(\S+) (\S+)[^"]*" (\d{3}) (\d+|-)/;

/** The format of a file, from its first non-empty line. */
export function detectFormat(firstLine: string): LogFormat {
  const t = firstLine.trimStart();
  if (t.startsWith('#Version') || t.startsWith('#Fields')) return 'cloudfront';
  if (t.startsWith('{')) return 'json';
  return 'combined';
}

/** Splits a request target into path and query; the query is dropped unless kept. */
export function cleanTarget(target: string, keepQuery: boolean): string | null {
  let t = target;
  if (/^https?:\/\//i.test(t)) {
    const slash = t.indexOf('/', t.indexOf('//') + 2);
    t = slash < 0 ? '/' : t.slice(slash);
  }
  if (!t.startsWith('/')) return null;
  const q = t.indexOf('?');
  const path = q < 0 ? t : t.slice(0, q);
  if (/\s/.test(path)) return null;
  return keepQuery ? t : path;
}

/** nginx/Apache combined (and common) log format. */
export function combinedParser(keepQuery: boolean): LineParser {
  return (line) => {
    const m = COMBINED.exec(line);
    if (m === null) return null;
    const [, d, mon, y, hh, mm, ss, sign, oh, om, method, target, status, bytes] = m;
    const path = cleanTarget(target ?? '', keepQuery);
    const month = MONTHS[mon ?? ''];
    if (path === null || month === undefined) return null;
    const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    const timeMs = Date.UTC(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss)) - offsetMin * 60_000;
    return { timeMs, method: method ?? 'GET', path, status: Number(status), bytes: bytes === '-' ? 0 : Number(bytes), range: null };
  };
}

/**
 * CloudFront standard logs: tab-separated with a `#Fields:` header. Read: date, time, cs-method,
 * cs-uri-stem, cs-uri-query (with --keep-query), sc-status, sc-bytes, sc-range-start, sc-range-end.
 */
export function cloudfrontParser(keepQuery: boolean): { fields(line: string): void; parse: LineParser } {
  let idx: Record<string, number> = {};
  return {
    fields(line) {
      idx = {};
      line.replace(/^#Fields:\s*/, '').trim().split(/\s+/).forEach((f, i) => (idx[f] = i));
    },
    parse(line) {
      if (line.startsWith('#')) return null;
      const f = line.split('\t');
      const get = (name: string): string | undefined => {
        const i = idx[name];
        const v = i === undefined ? undefined : f[i];
        return v === undefined || v === '-' ? undefined : v;
      };
      const stem = get('cs-uri-stem');
      const status = Number(get('sc-status'));
      if (stem === undefined || !Number.isFinite(status)) return null;
      const query = get('cs-uri-query');
      const path = cleanTarget(keepQuery && query !== undefined ? `${stem}?${query}` : stem, keepQuery);
      if (path === null) return null;
      const date = get('date');
      const time = get('time');
      const timeMs = date !== undefined && time !== undefined ? Date.parse(`${date}T${time}Z`) : Number.NaN;
      const start = get('sc-range-start');
      const end = get('sc-range-end');
      return {
        timeMs: Number.isFinite(timeMs) ? timeMs : null, method: get('cs-method') ?? 'GET', path, status,
        bytes: Number(get('sc-bytes') ?? 0) || 0, range: start !== undefined && end !== undefined ? `bytes=${start}-${end}` : null,
      };
    },
  };
}

/** The first of `names` present in `o` (string or number). */
function field(o: Record<string, unknown>, names: readonly string[]): string | number | undefined {
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'string' || typeof v === 'number') return v;
  }
  return undefined;
}

/** A timestamp as a JSON log gives it: RFC 3339 text, or epoch seconds, milliseconds or nanoseconds. */
export function jsonTime(v: string | number | undefined): number | null {
  if (v === undefined) return null;
  if (typeof v === 'number' || /^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n > 1e17) return n / 1e6;
    if (n > 1e14) return n / 1e3;
    return n > 1e11 ? n : n * 1000;
  }
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Field names read from JSON-lines logs (Cloudflare Logpush first, then common Fastly log formats). */
export const JSON_FIELDS = {
  path: ['ClientRequestPath', 'ClientRequestURI', 'url', 'path', 'request_path', 'uri', 'request_uri'],
  query: ['ClientRequestQuery', 'query', 'query_string'],
  status: ['EdgeResponseStatus', 'status', 'response_status', 'status_code'],
  bytes: ['EdgeResponseBytes', 'bytes', 'response_body_size', 'resp_body_size', 'body_size', 'size'],
  time: ['EdgeStartTimestamp', 'timestamp', 'time', 'start_time', 'time_start'],
  method: ['ClientRequestMethod', 'method', 'request_method'],
  range: ['ClientRequestRange', 'range', 'request_range', 'req_range'],
} as const;

/** Fastly and Cloudflare JSON lines; see JSON_FIELDS for what is read. */
export function jsonParser(keepQuery: boolean): LineParser {
  return (line) => {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      return null;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
    const r = o as Record<string, unknown>;
    const target = field(r, JSON_FIELDS.path);
    const status = Number(field(r, JSON_FIELDS.status));
    if (typeof target !== 'string' || !Number.isFinite(status)) return null;
    const query = field(r, JSON_FIELDS.query);
    const full = keepQuery && typeof query === 'string' && query !== '' && !target.includes('?') ? `${target}${query.startsWith('?') ? '' : '?'}${query}` : target;
    const path = cleanTarget(full, keepQuery);
    if (path === null) return null;
    const range = field(r, JSON_FIELDS.range);
    return {
      timeMs: jsonTime(field(r, JSON_FIELDS.time)), method: String(field(r, JSON_FIELDS.method) ?? 'GET'), path, status,
      bytes: Number(field(r, JSON_FIELDS.bytes) ?? 0) || 0, range: typeof range === 'string' && range !== '' ? range : null,
    };
  };
}
