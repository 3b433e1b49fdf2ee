/**
 * Fills the template variables of purge URLs and tags (issue 14): a URL template is matched against the
 * paths the sessions requested (UsedObjects), the most requested first, at most `objects` per template;
 * tags are rendered with the variables those matches bound. When no session used a matching object, the
 * catalog's most popular book fills `{isbn}`, `{edition}` and `{lang}` (and `{run}` is the run id); a
 * template that still cannot be filled makes the purge fail with a reason — it is never sent with `{…}`.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { PurgeRequest } from '../providers/adapter.js';
import { PURGE_FALLBACK_VARIABLES, parseTemplate, renderTemplate, type Template, type TemplateVariable } from '../scenario/template.js';
import type { UsedObjects } from './used-objects.js';

/** What a purge event names, before filling. */
export interface PurgeTemplates {
  urls?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  all?: boolean | undefined;
  /** At most this many objects per URL template. */
  objects: number;
  /** Objects to poll, when they are not the URLs (tag and all purges). */
  watch?: readonly string[] | undefined;
}

/** A purge with every variable filled. */
export interface FilledPurge {
  urls: string[];
  tags: string[];
  all: boolean;
  /** The objects to poll: the URLs, else the filled `watch` templates. */
  watch: string[];
}

type Binding = ReadonlyMap<string, string>;

/** The request a filled purge sends. */
export function purgeRequestOf(f: FilledPurge): PurgeRequest {
  return { ...(f.urls.length > 0 ? { urls: f.urls } : {}), ...(f.tags.length > 0 ? { tags: f.tags } : {}), ...(f.all ? { all: true } : {}) };
}

function parsed(source: string): Template {
  const t = parseTemplate(source);
  // The plan compiler refused malformed templates before the load.
  if ('problems' in t) throw new Error(t.problems.join('; '));
  return t;
}

function keyOf(p: { variable: TemplateVariable; offset: number }): string {
  return p.offset === 0 ? p.variable : `${p.variable}+${p.offset}`;
}

/** A regex matching the paths a template renders to, capturing each variable. */
function matcher(t: Template): { re: RegExp; keys: string[] } {
  const keys: string[] = [];
  let src = '';
  for (const part of t.parts) {
    if (typeof part === 'string') src += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else {
      keys.push(keyOf(part));
      src += '([^/?#&]+)';
    }
  }
  return { re: new RegExp(`^${src}$`), keys };
}

/** Fills purge templates from the objects used, or the catalog. */
export class PurgeFiller {
  private readonly fallback: Binding;

  constructor(
    private readonly used: UsedObjects,
    catalog: Catalog,
    runId: string,
  ) {
    const book = catalog.books[0];
    const m = new Map<string, string>([['run', runId]]);
    if (book !== undefined) {
      m.set('isbn', book.isbn);
      m.set('edition', catalog.currentEdition(book).hash);
      m.set('lang', book.languages[0] ?? 'en');
    }
    this.fallback = new Map([...m].filter(([k]) => PURGE_FALLBACK_VARIABLES.has(k as TemplateVariable)));
  }

  /** The filled purge, or a one-line reason it cannot be filled. */
  fill(p: PurgeTemplates): FilledPurge | { error: string } {
    const bindings: Binding[] = [];
    const fillPaths = (sources: readonly string[]): string[] | { error: string } => {
      const out: string[] = [];
      for (const source of sources) {
        const t = parsed(source);
        if (t.variables.size === 0) {
          out.push(source);
          continue;
        }
        const { re, keys } = matcher(t);
        const hits = this.used.matching(re).slice(0, p.objects);
        for (const h of hits) bindings.push(new Map(keys.map((k, i) => [k, h.match(re)?.[i + 1] ?? ''])));
        if (hits.length > 0) out.push(...hits);
        else {
          const r = this.render(t, this.fallback);
          if (r === null) return { error: `no object the sessions requested matches ${source}, and its variables cannot be filled otherwise` };
          bindings.push(this.fallback);
          out.push(r);
        }
      }
      return [...new Set(out)];
    };
    const urls = fillPaths(p.urls ?? []);
    if ('error' in urls) return urls;
    const watched = p.watch === undefined ? urls : fillPaths(p.watch);
    if ('error' in watched) return watched;
    const tags: string[] = [];
    for (const source of p.tags ?? []) {
      const t = parsed(source);
      const fromObjects = [...new Set(bindings.map((b) => this.render(t, b)).filter((x): x is string => x !== null))].slice(0, p.objects);
      const filled = t.variables.size === 0 ? [source] : fromObjects.length > 0 ? fromObjects : [this.render(t, this.fallback)].filter((x): x is string => x !== null);
      if (filled.length === 0) return { error: `tag ${source} names variables that neither a purged object nor the catalog fills` };
      tags.push(...filled);
    }
    return { urls, tags: [...new Set(tags)], all: p.all === true, watch: watched };
  }

  private render(t: Template, b: Binding): string | null {
    let missing = false;
    const out = renderTemplate(t, (v, offset) => {
      const x = b.get(keyOf({ variable: v, offset }));
      if (x === undefined) missing = true;
      return x ?? '';
    });
    return missing ? null : out;
  }
}
