/**
 * The CSV: the report's tidy table (tidy-rows.ts) written by csv-stringify, one row per scenario × provider
 * × PoP × object class × metric with the unit in its own column. Empty value = not measured. Text cells
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) are prefixed with an apostrophe:
 * PoP names come from response headers, and a CSV is often opened in a spreadsheet.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportModel } from './report-model.js';

/** The header row, in column order. */
export const CSV_COLUMNS = ['scenario', 'provider', 'pop', 'object_class', 'metric', 'value', 'unit'] as const;

/** Neutralizes a spreadsheet formula at the start of a text cell (OWASP "CSV injection"). */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV text of a report model. */
export function renderCsv(model: ReportModel): string {
  const records = model.rows.map((r) => [r.scenario, r.provider, r.pop, r.objectClass, r.metric, r.value === null ? '' : String(r.value), r.unit]);
  return stringify(records, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'unix',
    // Only text columns are defused; values are numbers written with String(), which never starts with = + @.
    cast: { string: (value, context) => (context.column === 'value' ? value : defuseFormula(value)) },
  });
}
