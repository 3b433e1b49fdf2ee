import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, type Template } from './template.js';

function ok(source: string): Template {
  const t = parseTemplate(source);
  if ('problems' in t) throw new Error(t.problems.join('; '));
  return t;
}

describe('parseTemplate', () => {
  it('parses variables and offsets', () => {
    const t = ok('/maps/{isbn}/{edition}/{lang}/{range+2}.json');
    expect([...t.variables].sort()).toEqual(['edition', 'isbn', 'lang', 'range']);
    expect(renderTemplate(t, (v, o) => `${v}${o}`)).toBe('/maps/isbn0/edition0/lang0/range2.json');
  });

  it('keeps a constant path as one literal', () => {
    expect(ok('/health').parts).toEqual(['/health']);
  });

  it('reports an unknown variable with the known ones', () => {
    const t = parseTemplate('/x/{foo}');
    expect('problems' in t && t.problems[0]).toMatch(/unknown variable \{foo\} \(known: isbn/);
  });

  it('rejects offsets on variables that take none, and stray braces', () => {
    expect(parseTemplate('/x/{isbn+1}')).toEqual({ problems: ['{isbn+1}: only range, track and page take an offset'] });
    expect('problems' in parseTemplate('/x/{isbn')).toBe(true);
  });
});
