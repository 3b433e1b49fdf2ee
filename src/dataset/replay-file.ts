/**
 * The replay timeline `dataset from-log --replay` writes: one request per line, `<ms>\t<path>`, where
 * ms is the time since the first logged request, in log order. Lines starting with `#` are comments
 * (the first says where it came from). Read as a stream, so a timeline of millions of requests replays
 * in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { InvalidConfigError, describeError } from '../errors.js';
import { readLines } from './read-lines.js';

/** One logged request: when (ms after the first) and what. */
export interface ReplayEntry {
  offsetMs: number;
  path: string;
}

/** The header line of a timeline. */
export function replayHeader(source: string, startIso: string): string {
  return `# cdnbench replay v1: <ms since first request>\\t<path>; from ${source}; first request ${startIso}\n`;
}

/** One timeline line. */
export function replayLine(e: ReplayEntry): string {
  return `${Math.round(e.offsetMs)}\t${e.path}\n`;
}

/** Parses one line; null for a comment or blank line; throws InvalidConfigError naming the line when malformed. */
export function parseReplayLine(line: string, lineNo: number, file: string): ReplayEntry | null {
  if (line === '' || line.startsWith('#')) return null;
  const tab = line.indexOf('\t');
  const offsetMs = Number(line.slice(0, tab));
  const path = line.slice(tab + 1);
  if (tab < 1 || !Number.isFinite(offsetMs) || offsetMs < 0 || !path.startsWith('/')) {
    throw new InvalidConfigError(`invalid replay timeline ${file}: line ${lineNo}: expected <ms>\\t</path>`);
  }
  return { offsetMs, path };
}

/** Streams a timeline's entries in file order. */
export async function* readReplay(file: string): AsyncGenerator<ReplayEntry> {
  const input = createReadStream(file);
  let n = 0;
  try {
    for await (const line of readLines(input)) {
      const e = parseReplayLine(line, ++n, file);
      if (e !== null) yield e;
    }
  } catch (err) {
    if (err instanceof InvalidConfigError) throw err;
    throw new InvalidConfigError(`cannot read replay timeline ${file}: ${describeError(err)}`);
  } finally {
    input.destroy();
  }
}

/** The first `max` distinct paths of a timeline (the preflight's probes). */
export async function readReplayHead(file: string, max: number): Promise<string[]> {
  const seen = new Set<string>();
  for await (const e of readReplay(file)) {
    seen.add(e.path);
    if (seen.size >= max) break;
  }
  return [...seen];
}
