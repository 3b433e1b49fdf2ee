/**
 * `-o/--out/--output`: one meaning in every command — where the command writes (a folder for run, check
 * and report; a file for merge, ingest and export k6). k6's `--out json=FILE` output plugins do not
 * exist here, and a value like `json=res.json` would otherwise silently become a folder of that name.
 */
import { UsageError } from '../errors.js';

// k6 output plugins: `name=target` with a short lower-case name (json=, csv=, influxdb=, experimental-…=).
const K6_PLUGIN = /^([a-z][a-z0-9-]*)=/;

/** Throws a usage error with a hint when `value` looks like a k6 output plugin; returns the value. */
export function checkOutPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = K6_PLUGIN.exec(value);
  if (m === null) return value;
  const hint = m[1] === 'json' || m[1] === 'csv'
    ? `; for a JSON summary use --summary-export ${value.slice(m[0].length) || 'FILE'}, and --report csv for CSV`
    : '';
  throw new UsageError(`-o/--out takes a folder or file path, not a k6 output plugin "${value}"${hint}`, true);
}
