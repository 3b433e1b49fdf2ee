/**
 * The one error base of cdnbench, its stable codes and the documented exit-code table.
 *
 * HTTP errors and timeouts during a run are samples, never exceptions; everything else that stops a
 * command is a CdnbenchError whose code maps to a fixed exit code (docs/cli.md "Exit codes").
 */

/** Process exit codes; stable across releases because schedulers and CI branch on them. */
export const ExitCode = {
  /** Everything ran and every check passed. */
  Ok: 0,
  /** The run itself failed (no provider answered, a provider could not start, an output could not be written). */
  RunFailed: 1,
  /** The command line was wrong (unknown option, missing argument). */
  Usage: 2,
  /** The run completed but SLO thresholds failed (k6 uses 99 for the same). */
  ThresholdsFailed: 99,
  /** A scenario, provider profile or other configuration file is invalid. */
  InvalidConfig: 104,
  /** Stopped by SIGHUP (128 + 1); the partial result was written. */
  HungUp: 129,
  /** Interrupted by SIGINT (128 + 2); the partial result was written. */
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + 15); the partial result was written. */
  Terminated: 143,
} as const;

/** One of the documented exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Stable error codes; each maps to one exit code. */
export const ErrorCodes = {
  USAGE: ExitCode.Usage,
  INVALID_SCENARIO: ExitCode.InvalidConfig,
  INVALID_PROVIDER: ExitCode.InvalidConfig,
  INVALID_RESULT: ExitCode.InvalidConfig,
  UNSUPPORTED_CAPABILITY: ExitCode.InvalidConfig,
  INVALID_THRESHOLD: ExitCode.InvalidConfig,
  ENGINE_MISSING: ExitCode.InvalidConfig,
  OUTPUT_EXISTS: ExitCode.InvalidConfig,
  NO_TARGET: ExitCode.InvalidConfig,
  RUN_FAILED: ExitCode.RunFailed,
  PROVIDER_START_FAILED: ExitCode.RunFailed,
  WORKER_FAILED: ExitCode.RunFailed,
  IO_FAILED: ExitCode.RunFailed,
  THRESHOLDS_FAILED: ExitCode.ThresholdsFailed,
  INTERRUPTED: ExitCode.Interrupted,
  TERMINATED: ExitCode.Terminated,
  HUNG_UP: ExitCode.HungUp,
} as const satisfies Record<string, ExitCodeValue>;

/** A stable error code string. */
export type ErrorCode = keyof typeof ErrorCodes;

/** The base of every error cdnbench raises on purpose; `message` is one line a user can act on. */
export class CdnbenchError extends Error {
  override readonly name: string = 'CdnbenchError';
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Extra lines (for example every problem of an invalid file); printed after the message. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }

  /** The exit code this error ends the process with. */
  get exitCode(): ExitCodeValue {
    return ErrorCodes[this.code];
  }
}

/** A scenario, provider profile or result file failed validation; `details` lists every problem with its path. */
export class InvalidConfigError extends CdnbenchError {
  override readonly name = 'InvalidConfigError';
  constructor(message: string, details: readonly string[] = [], code: ErrorCode = 'INVALID_SCENARIO') {
    super(code, message, { details });
  }
}

/** The command line is wrong. */
export class UsageError extends CdnbenchError {
  override readonly name = 'UsageError';
  /** True when `--help` would help (a mistyped command line, not e.g. a lab that is already running). */
  readonly showHelpHint: boolean;
  constructor(message: string, showHelpHint = false) {
    super('USAGE', message);
    this.showHelpHint = showHelpHint;
  }
}

/** Type guard for CdnbenchError, also across module copies (checks the shape, not the prototype). */
export function isCdnbenchError(value: unknown): value is CdnbenchError {
  if (value instanceof CdnbenchError) return true;
  if (!(value instanceof Error) || !('exitCode' in value)) return false;
  const code: unknown = (value as Error & { code?: unknown }).code;
  return typeof code === 'string' && code in ErrorCodes;
}

/** A short one-line description of any thrown value, for messages. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !(code in ErrorCodes) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
