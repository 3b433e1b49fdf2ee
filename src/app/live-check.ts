/**
 * abortOnFail, as in k6: during each provider's load, every `intervalMs` the thresholds marked
 * abortOnFail are evaluated on the figures recorded so far (once their delayAbortEval has passed), and
 * the first one that fails stops the run. Only metrics the series carry live can be watched
 * (preflight.ts rejects the others); a value with no data yet never aborts.
 */
import type { LiveAbortCheck } from '../engine/run-scenario.js';
import { formatDuration } from '../util/duration.js';
import { evaluateThreshold } from '../slo/evaluate.js';
import { selectedProviders } from '../slo/selected-providers.js';
import { boundText, scopeText } from '../slo/slo-report.js';
import type { ThresholdRule } from '../slo/threshold-config.js';
import { formatValue } from '../slo/units.js';

/** How often live figures are evaluated. */
export const LIVE_CHECK_INTERVAL_MS = 1000;

/** The engine hook for the rules marked abortOnFail; undefined when there are none. */
export function liveAbortCheck(rules: readonly ThresholdRule[], intervalMs = LIVE_CHECK_INTERVAL_MS): LiveAbortCheck | undefined {
  const watched = rules.filter((r) => r.threshold.abortOnFail);
  if (watched.length === 0) return undefined;
  return {
    intervalMs,
    check(providerId, recorder, elapsedMs) {
      const due = watched.filter((r) => elapsedMs >= r.delayAbortEvalMs && selectedProviders(r.threshold.filters, [{ id: providerId }]).length > 0);
      if (due.length === 0) return null;
      // One snapshot per tick for all due thresholds; only this provider's series are encoded.
      const input = { series: recorder.seriesFor(providerId), summary: null, sessions: null };
      for (const { threshold } of due) {
        const o = evaluateThreshold(threshold, providerId, input);
        const failing = o.values.find((v) => v.value !== null && !v.pass);
        if (failing === undefined) continue;
        const scope = scopeText(failing.scope);
        return `${threshold.source} failed after ${formatDuration(elapsedMs)}: ${formatValue(failing.value, o.dimension)}${scope === '' ? '' : ` (${scope})`}, expected ${boundText(o)}`;
      }
      return null;
    },
  };
}
