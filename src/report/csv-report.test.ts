import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readResultFile } from '../result/result-schema.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { buildReport } from './build-report.js';
import { CSV_COLUMNS, defuseFormula, renderCsv } from './csv-report.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');

describe('renderCsv', () => {
  it('matches the golden file for the album-drop fixture', async () => {
    const csv = renderCsv(buildReport([await readResultFile(join(FIXTURES, 'album-drop.json'))], { now: new Date(0) }));
    await expect(csv).toMatchFileSnapshot(join(FIXTURES, 'golden', 'album-drop.csv'));
  });

  it('is tidy: one row per scenario × provider × PoP × class × metric, figures equal to the result\'s', async () => {
    const result = await readResultFile(join(FIXTURES, 'album-drop.json'));
    const rows = parse(renderCsv(buildReport([result], { now: new Date(0) })), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const keys = rows.map((r) => [r.scenario, r.provider, r.pop, r.object_class, r.metric].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    const cell = (provider: string, pop: string, cls: string, metric: string): Record<string, string> | undefined =>
      rows.find((r) => r.provider === provider && r.pop === pop && r.object_class === cls && r.metric === metric);
    for (const p of result.providers) {
      expect(cell(p.id, 'all', 'all', 'small_object_p95')?.value).toBe(String(p.summary.smallObject.p95Ms));
      expect(cell(p.id, 'all', 'all', 'small_object_p95')?.unit).toBe('ms');
      expect(cell(p.id, 'all', 'all', 'requests')?.value).toBe(String(p.summary.requests));
      expect(cell(p.id, 'all', 'all', 'coalescing_ratio')?.value).toBe(String(p.summary.coalescing?.ratio));
      expect(cell(p.id, 'all', 'all', 'cost_per_1m_sessions')?.unit).toBe('USD');
      // Per PoP × class requests add up to the provider's total.
      const perCell = rows.filter((r) => r.provider === p.id && r.pop !== 'all' && r.object_class !== 'all' && r.metric === 'requests');
      expect(perCell.reduce((a, r) => a + Number(r.value), 0)).toBe(p.summary.requests);
      for (const pop of p.pops) expect(cell(p.id, pop, 'all', 'small_object_p95')?.value).toBe(String(p.summary.smallObject.perPop[pop]?.p95Ms ?? ''));
    }
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', 'FRA', 'a=b'].map(defuseFormula)).toEqual([
      '\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "'\tx", 'FRA', 'a=b',
    ]);
  });
});
