/** What a synchronous call refuses with, as "<exit code> <message>" ("no error" when it does not throw one). */
import { isCdnbenchError } from '../../src/errors.js';

/** Runs `f` and returns its CdnbenchError as "<exit code> <message>", or "no error". */
export function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (isCdnbenchError(err)) return `${err.exitCode} ${err.message}`;
  }
  return 'no error';
}
