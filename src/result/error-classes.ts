/**
 * Errors by class (issue 15): what a provider-selection verdict gates on. A response with status 4xx or 5xx,
 * a timeout, or another network failure is an error; a request the run itself aborted (the run ending or
 * Ctrl-C) is not the provider's failure and is left out of both the errors and the requests they are rated on.
 */
import type { SeriesRecord } from './result-model.js';

/** The classes errors are counted in. */
export const ERROR_CLASSES = ['4xx', '5xx', 'network', 'timeout'] as const;

/** One error class. */
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Error counts by class, the requests they are rated on, and the rate. */
export interface ErrorBreakdown {
  /** Exchanges, minus the ones the run aborted itself. */
  requests: number;
  /** Errors of each class. */
  classes: Record<ErrorClass, number>;
  /** Sum of the classes. */
  errors: number;
  /** errors / requests; 0 without requests. */
  rate: number;
  /** Requests the run aborted (not counted above). */
  aborted: number;
}

/** The error breakdown of a set of series. */
export function errorBreakdown(series: readonly SeriesRecord[]): ErrorBreakdown {
  const classes: Record<ErrorClass, number> = { '4xx': 0, '5xx': 0, network: 0, timeout: 0 };
  let requests = 0;
  let aborted = 0;
  for (const s of series) {
    requests += s.requests;
    for (const [cls, n] of Object.entries(s.statusClasses)) {
      const c = Number.parseInt(cls, 10);
      // 6xx–9xx are not HTTP, but a broken server can send them: a server failure for the verdict.
      if (c === 4) classes['4xx'] += n;
      else if (c >= 5) classes['5xx'] += n;
    }
    for (const [kind, n] of Object.entries(s.networkErrors)) {
      if (kind === 'aborted') aborted += n ?? 0;
      else if (kind === 'timeout') classes.timeout += n ?? 0;
      else classes.network += n ?? 0;
    }
  }
  const rated = requests - aborted;
  const errors = classes['4xx'] + classes['5xx'] + classes.network + classes.timeout;
  return { requests: rated, classes, errors, rate: rated <= 0 ? 0 : errors / rated, aborted };
}
