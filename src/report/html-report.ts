/**
 * The self-contained HTML report: one file with chart.js, the script and the chart data inlined, so it
 * opens offline and makes no request anywhere. A strict Content-Security-Policy allows only the inline
 * style and scripts by their hashes (no network, no eval, no injected markup that could run).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { chartSpecs } from './chart-specs.js';
import { CHART_DATA_ID, clientScript } from './html-client.js';
import { html, jsonForScript, SafeHtml } from './html-escape.js';
import { chartsSection, rankingSection, sourcesSection, verdictSection } from './html-sections.js';
import { bannerSection, costSection, errorsSection, methodologySection } from './html-method.js';
import { reportStyles } from './html-styles.js';
import type { ReportModel } from './report-model.js';

let chartJsSource: string | undefined;

/** chart.js's UMD build (with its MIT licence header), read once from the installed package. */
export function chartJsUmd(): string {
  if (chartJsSource === undefined) {
    // chart.js's package exports do not list the UMD file; it sits beside the CommonJS entry.
    const main = createRequire(import.meta.url).resolve('chart.js');
    chartJsSource = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
    // The file goes inside a <script> element; it must not be able to close it.
    if (/<\/script/i.test(chartJsSource)) throw new Error('chart.umd.min.js contains "</script" and cannot be inlined');
  }
  return chartJsSource;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The report as one HTML document. */
export function renderHtml(model: ReportModel): string {
  const specs = chartSpecs(model);
  const styles = reportStyles();
  const chartJs = chartJsUmd();
  const script = clientScript();
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(chartJs)} ${sha256(script)}`,
    `style-src ${sha256(styles)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${model.generator}">
<title>${model.title}</title>
<style>${new SafeHtml(styles)}</style>
</head><body><main>
<header><h1>${model.title}</h1><p class="sub">${model.providers.length} provider${model.providers.length === 1 ? '' : 's'} · generated ${model.generatedAt} by ${model.generator}</p></header>
${bannerSection(model)}
${verdictSection(model)}
${rankingSection(model)}
${errorsSection(model)}
${costSection(model)}
${chartsSection(specs)}
${methodologySection(model)}
${sourcesSection(model)}
<footer>cdnbench report, format ${model.reportVersion}. Charts drawn by Chart.js (MIT licence), inlined. This file loads nothing from the network.</footer>
</main>
<script type="application/json" id="${CHART_DATA_ID}">${new SafeHtml(jsonForScript(specs))}</script>
<script>${new SafeHtml(chartJs)}</script>
<script>${new SafeHtml(script)}</script>
</body></html>
`;
  return page.value;
}
