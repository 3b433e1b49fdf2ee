/** Atomic file writes: a reader (or a crash) never sees half a result file. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { CdnbenchError, describeError } from '../errors.js';

/** Writes `data` to a temporary file beside `path` (created with `mode`), then renames it over `path`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data, { mode });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new CdnbenchError('IO_FAILED', `cannot write ${path}: ${describeError(err)}`, { cause: err });
  }
}

/**
 * The same, synchronously: for a write that must finish before the process exits (a second Ctrl-C), where
 * no later turn of the event loop is guaranteed.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode = 0o644): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data, { mode });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CdnbenchError('IO_FAILED', `cannot write ${path}: ${describeError(err)}`, { cause: err });
  }
}
