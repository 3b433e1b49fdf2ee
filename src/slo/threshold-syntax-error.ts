/** A threshold that does not parse or does not fit its metric; names the column (1-based) and exits 104. */
import { InvalidConfigError } from '../errors.js';

/** Raised by parseThreshold; `reason` is the message without the source text, for per-path listings. */
export class ThresholdSyntaxError extends InvalidConfigError {
  /** 1-based column in the threshold text where the problem starts. */
  readonly column: number;
  /** "column 13: ms is a time unit …" — what a listing with a path in front of it shows. */
  readonly reason: string;

  constructor(source: string, column: number, problem: string) {
    const reason = `column ${column}: ${problem}`;
    super(`invalid threshold "${source}" at ${reason}`, [source, `${' '.repeat(Math.max(0, column - 1))}^`], 'INVALID_THRESHOLD');
    this.column = column;
    this.reason = reason;
  }
}
