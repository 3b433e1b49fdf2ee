/** `cdnbench merge <result.json…> -o <file>`: exact merge of results from several agents or runs. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { mergeResults } from '../result/merge.js';
import { readResultFile } from '../result/result-schema.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { refuseExistingFile } from '../util/output-lock.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';
import { providerTable } from './summary-table.js';

interface MergeArgs extends OutputOptions {
  results: string[];
  output: string;
  force?: boolean;
}

/** The merge command module. */
export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <results..>',
  describe: 'Merge result files exactly (HDR histograms added, never percentiles averaged)',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'result.json files' })
      .option('output', { alias: ['o', 'out'], type: 'string', demandOption: true, describe: 'File to write the merged result to' })
      .option('force', { alias: 'overwrite', type: 'boolean', default: false, describe: 'Replace an existing output file (refused otherwise, exit 104)' }) as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    checkOutPath(args.output);
    const out = new Output(args);
    const results = [];
    for (const file of args.results) results.push(await readResultFile(file));
    const merged = mergeResults(results);
    const path = resolve(args.output);
    refuseExistingFile(path, args.force === true);
    await writeFileAtomic(path, `${JSON.stringify(merged, null, 2)}\n`);
    out.answer(`${providerTable(merged.providers)}\n\nmerged ${results.length} results: ${path}`, {
      result: path,
      inputs: args.results.length,
      providers: merged.providers.map((p) => ({ id: p.id, summary: p.summary })),
    });
  },
};
