/**
 * The report and compare use cases: result files read and validated, merged by scenario, ranked, and
 * (for report) written as HTML, PNG, CSV, Markdown and JSON beside them or into a chosen folder.
 */
import { dirname, join, resolve } from 'node:path';
import { buildReport } from '../report/build-report.js';
import type { ReportModel } from '../report/report-model.js';
import { parseErrorBudget } from '../report/error-budget.js';
import { parseWeights } from '../report/ranking-weights.js';
import { parseFormats, writeReports, type ReportFormat } from '../report/reporters.js';
import type { RunResult } from '../result/result-model.js';
import { readResultFile } from '../result/result-schema.js';
import { claimOutputFolder } from '../util/output-lock.js';
import { newRunId } from '../util/run-info.js';

// What each format leaves in the folder (png writes charts/), for the refusal to replace them.
const REPORT_FILES: ReadonlyArray<{ format: ReportFormat; file: string }> = [
  { format: 'html', file: 'report.html' }, { format: 'png', file: 'charts' }, { format: 'csv', file: 'report.csv' },
  { format: 'md', file: 'report.md' }, { format: 'json', file: 'report.json' },
];

/** Which results to rank, and how. */
export interface RankRequest {
  results: string[];
  weights?: string;
  errorBudget?: string;
  title?: string;
}

/** Reads every result file (each validated; the first bad one stops with its problems listed). */
export async function readResults(files: readonly string[]): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const f of files) results.push(await readResultFile(f));
  return results;
}

/** The report model (merged results, figures, ranking and recommendation) of some result files. */
export async function rankResults(request: RankRequest): Promise<ReportModel> {
  const build = reportBuilder(request);
  return build(await readResults(request.results));
}

/** Checks the ranking options first, then builds the model of results read later. */
function reportBuilder(request: RankRequest): (results: readonly RunResult[]) => ReportModel {
  const weights = parseWeights(request.weights);
  const errorBudget = parseErrorBudget(request.errorBudget);
  return (results) => buildReport(results, { weights, ...(errorBudget === undefined ? {} : { errorBudget }), ...(request.title !== undefined ? { title: request.title } : {}) });
}

/** What to write: the formats, and the folder (default: beside a single result). */
export interface ReportRequest extends RankRequest {
  format: string;
  out?: string;
  force?: boolean;
}

/** Writes the comparison report; returns the folder, the files written and the model they show. */
export async function writeComparisonReport(request: ReportRequest): Promise<{ outDir: string; files: string[]; model: ReportModel }> {
  const formats = parseFormats(request.format);
  const build = reportBuilder(request);
  const results = await readResults(request.results);
  const [only] = request.results;
  const outDir = resolve(request.out ?? (request.results.length === 1 && only !== undefined ? dirname(only) : join('reports', newRunId('report'))));
  // Beside a single result the report is that result's own and is rewritten; a chosen --out folder that
  // already holds report files (perhaps of other results) is not replaced without --force.
  claimOutputFolder(outDir, { holds: REPORT_FILES.filter((f) => formats.includes(f.format)).map((f) => f.file), force: request.force === true || request.out === undefined });
  const model = build(results);
  const files = await writeReports(model, outDir, formats);
  return { outDir, files, model };
}
