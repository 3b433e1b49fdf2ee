/** The instrumented lab origin (issue 3, item 1): library entry points and the vocabulary others share. */
export { startOrigin, type OriginOptions, type RunningOrigin } from './start-origin.js';
export { OriginState, type DropResult, type FaultResult, type PublishResult } from './origin-state.js';
export type { FetchCounts, OriginStats } from './counters.js';
export type { ActiveFault } from './faults.js';
export type { PublishMode } from './edition-store.js';
export { changedTileCount } from './edition-store.js';
export { albumTag, editionTag, isbnTag, tagHeaders, tileTag, trackTag } from './tags.js';
export { audioPath, CONTROL_PREFIX, deltaPath, metaPath, seekPath, syncPath, tilePath } from './paths.js';
export { cacheControlByClass, DEFAULT_TTL, type TtlClass, type TtlOptions } from './cache-policy.js';
export { EDGE_HEADER } from './edge-id.js';
export { ORIGIN_HEADER, VERSION_HEADER } from './response-plan.js';
export { AudioContent } from './audio-content.js';
export { parseLatencyOption } from './latency-option.js';
export { publishRequestSchema, dropRequestSchema, faultRequestSchema, type PublishRequest, type DropRequest, type FaultRequest } from './control-schemas.js';
