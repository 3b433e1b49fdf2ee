/**
 * Keeps secrets out of everything cdnbench writes: error messages from provider APIs (which may echo a
 * request), log lines and result fields pass through a Redactor that knows every credential value the
 * adapter loaded, in plain and base64 form, and replaces them with `[redacted]`.
 */

const MIN_SECRET_LENGTH = 6;

/** Replaces known secret values in text. */
export class Redactor {
  private readonly values = new Set<string>();

  /** Registers a secret (ignored when too short to be one: replacing "a" everywhere would mangle text). */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return;
    this.values.add(secret);
    this.values.add(Buffer.from(secret, 'utf8').toString('base64'));
    this.values.add(encodeURIComponent(secret));
  }

  /** The text with every registered secret replaced. */
  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(v).join('[redacted]');
    return out;
  }
}
