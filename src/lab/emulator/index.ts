/** The lab's multi-PoP edge emulator: profiles, the library entry and the purge client. */
export { startEmulator } from './emulator.js';
export type { RunningEmulator, StartEmulatorOptions } from './emulator.js';
export { emulatorProfileSchema, ARCHETYPES, EMULATOR_DIALECTS, PURGE_APIS, PURGE_KINDS, SHIELD_ID } from './emulator-profile.js';
export type { EmulatorDialect, EmulatorProfile, EmulatorProfileInput, PurgeApi, PurgeKind } from './emulator-profile.js';
export { dialectPopName } from './hop-labels.js';
export type { NodeStats } from './control-server.js';
export type { PurgeLogEntry, PopPurgeState } from './purge-scheduler.js';
export { EDGE_HEADER } from './upstream.js';
