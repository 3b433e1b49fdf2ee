/**
 * Parses one threshold as k6 users read it — `metric{tag:value, …} op number[unit]` — and checks it
 * against the metric catalog: the metric exists, it takes those tags, and the unit fits its dimension
 * (`hit_ratio < 50ms` is an error, not a comparison with 50). Every error names the column.
 *
 *   small_object_p95{pop:*} < 50ms      hit_ratio >= 0.99      error_rate < 0.1%
 *   invalidation_t95 < 5s               coalescing_ratio <= 1.1      cost_per_million_sessions < 20usd
 */
import { CACHE_STATUSES, OBJECT_CLASSES } from '../result/sample.js';
import { METRIC_NAMES, metricDef, type MetricDef } from './metric-catalog.js';
import { TAG_NAMES, type TagName } from './measure-input.js';
import { CACHE_GROUPS } from './series-measures.js';
import type { Threshold } from './threshold.js';
import { ThresholdSyntaxError } from './threshold-syntax-error.js';
import { UNITS, UNIT_HINTS } from './units.js';

/** Options of parseThreshold. */
export interface ParseThresholdOptions {
  /** Stop the run as soon as this threshold fails on the live figures (k6's abortOnFail). */
  abortOnFail?: boolean;
}

/** A metric with its tag filters, without a comparison (what `--regression-metric` names). */
export interface MetricRef {
  source: string;
  metric: string;
  filters: Record<string, string>;
}

const OPS = /<=|>=|==|!=|<|>/y;
const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;

/** A cursor over the text that throws ThresholdSyntaxError with the column of the problem. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  take(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null) return null;
    this.pos += m[0].length;
    return m[0];
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  fail(problem: string, at = this.pos): never {
    throw new ThresholdSyntaxError(this.text, at + 1, problem);
  }

  end(): void {
    this.space();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos)}" after the threshold`);
  }
}

/** Parses `metric{filters}` at the scanner; returns the metric's definition too. */
function metricRef(s: Scanner): { metric: string; def: MetricDef; filters: Record<string, string> } {
  s.space();
  const at = s.pos;
  const metric = s.take(/[A-Za-z_][A-Za-z0-9_]*/y);
  if (metric === null) s.fail('expected a metric name, e.g. small_object_p95');
  const def = metricDef(metric);
  if (def === undefined) s.fail(`unknown metric "${metric}"${suggest(metric)}`, at);
  s.space();
  const filters: Record<string, string> = {};
  if (s.peek() === '{') {
    s.pos++;
    for (;;) {
      s.space();
      const keyAt = s.pos;
      const key = s.take(/[A-Za-z_][A-Za-z0-9_]*/y);
      if (key === null) s.fail(`expected a tag name (${TAG_NAMES.join(', ')})`);
      if (!TAG_NAMES.includes(key)) s.fail(`unknown tag "${key}" (tags: ${TAG_NAMES.join(', ')})`, keyAt);
      if (key !== 'provider' && !def.tags.includes(key as TagName)) {
        s.fail(`${metric} cannot be filtered by ${key} (it takes ${['provider', ...def.tags].join(', ')})`, keyAt);
      }
      if (key in filters) s.fail(`tag "${key}" given twice`, keyAt);
      s.space();
      if (s.peek() !== ':') s.fail(`expected ":" after the tag name, as in ${key}:value`);
      s.pos++;
      s.space();
      const valueAt = s.pos;
      const value = s.take(/[A-Za-z0-9_.*-]+/y);
      if (value === null) s.fail(`expected a value for ${key} (or * for every value)`);
      checkTagValue(s, key, value, valueAt);
      filters[key] = value;
      s.space();
      const c = s.peek();
      s.pos++;
      if (c === '}') break;
      if (c !== ',') s.fail('expected "," or "}" in the tag filters', s.pos - 1);
    }
  }
  return { metric, def, filters };
}

function checkTagValue(s: Scanner, key: string, value: string, at: number): void {
  if (value.includes('*') && value !== '*') s.fail('a wildcard is * alone (every value, each must pass)', at);
  if (value === '*') return;
  if (key === 'class' && !(OBJECT_CLASSES as readonly string[]).includes(value)) {
    s.fail(`unknown object class "${value}" (classes: ${OBJECT_CLASSES.join(', ')})`, at);
  }
  if (key === 'cache' && !(CACHE_STATUSES as readonly string[]).includes(value.toUpperCase()) && CACHE_GROUPS[value.toLowerCase()] === undefined) {
    s.fail(`unknown cache state "${value}" (${CACHE_STATUSES.join(', ')}, cold or warm)`, at);
  }
}

/** Parses one threshold; throws ThresholdSyntaxError (exit 104) naming the column of the problem. */
export function parseThreshold(text: string, options: ParseThresholdOptions = {}): Threshold {
  const s: Scanner = new Scanner(text);
  const { metric, def, filters } = metricRef(s);
  s.space();
  const opAt = s.pos;
  const op = s.take(OPS) as Threshold['op'] | null;
  if (op === null) s.fail(s.peek() === '=' ? 'use == to compare for equality' : 'expected an operator: <, <=, >, >=, == or !=', opAt);
  s.space();
  const numberAt = s.pos;
  const number = s.take(NUMBER);
  if (number === null) s.fail(`expected a number: ${UNIT_HINTS[def.dimension]}`);
  s.space();
  const unitAt = s.pos;
  const unitText = s.take(/[A-Za-zµ%]+/y);
  s.end();
  let value = Number(number);
  if (unitText !== null) {
    const unit = UNITS[unitText.toLowerCase()];
    if (unit === undefined) s.fail(`unknown unit "${unitText}" (units: ${Object.keys(UNITS).join(', ')})`, unitAt);
    if (unit.dimension !== def.dimension) {
      s.fail(`${unitText} is a ${unit.dimension === 'usd' ? 'cost' : unit.dimension} unit but ${metric} is ${article(def.dimension)}: write ${UNIT_HINTS[def.dimension]}`, unitAt);
    }
    value = (value * unit.multiply) / unit.divide;
  } else if (def.dimension === 'time') {
    s.fail(`${metric} is a time: write ${UNIT_HINTS.time}`, numberAt + number.length);
  }
  if (!Number.isFinite(value) || value < 0) s.fail(`expected a number ≥ 0: ${UNIT_HINTS[def.dimension]}`, numberAt);
  if (def.dimension === 'ratio' && value > 1) s.fail(`a ratio is 0..1: write ${UNIT_HINTS.ratio}`, numberAt);
  return { source: text.trim(), metric, filters, op, value, abortOnFail: options.abortOnFail === true };
}

/** Parses `metric{filters}` with no comparison (e.g. `--regression-metric small_object_p95{class:mapping-tile}`). */
export function parseMetricRef(text: string): MetricRef {
  const s: Scanner = new Scanner(text);
  const { metric, filters } = metricRef(s);
  s.end();
  return { source: text.trim(), metric, filters };
}

function article(d: MetricDef['dimension']): string {
  return d === 'time' ? 'a time' : d === 'ratio' ? 'a ratio' : d === 'usd' ? 'a cost in USD' : 'a plain number';
}

/** " (did you mean X?)" for a near miss, else the list of metrics. */
function suggest(name: string): string {
  const close = METRIC_NAMES.filter((m) => editDistance(m, name.toLowerCase()) <= 2);
  return close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ` (metrics: ${METRIC_NAMES.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
