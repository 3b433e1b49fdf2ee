/**
 * Path templates: `/maps/{isbn}/{edition}/{lang}/{range}.json`, `{range+1}`, `{track+2}`.
 * Parsed once when the plan is compiled; rendering is a string concatenation on the hot path.
 */

/** Variables a template may use, with what they stand for (README "Path templates"). */
export const TEMPLATE_VARIABLES = {
  isbn: 'ISBN-13 of the session\'s book (Zipf-picked)',
  edition: 'current edition hash of the book',
  lang: 'language of the session',
  page: 'current page (1-based)',
  range: 'mapping-tile page range holding the current page, e.g. 11-20; {range+N} is N tiles ahead',
  chapter: 'audio track id of the current page\'s chapter narration',
  audioStart: 'first byte of the current page\'s narration inside the chapter audio at {kbps}',
  audioEnd: 'last byte (inclusive) of that narration',
  kbps: 'audio bitrate of the session (24, 96, 128, 160 or 320)',
  track: 'current music track id; {track+N} is the N-th next track of its album',
  album: 'album id of the session',
  session: 'the session\'s sequence number in the run (for cache-busting paths)',
  run: 'the run id (for per-run namespaces)',
} as const;

/** A template variable name. */
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/**
 * Variables a purge URL or tag can be filled with when no object the sessions used matches it: the
 * catalog's most popular book and the run id (engine/purge-targets.ts).
 */
export const PURGE_FALLBACK_VARIABLES: ReadonlySet<TemplateVariable> = new Set(['isbn', 'edition', 'lang', 'run']);

const OFFSETTABLE: ReadonlySet<string> = new Set(['range', 'track', 'page']);

/** One piece of a parsed template. */
export type TemplatePart = string | { variable: TemplateVariable; offset: number };

/** A parsed template. */
export interface Template {
  source: string;
  parts: readonly TemplatePart[];
  variables: ReadonlySet<TemplateVariable>;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\+(\d+))?\}/g;

function isVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(TEMPLATE_VARIABLES, name);
}

/** Parses a template; returns the problems instead when it names an unknown variable or misuses an offset. */
export function parseTemplate(source: string): Template | { problems: string[] } {
  const parts: TemplatePart[] = [];
  const variables = new Set<TemplateVariable>();
  const problems: string[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    const offset = m[2] === undefined ? 0 : Number(m[2]);
    if (m.index > last) parts.push(source.slice(last, m.index));
    last = m.index + m[0].length;
    if (!isVariable(name)) {
      problems.push(`unknown variable {${name}} (known: ${Object.keys(TEMPLATE_VARIABLES).join(', ')})`);
      continue;
    }
    if (offset !== 0 && !OFFSETTABLE.has(name)) problems.push(`{${name}+${offset}}: only range, track and page take an offset`);
    parts.push({ variable: name, offset });
    variables.add(name);
  }
  if (last < source.length) parts.push(source.slice(last));
  const stray = parts.some((p) => typeof p === 'string' && (p.includes('{') || p.includes('}')));
  if (stray) problems.push(`unbalanced or malformed {…} in ${JSON.stringify(source)}`);
  return problems.length > 0 ? { problems } : { source, parts, variables };
}

/** Renders a parsed template with a resolver for variables. */
export function renderTemplate(t: Template, resolve: (variable: TemplateVariable, offset: number) => string): string {
  let out = '';
  for (const part of t.parts) out += typeof part === 'string' ? part : resolve(part.variable, part.offset);
  return out;
}
