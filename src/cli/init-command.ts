/**
 * `cdnbench init [dir]`: writes a starter folder for the user's own repository — a scenario (with its
 * JSON Schema for editors), an SLO file, a staging profile and a GitHub Actions workflow — from the
 * examples shipped in the package, so what `init` writes is what the docs and tests describe.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { PACKAGE_ROOT, VERSION } from '../util/package-root.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';
import { scenarioJsonSchema } from './schema-command.js';

interface InitArgs extends OutputOptions {
  dir: string;
  force: boolean;
}

/** The starter files: name in the folder → where its text comes from in the package. */
const STARTER: Readonly<Record<string, string>> = {
  'scenario.yaml': 'examples/starter/scenario.yaml',
  'slo.yaml': 'examples/slo.yaml',
  'staging.yaml': 'examples/starter/staging.yaml',
  'github-actions.yml': 'examples/github-actions/cdnbench-slo.yml',
};

/** The workflow pinned to this cdnbench version and pointed at the starter folder (as seen from the repository root). */
export function starterWorkflow(text: string, dirFromRoot: string, version: string): string {
  return text
    .replace(/^( {2}CDNBENCH_PACKAGE: ).*$/m, `$1cdnbench@${version}`)
    .replace(/^( {2}CDNBENCH_DIR: ).*$/m, `$1${dirFromRoot}`);
}

/** The init command module. */
export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'Write a starter folder: scenario, SLO file, staging profile and CI workflow',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', default: 'cdnbench', describe: 'Folder to create, relative to your repository root' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite starter files that already exist' }) as unknown as Argv<InitArgs>,
  handler: async (args) => {
    const out = new Output(args);
    const dir = resolve(checkOutPath(args.dir) ?? 'cdnbench');
    const names = [...Object.keys(STARTER), 'scenario.schema.json'];
    const existing = names.filter((n) => existsSync(join(dir, n)));
    if (existing.length > 0 && !args.force) {
      throw new UsageError(`${join(dir, existing[0] ?? '')} exists: init never overwrites (use --force to replace the starter files)`);
    }
    const fromRoot = relative(process.cwd(), dir).split(sep).join('/') || '.';
    for (const [name, source] of Object.entries(STARTER)) {
      let text = await readFile(join(PACKAGE_ROOT, source), 'utf8');
      if (name === 'github-actions.yml') text = starterWorkflow(text, fromRoot, VERSION);
      await writeFileAtomic(join(dir, name), text);
    }
    await writeFileAtomic(join(dir, 'scenario.schema.json'), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    out.answer([
      `wrote ${names.map((n) => join(fromRoot, n)).join(', ')}`,
      '',
      'next:',
      `  npx cdnbench run ${fromRoot}/scenario.yaml --lab --duration 3s        # try it against the built-in lab`,
      `  edit ${fromRoot}/staging.yaml (your staging URL), then`,
      `  npx cdnbench check ${fromRoot}/scenario.yaml --provider ${fromRoot}/staging.yaml --slo ${fromRoot}/slo.yaml`,
      `  cp ${fromRoot}/github-actions.yml .github/workflows/cdnbench-slo.yml   # and set the variable CDNBENCH_TARGET or CDNBENCH_PROFILE`,
    ].join('\n'), { dir, files: names.map((n) => join(dir, n)) });
  },
};
