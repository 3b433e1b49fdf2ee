/**
 * Where the CLI writes: human progress and notes go to stderr (silenced by --quiet), the final answer
 * to stdout — as text, or as one JSON document with --json so scripts can parse it.
 */
import { isCdnbenchError } from '../errors.js';
import { envSecrets } from '../util/env-secrets.js';

/** Global output options every command accepts. */
export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

/** The CLI's writer. */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;

  constructor(opts: OutputOptions) {
    this.json = opts.json === true;
    this.quiet = opts.quiet === true;
  }

  /** True when a live progress line may be drawn (stderr is a terminal, not quiet). */
  get live(): boolean {
    return !this.quiet && process.stderr.isTTY === true;
  }

  /** A note for humans on stderr. */
  note(line: string): void {
    if (!this.quiet) process.stderr.write(`${envSecrets.redact(line)}\n`);
  }

  /** The command's answer on stdout: `human` text, or `machine` as JSON with --json. */
  answer(human: string, machine: unknown): void {
    const text = this.json ? `${JSON.stringify(machine, null, 2)}\n` : human.endsWith('\n') ? human : `${human}\n`;
    process.stdout.write(envSecrets.redact(text));
  }
}

/** Prints an error as one line (plus its detail lines) on stderr; never a stack trace for expected errors. */
export function printError(err: unknown): void {
  if (isCdnbenchError(err)) {
    process.stderr.write(`cdnbench: ${envSecrets.redact(err.message)}\n`);
    for (const d of err.details) process.stderr.write(`  ${envSecrets.redact(d)}\n`);
    return;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`cdnbench: internal error: ${envSecrets.redact(e.message)}\n`);
  if (process.env.CDNBENCH_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
}
