/**
 * `cdnbench report <result.json…>`: the comparison report (HTML, PNG charts, CSV, Markdown, JSON) from one or
 * more result files. Results of one scenario are merged exactly first; different scenarios each supply the
 * figures they measured (see README "Reports").
 */
import type { Argv, CommandModule } from 'yargs';
import { writeComparisonReport } from '../app/report-results.js';
import { jsonSafe } from '../report/json-report.js';
import { REPORT_FORMATS } from '../report/reporters.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';

interface ReportArgs extends OutputOptions {
  results: string[];
  out?: string;
  force?: boolean;
  format: string;
  weights?: string;
  title?: string;
  errorBudget?: string;
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
    const { outDir, files, model } = await writeComparisonReport(args);
    out.answer(`${files.map((f) => `report: ${f}`).join('\n')}\n\n${model.ranking.recommendation.text}`, {
      outDir,
      files,
      recommendation: model.ranking.recommendation,
      ranking: jsonSafe(model.ranking.providers.map((p) => ({ rank: p.rank, id: p.id, score: p.score, eligible: p.eligible, ineligibleReason: p.ineligibleReason }))),
    });
  },
};
