/**
 * The report formats as a plain typed registry: each renders a report model into files under a folder and
 * returns their paths. `cdnbench report --format` and `run --report` pick from these names.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { chartSpecs } from './chart-specs.js';
import { renderHtml } from './html-report.js';
import { renderJson } from './json-report.js';
import { renderMarkdown } from './markdown-report.js';
import type { ReportModel } from './report-model.js';

/** One output format. */
export interface Reporter {
  /** What it writes, for --help. */
  readonly description: string;
  render(model: ReportModel, outDir: string): Promise<string[]>;
}

function textFile(name: string, render: (m: ReportModel) => string): Reporter['render'] {
  return async (model, outDir) => {
    const path = join(outDir, name);
    await writeFileAtomic(path, render(model));
    return [path];
  };
}

/** Every format by name, in the order they are written. */
export const REPORTERS = {
  html: { description: 'report.html: self-contained, offline, charts drawn by inlined chart.js', render: textFile('report.html', renderHtml) },
  png: {
    description: 'charts/<chart>.png: each chart at 1600×900',
    // Loaded on use: the canvas binding and chart.js cost startup time every other command would pay.
    render: async (model, outDir) => (await import('./png-report.js')).writeChartPngs(chartSpecs(model), outDir, `${model.provenance.line} · ${model.generator}`),
  },
  csv: {
    description: 'report.csv: one row per scenario × provider × PoP × object class × metric',
    // Loaded on use, like png: csv-stringify is not needed by a run that writes no CSV.
    render: async (model, outDir) => textFile('report.csv', (await import('./csv-report.js')).renderCsv)(model, outDir),
  },
  md: { description: 'report.md: verdict table, recommendation and key figures', render: textFile('report.md', renderMarkdown) },
  json: { description: 'report.json: the report model', render: textFile('report.json', renderJson) },
} as const satisfies Record<string, Reporter>;

/** A report format name. */
export type ReportFormat = keyof typeof REPORTERS;

/** Every format name, in writing order. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

const isFormat = (v: string): v is ReportFormat => Object.hasOwn(REPORTERS, v);

/** Parses "html,png,csv" (any order, repeats ignored; "all" = every format) into formats in writing order. */
export function parseFormats(text: string, option = '--format'): ReportFormat[] {
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (names.includes('all')) return [...REPORT_FORMATS];
  const bad = names.filter((n) => !isFormat(n));
  if (bad.length > 0 || names.length === 0) {
    throw new UsageError(`${option}: ${bad.length > 0 ? `unknown format "${bad[0] ?? ''}"` : 'no format given'} (known: ${REPORT_FORMATS.join(', ')}, all)`);
  }
  return REPORT_FORMATS.filter((f) => names.includes(f));
}

/** Writes `formats` of `model` into `outDir`; returns every path written, in format order. */
export async function writeReports(model: ReportModel, outDir: string, formats: readonly ReportFormat[]): Promise<string[]> {
  const paths: string[] = [];
  for (const f of formats) paths.push(...(await REPORTERS[f].render(model, outDir)));
  return paths;
}
