/**
 * `cdnbench compare <result.json…>`: provider selection in the terminal — the weighted ranking, each
 * provider's gap to the best per metric and its strengths, and the recommendation (which says when the
 * difference is within noise). The same ranking is a section of the HTML report.
 */
import type { Argv, CommandModule } from 'yargs';
import { rankResults } from '../app/report-results.js';
import { jsonSafe } from '../report/json-report.js';
import { rankingTable } from '../report/ranking-table.js';
import { Output, type OutputOptions } from './output.js';

interface CompareArgs extends OutputOptions {
  results: string[];
  weights?: string;
  errorBudget?: string;
}

/** The compare command module. */
export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <results..>',
  describe: 'Rank providers by a weighted score and recommend one (or say the difference is noise)',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'result.json files (several agents, runs or scenarios)' })
      .option('weights', { type: 'string', describe: 'Weights, e.g. small-p95=4,invalidation-t95=3,cost-per-1m=2,coalescing-ratio=1,hit-ratio=0 (these are the defaults)' })
      .option('error-budget', { type: 'string', describe: 'Highest error rate a provider may have and be recommended, e.g. 1% or 0.005 [default: the scenario\'s verdict.errorBudget, else 1%]' }) as unknown as Argv<CompareArgs>,
  handler: async (args) => {
    const out = new Output(args);
    const model = await rankResults(args);
    out.answer(rankingTable(model.ranking), jsonSafe({ metricSources: model.metricSources, ...model.ranking }));
  },
};
