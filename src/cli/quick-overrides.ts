/** The k6-style quick-run flags of run/check (what they do: src/app/quick-overrides.ts). */
import type { Argv } from 'yargs';
import type { QuickArgs } from '../app/quick-overrides.js';

/** Adds the quick-run flags to run/check. */
export function withQuickOptions<T>(y: Argv<T>): Argv<T & QuickArgs> {
  return y
    .option('duration', { alias: 'd', type: 'string', describe: 'Replace the phases by one phase this long, e.g. 5s (k6 --duration)' })
    .option('vus', { type: 'number', describe: 'Closed model: virtual users of that phase [default: the scenario\'s peak]' })
    .option('rate', { type: 'number', describe: 'Open model: sessions per second of that phase [default: the scenario\'s peak]' })
    .option('max-requests', { alias: 'iterations', type: 'number', describe: 'Stop after this many requests (limits.maxRequests; cdnbench bounds requests, not k6 iterations)' }) as unknown as Argv<T & QuickArgs>;
}
