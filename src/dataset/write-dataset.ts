/**
 * Writes a dataset as `dataset from-log` produces it — JSON lines, or CSV when the file name ends in
 * .csv — streamed in 64 KiB batches to a temporary file renamed over the target (atomic, like every file
 * cdnbench writes), so a 200 000-path dataset never exists as one string in memory.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CdnbenchError, describeError } from '../errors.js';
import type { DatasetLine } from './log-aggregate.js';

const CSV_COLUMNS = ['path', 'weight', 'bytes', 'class', 'type', 'size', 'statuses', 'ranges'] as const;

/** One dataset line in the file's format (CSV rows carry `weight` = requests). */
export function datasetText(l: DatasetLine, csv: boolean): string {
  if (!csv) return `${JSON.stringify(l)}\n`;
  return stringify([[l.path, l.requests, l.bytes, l.class, l.type, l.size, Object.entries(l.statuses).map(([s, n]) => `${s}:${n}`).join(' '), l.ranges.join(' ')]]);
}

/** Writes the lines to `file`; returns how many were written. */
export async function writeDataset(file: string, lines: Iterable<DatasetLine>): Promise<number> {
  const csv = extname(file).toLowerCase() === '.csv';
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  let n = 0;
  try {
    let pending = csv ? stringify([[...CSV_COLUMNS]]) : '';
    for (const l of lines) {
      pending += datasetText(l, csv);
      n++;
      if (pending.length >= 65_536) {
        await write(pending);
        pending = '';
      }
    }
    await write(pending);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await rename(tmp, file);
    return n;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw new CdnbenchError('IO_FAILED', `cannot write ${file}: ${describeError(err)}`, { cause: err });
  }
}
