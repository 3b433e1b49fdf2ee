/** The SLO verdict as plain text: a pass/fail table per threshold × provider, the baseline table, one closing line. */
import { boundText, measuredText, verdictText, type SloReport } from './slo-report.js';

/** The closing line: "SLO: all 6 checks passed" or "SLO: 2 of 6 checks failed". */
export function sloHeadline(r: SloReport): string {
  const parts: string[] = [];
  if (r.failed > 0) parts.push(`${r.failed} of ${r.total} check${r.total === 1 ? '' : 's'} failed`);
  else if (r.total > 0) parts.push(`all ${r.total} check${r.total === 1 ? '' : 's'} passed`);
  if (r.aborted !== null) parts.push(`run stopped by abortOnFail: ${r.aborted}`);
  if (r.notRun.length > 0) parts.push(`not run: ${r.notRun.join(', ')}`);
  if (r.runFailure !== null) parts.push(`the run failed: ${r.runFailure}`);
  return `SLO: ${parts.length === 0 ? 'nothing to check' : parts.join('; ')}`;
}

/** The text tables and closing line printed after the provider table. */
export function sloTable(r: SloReport): string {
  const blocks: string[] = [];
  if (r.outcomes.length > 0) {
    blocks.push(alignLeft(['provider', 'threshold', 'measured', 'bound', 'verdict'], r.outcomes.map((o) => [o.provider, o.threshold.source, measuredText(o), boundText(o), verdictText(o)])));
  }
  if (r.regressions.length > 0) {
    // One sentence per comparison says by how much: "small_object_p95 lab: 41.2ms → 52.0ms, +26.2% > 10%".
    const lines = r.regressions.map((g) => `  ${g.skipped !== null ? 'skip' : g.pass ? 'pass' : 'FAIL'}  ${g.message}`);
    blocks.push(['baseline comparison:', ...lines].join('\n'));
  }
  blocks.push(sloHeadline(r));
  return blocks.join('\n\n');
}

// Threshold text reads better left-aligned (the provider table's alignTable right-aligns figures).
function alignLeft(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
