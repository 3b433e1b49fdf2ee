/**
 * `cdnbench export k6 <scenario>` writes a TypeScript k6 script that replays the scenario;
 * `cdnbench export k6-operator <scenario> --parallelism N` writes the Kubernetes manifests that run it
 * on k6-operator. Whatever k6 cannot replay is printed as a warning and listed in the script's header.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';

interface ExportArgs extends OutputOptions {
  format: string;
  scenario: string;
  target: string[];
  output?: string;
  pop: string[];
  slo: string[];
  parallelism?: number;
  name?: string;
  namespace?: string;
  image: string;
  region?: string;
  resultsSize: string;
  storageClass?: string;
}

const FORMATS = ['k6', 'k6-operator'] as const;

/** The export command module. */
export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <format> <scenario>',
  describe: 'Export a scenario as a k6 TypeScript script (k6) or k6-operator manifests (k6-operator)',
  builder: (y: Argv) =>
    y
      .positional('format', { type: 'string', choices: FORMATS, demandOption: true, describe: 'k6 or k6-operator' })
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file or built-in name' })
      .option('target', { type: 'string', array: true, default: [], describe: 'Target origin, one PoP each (repeatable); CDNBENCH_TARGETS overrides at run time' })
      .option('output', { alias: ['o', 'out'], type: 'string', describe: 'k6: script file [stdout]; k6-operator: folder [./<name>-k6-operator]' })
      .option('pop', { type: 'string', array: true, default: [], describe: 'PoP names {pop:*} thresholds expand to (repeatable)' })
      .option('slo', { type: 'string', array: true, default: [], describe: 'SLO file whose thresholds join the scenario\'s as k6 thresholds (repeatable)' })
      .option('parallelism', { type: 'number', describe: 'k6-operator: number of runner pods' })
      .option('name', { type: 'string', describe: 'k6-operator: resource name [the scenario name]' })
      .option('namespace', { type: 'string', describe: 'k6-operator: Kubernetes namespace [kubectl\'s current]' })
      .option('image', { type: 'string', default: 'grafana/k6:latest', describe: 'k6-operator: runner image (k6 >= 0.57)' })
      .option('region', { type: 'string', describe: 'k6-operator: tag every point with this region (ingest keeps it per series)' })
      .option('results-size', { type: 'string', default: '5Gi', describe: 'k6-operator: size of the results volume' })
      .option('storage-class', { type: 'string', describe: 'k6-operator: storage class of the results volume (must offer ReadWriteMany)' }) as unknown as Argv<ExportArgs>,
  handler: async (args) => {
    checkOutPath(args.output);
    const out = new Output(args);
    const operator = args.format === 'k6-operator';
    if (operator && !(Number.isInteger(args.parallelism) && (args.parallelism ?? 0) >= 1)) throw new UsageError('export k6-operator needs --parallelism N (a positive integer)');
    if (!operator && args.parallelism !== undefined) throw new UsageError('--parallelism belongs to export k6-operator');
    // Loaded on use: main.ts registers every command, and each start should load only the one it runs.
    const { exportOperator, exportScript } = await import('../app/export-k6.js');
    const exported = await exportScript(args);
    const { script, warnings, targets } = exported;
    for (const w of warnings) out.note(`warning: ${w}`);
    if (targets.length === 0) out.note('note: no --target given; set CDNBENCH_TARGETS=http://host:port[,…] when running the script');
    if (!operator) {
      if (args.output === undefined) {
        process.stdout.write(script);
        return;
      }
      const file = resolve(args.output);
      await writeFileAtomic(file, script);
      out.answer(`k6 script: ${file}\nrun: k6 run ${relative(process.cwd(), file) || file} --out json=out.ndjson.gz`, { script: file, warnings });
      return;
    }
    const name = args.name ?? exported.scenarioName;
    const files = exportOperator(exported, {
      name, parallelism: args.parallelism ?? 1, image: args.image, resultsSize: args.resultsSize,
      ...(args.namespace === undefined ? {} : { namespace: args.namespace }),
      ...(args.region === undefined ? {} : { region: args.region }),
      ...(args.storageClass === undefined ? {} : { storageClass: args.storageClass }),
    });
    const dir = resolve(args.output ?? `${name}-k6-operator`);
    for (const [rel, text] of Object.entries(files)) {
      const file = join(dir, rel);
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    }
    out.answer(`k6-operator manifests for ${args.parallelism ?? 1} runners: ${dir}\nnext: ${join(dir, 'HOWTO.txt')}`, { dir, files: Object.keys(files), warnings });
  },
};
