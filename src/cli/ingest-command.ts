/** `cdnbench ingest k6 <out.ndjson[.gz]…> -o result.json`: k6 JSON output into a cdnbench result file. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { refuseExistingFile } from '../util/output-lock.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';
import { providerTable } from './summary-table.js';

interface IngestArgs extends OutputOptions {
  format: string;
  files: string[];
  output: string;
  force?: boolean;
  region?: string;
  agent?: string;
  scenario?: string;
  provider?: string;
}

/** The ingest command module. */
export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <format> <files..>',
  describe: 'Read k6 --out json files (plain or .gz) into a result.json (HDR histograms from every point)',
  builder: (y: Argv) =>
    y
      .positional('format', { type: 'string', choices: ['k6'], demandOption: true, describe: 'k6' })
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'NDJSON files written by k6 run --out json=FILE' })
      .option('output', { alias: ['o', 'out'], type: 'string', demandOption: true, describe: 'result.json to write' })
      .option('force', { alias: 'overwrite', type: 'boolean', default: false, describe: 'Replace an existing output file (refused otherwise, exit 104)' })
      .option('region', { type: 'string', describe: 'Region of these runners (merge keeps regions apart) [the cdnbench_region tag]' })
      .option('agent', { type: 'string', describe: 'Agent name [k6-<instance_id> per runner, else the file name]' })
      .option('scenario', { type: 'string', describe: 'Scenario name [the exported script\'s, else "k6"]' })
      .option('provider', { type: 'string', describe: 'Provider id [the exported script\'s, else "k6"]' }) as unknown as Argv<IngestArgs>,
  handler: async (args) => {
    checkOutPath(args.output);
    const out = new Output(args);
    // Loaded on use: main.ts registers every command, and each start should load only the one it runs.
    const { ingestK6Files } = await import('../k6/ingest-files.js');
    const { result, facts } = await ingestK6Files(args.files, {
      ...(args.region === undefined ? {} : { region: args.region }),
      ...(args.agent === undefined ? {} : { agent: args.agent }),
      ...(args.scenario === undefined ? {} : { scenario: args.scenario }),
      ...(args.provider === undefined ? {} : { provider: args.provider }),
    });
    if (facts.skippedLines > 0) out.note(`warning: ${facts.skippedLines} line(s) were not k6 JSON points and were skipped`);
    if (!facts.cdnbenchMetrics) {
      out.note('note: no cdnbench_* metrics (not a script from `cdnbench export k6`): read k6\'s http_req_* points; cache status only from a cache_status tag');
      if (facts.dataReceived > 0) out.note(`note: ${facts.dataReceived} bytes of data_received are not per request and are not in the series`);
    }
    const path = resolve(args.output);
    refuseExistingFile(path, args.force === true);
    await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
    out.answer(`${providerTable(result.providers)}\n\ningested ${facts.points} points from ${args.files.length} file(s): ${path}`, {
      result: path, points: facts.points, files: args.files.length, skippedLines: facts.skippedLines,
      providers: result.providers.map((p) => ({ id: p.id, summary: p.summary })),
    });
  },
};
