/**
 * Keeps secrets out of everything cdnbench writes: error messages from provider APIs (which may echo a
 * request, whole or in pieces, in any encoding), log lines and result fields pass through a Redactor that
 * knows every credential value the adapter loaded and replaces with `[redacted]` every word of the text
 * that holds a recognisable piece of one.
 *
 * A piece is FRAGMENT consecutive characters of the secret in one of its encodings: plain, hex (either
 * case), base64, base64url (at each of the three byte alignments, so half a secret encoded on its own is
 * found too) or URL-encoded. The whole word around it (a run of characters that can belong to a token) is
 * replaced, so neither the rest of an encoding nor a neighbouring half survives.
 */

const MIN_SECRET_LENGTH = 6;

/** How many consecutive characters of an encoded secret count as a leak (the threshold). */
export const FRAGMENT = 8;

// Characters a token or its encodings can be made of; anything else (space, quotes, JSON punctuation) ends a word.
const WORD_CHAR = /[A-Za-z0-9+/=_\-.~%:!*$@^|]/;

function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  // A piece starting at byte k encodes like base64(bytes.slice(k mod 3)) does: three alignments cover all.
  for (let k = 0; k < 3 && k < bytes.length; k++) {
    const b64 = bytes.subarray(k).toString('base64');
    // The last quantum depends on what follows the piece, so only the full quanta are reliable.
    const stable = b64.replace(/=+$/, '').slice(0, Math.floor((bytes.length - k) / 3) * 4);
    forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** Every encoded form of `secret` in which pieces are looked for (hex in lower case; text is compared so). */
function encodings(secret: string): { text: string; caseless: boolean }[] {
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  return [
    { text: secret, caseless: false },
    { text: encodeURIComponent(secret), caseless: false },
    { text: hex, caseless: true },
    ...base64Forms(secret).map((text) => ({ text, caseless: false })),
  ].filter((f) => f.text.length > 0);
}

/** Replaces known secret values, and words holding pieces of them, in text. */
export class Redactor {
  private readonly secrets = new Set<string>();
  private windows: { plain: Set<string>; caseless: Set<string> } | null = null;

  /** Registers a secret (ignored when too short to be one: replacing "a" everywhere would mangle text). */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(secret);
    this.windows = null;
  }

  /** The text with every registered secret, and every word holding a piece of one, replaced. */
  redact(text: string): string {
    if (this.secrets.size === 0 || text === '') return text;
    let out = text;
    // Whole values first (also secrets shorter than a fragment), longest first so one containing another goes whole.
    const whole = [...this.secrets].flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s, 'utf8').toString('base64')]);
    for (const v of [...new Set(whole)].sort((a, b) => b.length - a.length)) out = out.split(v).join('[redacted]');
    return this.redactPieces(out);
  }

  private fragmentWindows(): { plain: Set<string>; caseless: Set<string> } {
    if (this.windows !== null) return this.windows;
    const plain = new Set<string>();
    const caseless = new Set<string>();
    for (const secret of this.secrets) {
      for (const form of encodings(secret)) {
        for (let i = 0; i + FRAGMENT <= form.text.length; i++) {
          const w = form.text.slice(i, i + FRAGMENT);
          if (form.caseless) caseless.add(w.toLowerCase());
          else plain.add(w);
        }
      }
    }
    this.windows = { plain, caseless };
    return this.windows;
  }

  private redactPieces(text: string): string {
    const { plain, caseless } = this.fragmentWindows();
    if (plain.size === 0 && caseless.size === 0) return text;
    const lower = text.toLowerCase();
    const hits: [number, number][] = [];
    for (let i = 0; i + FRAGMENT <= text.length; i++) {
      if (plain.has(text.slice(i, i + FRAGMENT)) || caseless.has(lower.slice(i, i + FRAGMENT))) hits.push([i, i + FRAGMENT]);
    }
    if (hits.length === 0) return text;
    // Widen each hit to its whole word, merge overlaps, and replace from the end so offsets stay valid.
    const spans: [number, number][] = [];
    for (const [from, to] of hits) {
      let a = from;
      let b = to;
      while (a > 0 && WORD_CHAR.test(text[a - 1] ?? '')) a--;
      while (b < text.length && WORD_CHAR.test(text[b] ?? '')) b++;
      const last = spans.at(-1);
      if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
      else spans.push([a, b]);
    }
    let out = text;
    for (const [a, b] of spans.reverse()) out = `${out.slice(0, a)}[redacted]${out.slice(b)}`;
    return out;
  }
}
