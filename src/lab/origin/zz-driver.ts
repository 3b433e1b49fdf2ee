import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { originCommand } from '/work/main/src/cli/origin-command.js';
import { printError } from '/work/main/src/cli/output.js';
try {
  await yargs(hideBin(process.argv)).command(originCommand).strict().exitProcess(false).fail((m: string | undefined, e: Error | undefined) => { throw e ?? new Error(m); }).parseAsync();
  console.error('exited cleanly');
} catch (err) { printError(err); process.exitCode = 1; }
