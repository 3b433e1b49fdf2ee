/**
 * What object builders share: the origin state, the Cache-Control values, the audio generator, and a
 * content namespace folded into every ETag, so two origins built from different seeds or tile sizes never
 * hand out the same validator for different bytes (a cache revalidating across a restart would be fooled).
 */
import type { AudioContent } from './audio-content.js';
import { bufferSource, type BodySource } from './body-source.js';
import type { TtlClass } from './cache-policy.js';
import type { OriginState } from './origin-state.js';
import { strongEtag } from './validators.js';

/** Shared inputs of the object builders. */
export interface ObjectContext {
  state: OriginState;
  cacheControl: Readonly<Record<TtlClass, string>>;
  audio: AudioContent;
  /** Seconds per live-sync update (the micro TTL, at least 1). */
  syncPeriodS: number;
  /** Folded into every ETag (see the file comment). */
  namespace: string;
}

/** The namespace of an origin: everything generated content depends on besides the request. */
export function contentNamespace(state: OriginState): string {
  const c = state.catalogConfig;
  return `${c.seed}/${c.pagesPerTile}/${c.languages.join('+')}/${state.seed}`;
}

/** A strong ETag for `parts` within the context's namespace. */
export function etagOf(ctx: ObjectContext, ...parts: readonly (string | number)[]): string {
  return strongEtag(`${ctx.namespace}|${parts.join('|')}`);
}

/** A JSON document as a body. */
export function jsonBody(value: unknown): BodySource {
  return bufferSource(Buffer.from(JSON.stringify(value)));
}

/** Strips `.json` (or another suffix); undefined when the name does not end with it. */
export function stem(file: string, suffix: string): string | undefined {
  return file.endsWith(suffix) ? file.slice(0, -suffix.length) : undefined;
}
