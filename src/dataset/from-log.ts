/**
 * `dataset from-log`: streams access logs (plain or gzip, detected by magic bytes) line by line into
 * the bounded per-path aggregate, and — when asked — appends every GET to a replay timeline as it goes,
 * so a log of any size is read in bounded memory. Files are read in the order given (give rotated logs
 * oldest first); a timeline entry earlier than its predecessor is kept in place and counted.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { CdnbenchError, InvalidConfigError, describeError } from '../errors.js';
import { LogAggregator } from './log-aggregate.js';
import { cloudfrontParser, combinedParser, detectFormat, jsonParser, type LineParser, type LogFormat } from './log-formats.js';
import { readLines } from './read-lines.js';
import { replayHeader, replayLine } from './replay-file.js';

/** Options of a log import. */
export interface FromLogOptions {
  files: readonly string[];
  keepQuery: boolean;
  maxPaths: number;
  /** Timeline file to write; null for none. */
  replayFile: string | null;
}

/** What an import read. */
export interface FromLogStats {
  lines: number;
  requests: number;
  /** Lines not understood, and requests other than GET/HEAD (not a cache workload). */
  skippedLines: number;
  skippedMethods: number;
  formats: Record<string, LogFormat>;
  /** Timeline entries earlier than the previous one (files out of order or an unsorted log). */
  outOfOrder: number;
  firstTime: string | null;
  spanMs: number;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Reads every file into `agg`, writing the timeline when asked; throws InvalidConfigError for unreadable input. */
export async function importLogs(o: FromLogOptions, agg: LogAggregator): Promise<FromLogStats> {
  const stats: FromLogStats = { lines: 0, requests: 0, skippedLines: 0, skippedMethods: 0, formats: {}, outOfOrder: 0, firstTime: null, spanMs: 0 };
  const tmp = o.replayFile === null ? null : `${o.replayFile}.${process.pid}.tmp`;
  const replay = tmp === null ? null : createWriteStream(tmp, { encoding: 'utf8' });
  let first: number | null = null;
  let last = Number.NEGATIVE_INFINITY;
  let headerWritten = false;
  // Timeline lines are batched: one stream write per 64 KiB instead of one per request.
  let pending = '';
  try {
    for (const file of o.files) {
      let input: Readable;
      try {
        input = (await isGzip(file)) ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
      } catch (err) {
        throw new InvalidConfigError(`cannot read log ${file}: ${describeError(err)}`);
      }
      let parse: LineParser | null = null;
      const cf = cloudfrontParser(o.keepQuery);
      try {
        for await (const line of readLines(input)) {
          if (line.trim() === '') continue;
          stats.lines++;
          if (parse === null) {
            const format = detectFormat(line);
            stats.formats[file] = format;
            parse = format === 'cloudfront' ? cf.parse : format === 'json' ? jsonParser(o.keepQuery) : combinedParser(o.keepQuery);
          }
          if (line.startsWith('#Fields')) cf.fields(line);
          const r = parse(line);
          if (r === null) {
            if (!line.startsWith('#')) stats.skippedLines++;
            continue;
          }
          const method = r.method.toUpperCase();
          if (method !== 'GET' && method !== 'HEAD') {
            stats.skippedMethods++;
            continue;
          }
          stats.requests++;
          agg.add(r);
          if (replay === null || r.timeMs === null) continue;
          if (first === null) {
            first = r.timeMs;
            stats.firstTime = new Date(first).toISOString();
          }
          if (!headerWritten) {
            await write(replay, replayHeader(o.files.join(', '), stats.firstTime ?? ''));
            headerWritten = true;
          }
          if (r.timeMs < last) stats.outOfOrder++;
          last = Math.max(last, r.timeMs);
          pending += replayLine({ offsetMs: Math.max(0, r.timeMs - first), path: r.path });
          if (pending.length >= 65_536) {
            await write(replay, pending);
            pending = '';
          }
        }
      } catch (err) {
        if (err instanceof CdnbenchError) throw err;
        throw new InvalidConfigError(`cannot read log ${file}: ${describeError(err)}`);
      }
    }
    stats.spanMs = first === null ? 0 : last - first;
    if (replay !== null && tmp !== null && o.replayFile !== null) {
      if (pending !== '') await write(replay, pending);
      await new Promise<void>((resolve, reject) => replay.end((err?: Error | null) => (err ? reject(err) : resolve())));
      await rename(tmp, o.replayFile);
    }
    return stats;
  } catch (err) {
    replay?.destroy();
    if (tmp !== null) await rm(tmp, { force: true });
    throw err;
  }
}
