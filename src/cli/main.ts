#!/usr/bin/env node
/**
 * The cdnbench command line. Every failure ends in one line on stderr and a documented exit code
 * (docs/cli.md "Exit codes"); usage mistakes exit 2.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, UsageError, isCdnbenchError } from '../errors.js';
import { VERSION } from '../util/package-root.js';
import { exportCommand } from './export-command.js';
import { ingestCommand } from './ingest-command.js';
import { initCommand } from './init-command.js';
import { checkCommand } from './check-command.js';
import { datasetCommand } from './dataset-command.js';
import { compareCommand } from './compare-command.js';
import { labCommand } from './lab-command.js';
import { mergeCommand } from './merge-command.js';
import { originCommand } from './origin-command.js';
import { printError } from './output.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { schemaCommand } from './schema-command.js';

async function main(argv: string[]): Promise<number> {
  try {
    await yargs(argv)
      .scriptName('cdnbench')
      .usage('$0 <command> [options]\n\nCDN benchmarking: small-object P95, hit ratio, invalidation, coalescing, cost.')
      .command(runCommand)
      .command(checkCommand)
      .command(mergeCommand)
      .command(reportCommand)
      .command(compareCommand)
      .command(schemaCommand)
      .command(labCommand)
      .command(originCommand)
      .command(exportCommand)
      .command(ingestCommand)
      .command(initCommand)
      .command(datasetCommand)
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable JSON on stdout', global: true })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress or notes on stderr', global: true })
      .demandCommand(1, 'name a command: run, check, init, merge, report, compare, schema, lab, origin, export, ingest or dataset')
      .strict()
      .recommendCommands()
      .version(VERSION)
      .help()
      .alias('h', 'help')
      .wrap(Math.min(110, process.stdout.columns || 110))
      .epilogue('Exit codes: 0 ok, 1 run failed, 2 usage error, 99 SLO thresholds failed, 104 invalid scenario/config, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP.')
      .fail((msg: string | undefined, err: Error | undefined) => {
        if (err !== undefined) throw err;
        throw new UsageError(msg ?? 'invalid command line', true);
      })
      .exitProcess(false)
      .parseAsync();
    return ExitCode.Ok;
  } catch (err) {
    printError(err);
    if (err instanceof UsageError && err.showHelpHint) process.stderr.write('run cdnbench --help for usage\n');
    return isCdnbenchError(err) ? err.exitCode : ExitCode.RunFailed;
  }
}

const code = await main(hideBin(process.argv));
process.exitCode = code;
// Everything the run opened is closed by now; this only guards against a stray handle keeping us alive.
setTimeout(() => process.exit(code), 3000).unref();
