/**
 * The SLO verdict as Markdown for a CI job page, appended to $GITHUB_STEP_SUMMARY when it is set.
 * Only the SLO tables; a comparison report's Markdown, when there is one, is appended by its own code.
 */
import { appendFile } from 'node:fs/promises';
import { CdnbenchError, describeError } from '../errors.js';
import { sloHeadline } from './slo-table.js';
import { boundText, measuredText, verdictText, type SloReport } from './slo-report.js';
import { formatValue } from './units.js';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The Markdown of a report: a headline, the threshold table and the baseline table. */
export function sloMarkdown(r: SloReport): string {
  const mark = r.pass ? '✅' : '❌';
  const blocks = [`### ${mark} cdnbench SLO check: ${cell(r.scenario)}`, cell(sloHeadline(r).replace(/^SLO: /, ''))];
  if (r.outcomes.length > 0) {
    blocks.push(table(['provider', 'threshold', 'measured', 'bound', 'verdict'], r.outcomes.map((o) => [
      o.provider, `\`${o.threshold.source}\``, measuredText(o), boundText(o), `${o.pass ? '✅' : '❌'} ${verdictText(o)}`,
    ])));
  }
  if (r.regressions.length > 0) {
    blocks.push(table(['provider', 'baseline metric', 'baseline', 'now', 'verdict'], r.regressions.map((g) => [
      g.provider, `\`${g.metric}\``, formatValue(g.before, g.dimension), formatValue(g.after, g.dimension),
      g.skipped !== null ? `⏭️ ${g.message}` : `${g.pass ? '✅' : '❌'} ${g.message}`,
    ])));
  }
  return `${blocks.join('\n\n')}\n\n`;
}

/**
 * Appends Markdown to the file named by GITHUB_STEP_SUMMARY (GitHub Actions shows it on the job page).
 * Returns the path, or null when the variable is not set; a write failure is IO_FAILED (exit 1).
 */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (path === undefined || path === '') return null;
  try {
    await appendFile(path, markdown, 'utf8');
  } catch (err) {
    throw new CdnbenchError('IO_FAILED', `cannot append to GITHUB_STEP_SUMMARY ${path}: ${describeError(err)}`, { cause: err });
  }
  return path;
}
