/**
 * `dialect: auto`: the header dialect of an unknown staging endpoint, detected from its first responses
 * (dialects/detect.ts). The first response with a vendor fingerprint decides; after `decideAfter`
 * responses without one, the generic dialect is kept. Until then each response is read with the dialect
 * its own headers suggest, so no sample is misread while detecting. `id` names the chosen dialect, which
 * is what the result records.
 */
import { detectDialect } from '../../dialects/detect.js';
import type { Classification, DialectId, HeaderDialect, HeaderGetter } from '../../dialects/dialect.js';
import { DIALECTS, getDialect } from '../../dialects/registry.js';

/** Headers detectDialect() reads, besides those of the dialects themselves. */
const DETECTION_HEADERS = ['cf-ray', 'cf-cache-status', 'x-cache', 'x-amz-cf-pop', 'x-served-by', 'server', 'x-cache-status', 'via', 'x-varnish', 'cache-status'];

/** Every header any dialect or the detection reads: the engine must keep them all until one is chosen. */
const ALL_HEADERS = Object.freeze([...new Set([...DETECTION_HEADERS, ...Object.values(DIALECTS).flatMap((d) => d.headers)])]);

/** A dialect that picks itself from the first responses. */
export class AutoDialect implements HeaderDialect {
  readonly description = 'detected from the first responses';
  readonly headers = ALL_HEADERS;
  private chosen: HeaderDialect | null = null;
  private undecided = 0;

  constructor(
    /** Responses without any vendor fingerprint after which `generic` is kept. */
    private readonly decideAfter = 20,
    /** Told once, when the dialect is chosen. */
    private readonly onChosen: (id: DialectId) => void = () => undefined,
  ) {}

  /** The chosen dialect; `generic` until one is chosen. */
  get id(): DialectId {
    return this.chosen?.id ?? 'generic';
  }

  /** True once a dialect has been chosen. */
  get decided(): boolean {
    return this.chosen !== null;
  }

  classify(get: HeaderGetter): Classification {
    if (this.chosen !== null) return this.chosen.classify(get);
    const id = detectDialect(get);
    const dialect = getDialect(id);
    if (id !== 'generic' || ++this.undecided >= this.decideAfter) {
      this.chosen = dialect;
      this.onChosen(id);
    }
    return dialect.classify(get);
  }
}
