/**
 * The `--latency` command-line syntax: `20ms` (fixed), `p50=20ms,p95=80ms` (log-normal, optional
 * `max=`), or `min=5ms,max=15ms` (uniform): the profile syntax of util/distribution.ts on one line.
 */
import { distributionSchema, type DistributionSpec } from '../../util/distribution.js';

/** Parses a `--latency` value; undefined when it is not one of the three forms. */
export function parseLatencyOption(text: string): DistributionSpec | undefined {
  const value = text.trim();
  const candidate: unknown = value.includes('=')
    ? Object.fromEntries(value.split(',').map((pair) => pair.split('=').map((s) => s.trim())))
    : value;
  const parsed = distributionSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
