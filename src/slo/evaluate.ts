/**
 * Evaluates thresholds over a run's providers. `{tag:*}` expands to one measurement per value present
 * in the data and every one must pass; a threshold with no data to measure fails ("no data"), it never
 * passes silently.
 */
import type { ProviderResult } from '../result/result-model.js';
import type { MeasureInput, Scope, TagName } from './measure-input.js';
import { metricDef, type MetricDef } from './metric-catalog.js';
import { selectedProviders } from './selected-providers.js';
import type { Threshold } from './threshold.js';
import type { Dimension } from './units.js';

/** One measurement of a threshold: the scope it covered, the value, the verdict. */
export interface ScopedValue {
  /** Concrete tag values (empty when the threshold has no tag filters besides provider). */
  scope: Record<string, string>;
  /** Base units; null when there was nothing to measure. */
  value: number | null;
  pass: boolean;
}

/** A threshold's verdict for one provider. */
export interface ThresholdOutcome {
  provider: string;
  threshold: Threshold;
  dimension: Dimension;
  /** One per scope after `*` expansion. */
  values: ScopedValue[];
  /** True when there was at least one value and every value passed. */
  pass: boolean;
  /** The value furthest on the failing side (a missing value first): what a table shows. */
  worst: ScopedValue | null;
}

/** Relative tolerance of comparisons, so 0.1% (0.001) equals 1/1000 whatever the float rounding. */
const EPSILON = 1e-9;

/** `measured op bound`, with values within a relative 1e-9 of each other counted as equal. */
export function compare(op: Threshold['op'], measured: number, bound: number): boolean {
  const finite = Number.isFinite(measured) && Number.isFinite(bound);
  const eq = finite ? Math.abs(measured - bound) <= EPSILON * Math.max(1, Math.abs(measured), Math.abs(bound)) : measured === bound;
  switch (op) {
    case '<': return measured < bound && !eq;
    case '<=': return measured < bound || eq;
    case '>': return measured > bound && !eq;
    case '>=': return measured > bound || eq;
    case '==': return eq;
    case '!=': return !eq;
  }
}

/** The concrete scopes a threshold's filters cover in this data (`*` expanded, provider left out). */
export function expandScopes(def: MetricDef, input: MeasureInput, filters: Readonly<Record<string, string>>): Scope[] {
  const fixed: Record<string, string> = {};
  const stars: TagName[] = [];
  for (const [tag, value] of Object.entries(filters)) {
    if (tag === 'provider') continue;
    if (value === '*') stars.push(tag as TagName);
    else fixed[tag] = value;
  }
  let scopes: Scope[] = [fixed];
  for (const tag of stars) {
    scopes = scopes.flatMap((scope) => def.tagValues(input, tag, scope).map((v) => ({ ...scope, [tag]: v })));
  }
  return scopes;
}

function worstOf(op: Threshold['op'], values: readonly ScopedValue[]): ScopedValue | null {
  const missing = values.find((v) => v.value === null);
  if (missing !== undefined) return missing;
  const sign = op === '<' || op === '<=' ? 1 : op === '>' || op === '>=' ? -1 : 0;
  if (sign === 0) return values.find((v) => !v.pass) ?? values[0] ?? null;
  return values.reduce<ScopedValue | null>((w, v) => (w === null || sign * ((v.value ?? 0) - (w.value ?? 0)) > 0 ? v : w), null);
}

/** Evaluates one threshold for one provider's figures. */
export function evaluateThreshold(t: Threshold, provider: string, input: MeasureInput): ThresholdOutcome {
  const def = metricDef(t.metric);
  if (def === undefined) throw new Error(`unknown metric ${t.metric}: parseThreshold admits only catalog metrics`);
  const values = expandScopes(def, input, t.filters).map((scope) => {
    const value = def.measure(input, scope);
    return { scope: { ...scope }, value, pass: value !== null && compare(t.op, value, t.value) };
  });
  return { provider, threshold: t, dimension: def.dimension, values, pass: values.length > 0 && values.every((v) => v.pass), worst: worstOf(t.op, values) };
}

/** The finished figures of a provider in a result. */
export function finalInput(p: ProviderResult): MeasureInput {
  return { series: p.series, summary: p.summary, sessions: p.sessions };
}

/** Evaluates every threshold for every provider it selects, in threshold order. */
export function evaluateThresholds(thresholds: readonly Threshold[], providers: readonly ProviderResult[]): ThresholdOutcome[] {
  return thresholds.flatMap((t) => selectedProviders(t.filters, providers).map((p) => evaluateThreshold(t, p.id, finalInput(p))));
}
