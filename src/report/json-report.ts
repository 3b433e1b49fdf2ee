/**
 * report.json: the report model as it is (report-model.ts), for tools. JSON has no Infinity, so an
 * invalidation t95 whose pairs did not converge (Infinity in the model) is written as the string
 * "Infinity".
 */
import type { ReportModel } from './report-model.js';

const keepInfinity = (_key: string, value: unknown): unknown => (value === Number.POSITIVE_INFINITY ? 'Infinity' : value);

/** The JSON text of a report model. */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, keepInfinity, 2)}\n`;
}

/** A copy of `value` as JSON would carry it, Infinity written as "Infinity" (for --json answers). */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, keepInfinity)) as unknown;
}
