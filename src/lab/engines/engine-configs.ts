/** The config generator of each lab engine: a plain typed map, checked to cover every engine. */
import { atsLaunch } from './ats-config.js';
import type { ConfigGenerator } from './engine-launch.js';
import type { LabEngine } from './engine-spec.js';
import { nginxLaunch } from './nginx-config.js';
import { varnishLaunch } from './varnish-config.js';

/** Config generator by engine. */
export const ENGINE_CONFIGS = {
  varnish: (inst) => varnishLaunch(inst),
  nginx: nginxLaunch,
  ats: atsLaunch,
} satisfies Record<LabEngine, ConfigGenerator>;
