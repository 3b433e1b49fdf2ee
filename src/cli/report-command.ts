/**
 * `cdnbench report <result.json…>`: the comparison report (HTML, PNG charts, CSV, Markdown, JSON) from one or
 * more result files. Results of one scenario are merged exactly first; different scenarios each supply the
 * figures they measured (see README "Reports").
 */
import { dirname, join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readResultFile } from '../result/result-schema.js';
import type { RunResult } from '../result/result-model.js';
import { buildReport } from '../report/build-report.js';
import { jsonSafe } from '../report/json-report.js';
import { parseWeights } from '../report/ranking-weights.js';
import { parseErrorBudget } from '../report/error-budget.js';
import { REPORT_FORMATS, parseFormats, writeReports, type ReportFormat } from '../report/reporters.js';
import { claimOutputFolder } from '../util/output-lock.js';
import { newRunId } from '../util/run-info.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';

// What each format leaves in the folder (png writes charts/), for the refusal to replace them.
const REPORT_FILES: ReadonlyArray<{ format: ReportFormat; file: string }> = [
  { format: 'html', file: 'report.html' }, { format: 'png', file: 'charts' }, { format: 'csv', file: 'report.csv' },
  { format: 'md', file: 'report.md' }, { format: 'json', file: 'report.json' },
];

interface ReportArgs extends OutputOptions {
  results: string[];
  out?: string;
  force?: boolean;
  format: string;
  weights?: string;
  title?: string;
  errorBudget?: string;
}

/** Reads every result file (each validated; the first bad one stops with its problems listed). */
export async function readResults(files: readonly string[]): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const f of files) results.push(await readResultFile(f));
  return results;
}

/** The report command module. */
export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <results..>',
  describe: 'Write the comparison report (HTML, PNG, CSV, Markdown, JSON) from result files',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'result.json files (several agents, runs or scenarios)' })
      .option('out', { alias: ['o', 'output'], type: 'string', describe: 'Output folder [default: beside a single result; reports/<stamp>-report-<id> for several]' })
      .option('force', { alias: 'overwrite', type: 'boolean', default: false, describe: 'Replace report files already in the --out folder (refused otherwise, exit 104)' })
      .option('format', { type: 'string', default: REPORT_FORMATS.join(','), describe: `Formats, comma-separated: ${REPORT_FORMATS.join(', ')} or all` })
      .option('weights', { type: 'string', describe: 'Ranking weights, e.g. small-p95=4,invalidation-t95=3,cost-per-1m=2,coalescing-ratio=1,hit-ratio=0' })
      .option('error-budget', { type: 'string', describe: 'Highest error rate a provider may have and be recommended, e.g. 1% or 0.005 [default: the scenario\'s verdict.errorBudget, else 1%]' })
      .option('title', { type: 'string', describe: 'Report title [default: "CDN comparison: <scenarios>"]' }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    checkOutPath(args.out);
    const out = new Output(args);
    const formats = parseFormats(args.format);
    const weights = parseWeights(args.weights);
    const errorBudget = parseErrorBudget(args.errorBudget);
    const results = await readResults(args.results);
    const [only] = args.results;
    const outDir = resolve(args.out ?? (args.results.length === 1 && only !== undefined ? dirname(only) : join('reports', newRunId('report'))));
    // Beside a single result the report is that result's own and is rewritten; a chosen --out folder that
    // already holds report files (perhaps of other results) is not replaced without --force.
    claimOutputFolder(outDir, { holds: REPORT_FILES.filter((f) => formats.includes(f.format)).map((f) => f.file), force: args.force === true || args.out === undefined });
    const model = buildReport(results, { weights, ...(errorBudget === undefined ? {} : { errorBudget }), ...(args.title !== undefined ? { title: args.title } : {}) });
    const files = await writeReports(model, outDir, formats);
    out.answer(`${files.map((f) => `report: ${f}`).join('\n')}\n\n${model.ranking.recommendation.text}`, {
      outDir,
      files,
      recommendation: model.ranking.recommendation,
      ranking: jsonSafe(model.ranking.providers.map((p) => ({ rank: p.rank, id: p.id, score: p.score, eligible: p.eligible, ineligibleReason: p.ineligibleReason }))),
    });
  },
};
