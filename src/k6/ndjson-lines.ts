/**
 * Reads a k6 `--out json` file line by line as a stream, gunzipping when it starts with the gzip magic
 * bytes (k6 gzips when the file name ends in .gz), so memory does not grow with the file.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CdnbenchError, describeError } from '../errors.js';

async function isGzip(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } catch (err) {
    throw new CdnbenchError('IO_FAILED', `cannot read ${path}: ${describeError(err)}`, { cause: err });
  } finally {
    await handle?.close();
  }
}

/** Every line of the (possibly gzipped) file, without line endings. */
export async function* ndjsonLines(path: string): AsyncGenerator<string, void, undefined> {
  const gz = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input: Readable = gz ? file.pipe(createGunzip()) : file;
  let failure: unknown = null;
  const fail = (err: unknown): void => {
    failure ??= err;
    input.destroy();
  };
  file.on('error', fail);
  input.on('error', fail);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } catch (err) {
    failure ??= err;
  } finally {
    lines.close();
    file.destroy();
  }
  if (failure !== null) throw new CdnbenchError('IO_FAILED', `cannot read ${path}: ${describeError(failure)}`, { cause: failure });
}
