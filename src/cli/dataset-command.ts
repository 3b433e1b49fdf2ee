/**
 * `cdnbench dataset from-log <files…> -o dataset.jsonl [--replay replay.tsv]`: access logs (nginx/Apache
 * combined, CloudFront standard, Fastly/Cloudflare JSON lines; gzip too) into a dataset a scenario draws
 * from (`get: { from: dataset.jsonl }`, weighted by the logged requests) and, optionally, a timeline a
 * scenario replays in time order (`replay: { from: replay.tsv, speed: 10x }`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { Output, type OutputOptions } from './output.js';

interface FromLogArgs extends OutputOptions {
  files: string[];
  output: string;
  replay?: string;
  keepQuery: boolean;
  maxPaths: number;
  smallObjectMaxBytes: number;
}

const fromLog: CommandModule<object, FromLogArgs> = {
  command: 'from-log <files..>',
  describe: 'Build a dataset (and a replay timeline) from access logs: combined, CloudFront, Fastly/Cloudflare JSON; .gz too',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Log files, oldest first (rotated logs in order)' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Dataset to write: .jsonl, or .csv (path, weight, bytes, class, type, size, statuses, ranges)' })
      .option('replay', { type: 'string', describe: 'Also write the request timeline (<ms>\\t<path> per GET) for a scenario\'s replay:' })
      .option('keep-query', { type: 'boolean', default: false, describe: 'Keep query strings in paths (dropped by default: they may identify users)' })
      .option('max-paths', { type: 'number', default: 200_000, describe: 'Distinct paths held; requests for paths first seen later are counted, not kept' })
      .option('small-object-max-bytes', { type: 'number', default: 16_384, describe: 'Mean response size up to which a path is "small"' }) as unknown as Argv<FromLogArgs>,
  handler: async (args) => {
    const out = new Output(args);
    if (!(Number.isInteger(args.maxPaths) && args.maxPaths > 0)) throw new UsageError('--max-paths takes a positive integer');
    for (const f of args.files) if (!existsSync(f)) throw new UsageError(`log file not found: ${f}`);
    // Loaded on use: main.ts registers every command, and each start should load only the one it runs.
    const [{ importLogs }, { LogAggregator }, { writeDataset }] = await Promise.all([import('../dataset/from-log.js'), import('../dataset/log-aggregate.js'), import('../dataset/write-dataset.js')]);
    const agg = new LogAggregator(args.maxPaths);
    const replayFile = args.replay === undefined ? null : resolve(args.replay);
    const started = performance.now();
    const stats = await importLogs({ files: args.files, keepQuery: args.keepQuery, maxPaths: args.maxPaths, replayFile }, agg);
    const path = resolve(args.output);
    const paths = await writeDataset(path, agg.entries(args.smallObjectMaxBytes));
    const seconds = (performance.now() - started) / 1000;
    if (stats.skippedLines > 0) out.note(`warning: ${stats.skippedLines} line(s) were not understood and were skipped`);
    if (stats.skippedMethods > 0) out.note(`note: ${stats.skippedMethods} request(s) other than GET/HEAD were left out`);
    if (agg.overflowRequests > 0) out.note(`warning: --max-paths ${args.maxPaths} reached: ${agg.overflowRequests} request(s) to ${agg.overflowPaths}+ later-seen path(s) are not in the dataset (the timeline keeps them)`);
    if (stats.outOfOrder > 0) out.note(`warning: ${stats.outOfOrder} timeline entries are earlier than the one before (give the files oldest first); they replay at once`);
    out.answer(
      `read ${stats.requests} requests (${stats.lines} lines) from ${args.files.length} file(s) in ${seconds.toFixed(1)} s: ${paths} paths → ${path}${replayFile === null ? '' : `\ntimeline: ${replayFile} (${(stats.spanMs / 1000).toFixed(1)} s of traffic from ${stats.firstTime ?? '-'})`}`,
      { dataset: path, replay: replayFile, paths, seconds, ...stats, overflowRequests: agg.overflowRequests, overflowPaths: agg.overflowPaths },
    );
  },
};

/** The dataset command module (`dataset from-log`). */
export const datasetCommand: CommandModule = {
  command: 'dataset <command>',
  describe: 'Build workloads from your own content: dataset from-log',
  builder: (y: Argv) => y.command(fromLog).demandCommand(1, 'name a dataset command: from-log'),
  handler: () => undefined,
};
