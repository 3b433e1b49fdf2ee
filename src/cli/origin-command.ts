/**
 * `cdnbench origin`: runs the instrumented lab origin in the foreground (for a real CDN's staging config
 * to pull from, or for manual use) until SIGINT/SIGTERM. The control-API token comes from --token or
 * CDNBENCH_ORIGIN_TOKEN; otherwise a random one is generated and printed once to stderr, and nowhere else.
 */
import { randomBytes } from 'node:crypto';
import type { Argv, CommandModule } from 'yargs';
import { assertCatalogConfig, DEFAULT_CATALOG, type CatalogConfig } from '../catalog/index.js';
import { CdnbenchError, describeError, UsageError } from '../errors.js';
import { parseLatencyOption } from '../lab/origin/latency-option.js';
import type { RunningOrigin } from '../lab/origin/start-origin.js';
import { Output, type OutputOptions } from './output.js';
import { interruptSignal } from './sigint.js';

interface OriginArgs extends OutputOptions {
  port: number;
  host: string;
  seed?: number;
  books?: number;
  tracks?: number;
  albums?: number;
  languages?: string;
  pagesPerTile?: number;
  latency?: string;
  token?: string;
}

/** The environment variable that supplies the control-API token. */
export const ORIGIN_TOKEN_ENV = 'CDNBENCH_ORIGIN_TOKEN';

function catalogFrom(args: OriginArgs): CatalogConfig {
  const config: CatalogConfig = {
    ...DEFAULT_CATALOG,
    seed: args.seed ?? DEFAULT_CATALOG.seed,
    books: args.books ?? DEFAULT_CATALOG.books,
    tracks: args.tracks ?? DEFAULT_CATALOG.tracks,
    albums: args.albums ?? DEFAULT_CATALOG.albums,
    languages: args.languages === undefined ? [...DEFAULT_CATALOG.languages] : args.languages.split(',').map((l) => l.trim()),
    pagesPerTile: args.pagesPerTile ?? DEFAULT_CATALOG.pagesPerTile,
  };
  try {
    if (!Number.isSafeInteger(config.seed)) throw new RangeError(`--seed must be an integer (got ${String(args.seed)})`);
    assertCatalogConfig(config);
  } catch (err) {
    throw new UsageError(describeError(err).replace(/^catalog\./, '--'));
  }
  return config;
}

/** The token to use, and whether it was generated here (then, and only then, it is printed). */
function chooseToken(args: OriginArgs): { token: string; generated: boolean } {
  const given = args.token ?? process.env[ORIGIN_TOKEN_ENV];
  if (given !== undefined && given !== '') {
    if (/\s/.test(given)) throw new UsageError('the origin token must not contain whitespace');
    return { token: given, generated: false };
  }
  return { token: randomBytes(16).toString('hex'), generated: true };
}

/** The origin command module (registered in main.ts). */
export const originCommand: CommandModule<object, OriginArgs> = {
  command: 'origin',
  describe: 'Run the instrumented lab origin (catalog, Range, ETags, tags, counters, control API) until Ctrl-C',
  builder: (y: Argv) =>
    y
      .option('port', { type: 'number', default: 8080, describe: 'Port to listen on (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on' })
      .option('seed', { type: 'number', describe: `Catalog seed; must match the scenario's [default: ${DEFAULT_CATALOG.seed}]` })
      .option('books', { type: 'number', describe: `Number of audiobooks [default: ${DEFAULT_CATALOG.books}]` })
      .option('tracks', { type: 'number', describe: `Number of music tracks [default: ${DEFAULT_CATALOG.tracks}]` })
      .option('albums', { type: 'number', describe: `Number of albums [default: ${DEFAULT_CATALOG.albums}]` })
      .option('languages', { type: 'string', describe: `Comma-separated language codes [default: ${DEFAULT_CATALOG.languages.join(',')}]` })
      .option('pages-per-tile', { type: 'number', describe: `Pages per mapping tile [default: ${DEFAULT_CATALOG.pagesPerTile}]` })
      .option('latency', { type: 'string', describe: 'Origin latency per response: 20ms, p50=20ms,p95=80ms or min=5ms,max=15ms' })
      .option('token', { type: 'string', describe: `Control API bearer token [default: $${ORIGIN_TOKEN_ENV}, else random, printed once]` }) as unknown as Argv<OriginArgs>,
  handler: async (args) => {
    const out = new Output(args);
    const catalog = catalogFrom(args);
    const latency = args.latency === undefined ? undefined : parseLatencyOption(args.latency);
    if (args.latency !== undefined && latency === undefined) {
      throw new UsageError(`--latency ${args.latency}: expected 20ms, p50=20ms,p95=80ms or min=5ms,max=15ms`);
    }
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) throw new UsageError(`--port must be 0–65535 (got ${args.port})`);
    const { token, generated } = chooseToken(args);
    // Loaded on use: main.ts registers every command, and each start should load only the one it runs.
    const { startOrigin } = await import('../lab/origin/start-origin.js');
    let origin: RunningOrigin;
    try {
      origin = await startOrigin({ host: args.host, port: args.port, catalog, token, latency, seed: catalog.seed });
    } catch (err) {
      throw new CdnbenchError('RUN_FAILED', `cannot start the origin on ${args.host}:${args.port}: ${describeError(err)}`, { cause: err });
    }
    // Printed even with --quiet: without it a generated token could never be used.
    if (generated) process.stderr.write(`origin control token: ${token} (set ${ORIGIN_TOKEN_ENV} to choose one)\n`);
    const interrupt = interruptSignal(() => out.note('stopping the origin'));
    out.note(`catalog: seed ${catalog.seed}, ${catalog.books} books, ${catalog.tracks} tracks, ${catalog.albums} albums; Ctrl-C stops`);
    out.answer(`origin listening on ${origin.url}`, { url: origin.url, port: origin.port, control: `${origin.url}/__cdnbench/` });
    try {
      await new Promise<void>((resolve) => {
        if (interrupt.signal.aborted) resolve();
        else interrupt.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    } finally {
      await origin.close();
      interrupt.dispose();
    }
  },
};
