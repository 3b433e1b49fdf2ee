/**
 * `cdnbench check <scenario>`: a run whose point is its verdict. Takes every option of `run`, requires
 * thresholds (the scenario's, --slo) or --baseline, prints the pass/fail table and exits 0 when all pass,
 * 99 when any fails, 1 when the run itself failed.
 */
import type { CommandModule } from 'yargs';
import { runAndCheck, runCommand, type RunArgs } from './run-command.js';

/** The check command module. */
export const checkCommand: CommandModule<object, RunArgs> = {
  command: 'check <scenario>',
  describe: 'Run a scenario and check its SLO thresholds and baseline (exit 99 when one fails)',
  builder: runCommand.builder,
  handler: (args) => runAndCheck(args, true),
};
