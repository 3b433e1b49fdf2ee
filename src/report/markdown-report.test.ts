import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../result/result-model.js';
import { readResultFile } from '../result/result-schema.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { escapeMarkdown, markdownReport } from './markdown-report.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');
let results: RunResult[] = [];

beforeAll(async () => {
  results = await Promise.all(['quick-compare', 'album-drop', 'edition-rollout'].map((f) => readResultFile(join(FIXTURES, `${f}.json`))));
});

describe('markdownReport', () => {
  it('matches the golden file for the three five-archetype fixtures', async () => {
    await expect(markdownReport(results, { now: new Date(0) })).toMatchFileSnapshot(join(FIXTURES, 'golden', 'five-archetypes.md'));
  });

  it('is a verdict table with one row per provider, in rank order, and the recommendation', () => {
    const md = markdownReport(results);
    const rows = md.split('\n').filter((l) => /^\| [0-9]+ \|/.test(l));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.split('|').length)).toEqual(Array(5).fill(11)); // 9 cells + both edges
    expect(md).toContain('**Recommendation.**');
    expect(md).toMatch(/Weights: small-object p95 33 %, invalidation t95 25 %, error rate 17 %, cost per 1M sessions 17 % and coalescing ratio 8 %/);
  });

  it('escapes what came from a target: no markup, no extra table cells', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>|[link](http://x)*b*')).toBe('&lt;img src=x onerror=alert(1)&gt;\\|\\[link\\](http://x)\\*b\\*');
    const hostile: RunResult = {
      ...results[0]!,
      providers: results[0]!.providers.map((p, i) => (i === 0 ? { ...p, id: '<b>x</b>|y', series: p.series.map((s) => ({ ...s, key: { ...s.key, provider: '<b>x</b>|y' } })) } : p)),
    };
    const md = markdownReport([hostile]);
    expect(md).not.toContain('<b>');
    expect(md).toContain('&lt;b&gt;x&lt;/b&gt;\\|y');
    for (const line of md.split('\n').filter((l) => /^\| [0-9]+ \|/.test(l))) expect(line.split(/(?<!\\)\|/).length).toBe(11);
  });
});
