/**
 * What kind of system a report's figures were measured on, said on every page and chart (issue 15): an
 * emulated lab is not a CDN, and a slide taken out of the report must still say so.
 */
import type { Provenance } from './report-model.js';
import type { ScenarioInfo } from './report-model.js';
import { formatMs } from './format-values.js';

/** The kind of system behind a provider kind (adapter `kind`). */
export function sourceOf(kind: string): string {
  switch (kind) {
    case 'emulator':
      return 'emulated lab';
    case 'lab-engine':
      return 'real caching engines (lab)';
    case 'staging':
      return 'staging';
    case 'target':
      return 'HTTP target';
    case 'multi':
      return 'multi-CDN';
    case '':
      return 'unknown';
    default:
      return 'vendor CDN';
  }
}

/** The provenance of providers of `kinds` measured in `scenarios`. */
export function provenance(kinds: readonly string[], scenarios: readonly ScenarioInfo[]): Provenance {
  const source = [...new Set(kinds.map(sourceOf))].join(' + ') || 'no results';
  const dates = [...new Set(scenarios.map((s) => s.startedAt.slice(0, 10)))].join(', ');
  const runs = scenarios.map((s) => `${s.name} (${formatMs(s.durationMs)}, ${s.agents.length} agent${s.agents.length === 1 ? '' : 's'})`).join(' + ');
  return { source, line: `${source} · ${dates || 'no date'} · ${runs || 'no scenario'}` };
}
