/**
 * Prints a JSON value as a TypeScript literal people read: identifier keys unquoted, single-quoted
 * strings, arrays of plain values and small objects on one line, nested structures indented.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const key = (k: string): string => (IDENTIFIER.test(k) ? k : quote(k));

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function inline(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${key(k)}: ${inline(x)}`).join(', ')} }`;
}

/** The literal of `value`, nested lines indented by `indent` spaces per level; `width` bounds one-line forms. */
export function tsLiteral(value: unknown, indent = 0, width = 100): string {
  const one = inline(value);
  if (one.length + indent <= width || value === null || typeof value !== 'object') return one;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.every(isPlain)) return one;
    return `[\n${value.map((x) => `${pad}${tsLiteral(x, indent + 2, width)},`).join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${pad}${key(k)}: ${tsLiteral(x, indent + 2, width)},`).join('\n')}\n${' '.repeat(indent)}}`;
}
