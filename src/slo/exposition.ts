/**
 * Metric families rendered in the two text expositions Prometheus tooling reads: OpenMetrics 1.0
 * (TYPE, UNIT, HELP, `# EOF`; for files) and the Prometheus text format 0.0.4 (what a Pushgateway
 * accepts). prom-client writes no UNIT lines, so the few lines here are written by hand, by the specs.
 */

/** One sample of a family. */
export interface ExpositionSample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/** A metric family: a gauge, or an info metric (OpenMetrics `info`, a gauge named `<name>_info` in 0.0.4). */
export interface MetricFamily {
  /** Family name; with a unit it ends in `_<unit>`, as OpenMetrics requires. */
  name: string;
  type: 'gauge' | 'info';
  /** OpenMetrics unit ("seconds", "ratio"); "" for none. */
  unit: string;
  help: string;
  samples: ExpositionSample[];
}

/** The content type of each format, for files and HTTP. */
export const CONTENT_TYPES = {
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
} as const;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function number(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

function sampleLine(name: string, s: ExpositionSample): string {
  const entries = Object.entries(s.labels).filter(([, v]) => v !== '');
  for (const [k] of entries) if (!LABEL.test(k) || k.startsWith('__')) throw new Error(`invalid label name ${k}`);
  const labels = entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}`;
  return `${name}${labels} ${number(s.value)}`;
}

function check(f: MetricFamily): void {
  if (!NAME.test(f.name)) throw new Error(`invalid metric name ${f.name}`);
  if (f.unit !== '' && !f.name.endsWith(`_${f.unit}`)) throw new Error(`${f.name} must end in _${f.unit}`);
}

/** OpenMetrics 1.0 text: every family once (samples together), `# EOF` last. */
export function renderOpenMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    check(f);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    if (f.unit !== '') lines.push(`# UNIT ${f.name} ${f.unit}`);
    lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}`);
    const sampleName = f.type === 'info' ? `${f.name}_info` : f.name;
    for (const s of f.samples) lines.push(sampleLine(sampleName, s));
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** Prometheus text format 0.0.4 (no UNIT, no EOF; info families become `<name>_info` gauges). */
export function renderPrometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    check(f);
    const name = f.type === 'info' ? `${f.name}_info` : f.name;
    lines.push(`# HELP ${name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    lines.push(`# TYPE ${name} gauge`);
    for (const s of f.samples) lines.push(sampleLine(name, s));
  }
  return `${lines.join('\n')}\n`;
}
