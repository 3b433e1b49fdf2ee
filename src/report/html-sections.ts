/** The HTML report's sections: verdict table, provider selection, charts and where the data came from. */
import type { ChartSpec } from './chart-spec.js';
import { formatGap, formatMetric, formatMs, formatPercent, formatRange, formatScore } from './format-values.js';
import { html, type SafeHtml } from './html-escape.js';
import { PROVIDER_PALETTE } from './provider-colors.js';
import { popLabels } from './pop-label.js';
import type { ProviderReport, ReportModel, ScenarioInfo, VerdictValue } from './report-model.js';
import { VERDICT_METRICS, VERDICT_METRIC_IDS, type VerdictMetricId } from './verdict-metrics.js';
import { generatorWarnings } from './generator-warnings.js';


function swatch(model: ReportModel, id: string): SafeHtml {
  const i = model.providers.findIndex((p) => p.id === id);
  return html`<span class="swatch c${String(Math.max(0, i) % PROVIDER_PALETTE.length)}" aria-hidden="true"></span>`;
}

function intervalNote(id: VerdictMetricId, v: VerdictValue): string {
  // A censored value's range is "from the window on": the "> " before the value already says so.
  if (v.censored === true) return '';
  if (v.interval === null || (v.interval.low === v.value && v.interval.high === v.value)) return '';
  const range = formatRange(id, v.interval.low, v.interval.high);
  return v.basis === 'runs' ? `${range} over ${v.runs} runs` : `CI ${range}`;
}

function verdictCell(model: ReportModel, p: ProviderReport, id: VerdictMetricId): SafeHtml {
  const v = p.verdict[id];
  if (v === undefined) return html`<td>—</td>`;
  const standing = model.ranking.providers.find((r) => r.id === p.id)?.metrics[id];
  // ★ only for a lead beyond noise; a best value others are within noise of is a tie.
  const best = standing?.clearlyBest === true;
  const tie = standing?.tiedBest === true;
  const partly = id === 'invalidation-t95' && p.invalidationConverged !== null && p.invalidationConverged < 1;
  const window = p.invalidation?.windowMs ?? null;
  const notes = [
    partly ? `${formatPercent(p.invalidationConverged, 0)} of ${p.invalidation?.pairs ?? '?'} pairs converged${window === null ? '' : ` in the ${formatMs(window)} window`}` : '',
    id === 'small-p95' && p.latency !== null ? `${p.latency.count.toLocaleString('en-US')} responses${p.errors?.percentilesExcludeFailures === true ? ', successful only' : ', failed included'}` : '',
    id === 'cost-per-1m' && p.cost !== null ? (p.cost.steady?.perMillionSessionsUsd != null ? 'steady state, after warm-up' : 'whole run, cold start included') : '',
    tie ? 'tie: within noise of the best' : '',
    intervalNote(id, v),
  ].filter((n) => n !== '');
  const value = `${v.censored === true ? '> ' : ''}${formatMetric(id, v.value)}`;
  return html`<td class="${best ? 'best' : tie ? 'tie' : ''}">${best ? html`<span class="star" title="best beyond noise">★</span>` : ''}${value}${notes.map((n) => html`<small>${n}</small>`)}</td>`;
}

/** The at-a-glance table: one row per provider in rank order, the best value of each column starred. */
export function verdictSection(model: ReportModel): SafeHtml {
  const order = model.ranking.providers.map((r) => r.id);
  const rows = [...model.providers].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const rec = model.ranking.recommendation;
  return html`<section id="verdict"><h2>Verdict</h2>
<p class="verdict${rec.withinNoise ? ' noise' : ''}">${rec.text}</p>
${generatorWarnings(model).map((w) => html`<p class="warn">Load generator: ${w}</p>`)}
<div class="table-wrap"><table><thead><tr><th>#</th><th class="l">Provider</th>${VERDICT_METRIC_IDS.map((id) => html`<th>${VERDICT_METRICS[id].label}</th>`)}<th>Score</th></tr></thead>
<tbody>${rows.map((p) => {
    const r = model.ranking.providers.find((x) => x.id === p.id);
    const out = r !== undefined && !r.eligible;
    return html`<tr class="${out ? 'ineligible' : ''}"><td>${r?.rank ?? '—'}</td><td class="l">${swatch(model, p.id)}${p.id}${out ? html`<small class="bad">not eligible: ${r.ineligibleReason ?? ''}</small>` : ''}</td>${VERDICT_METRIC_IDS.map((id) => verdictCell(model, p, id))}<td>${r === undefined ? '—' : formatScore(r.score)}</td></tr>`;
  })}</tbody></table></div>
<p class="note">Error budget ${formatPercent(model.ranking.errorBudget, 2)}: a provider whose error rate is above it is ranked last and never recommended. ★ best in the column by more than the noise; "tie" when others are within noise of the best. Small-object p95 is over successful responses (failed ones are shown apart under Errors). "&gt;" marks a lower bound: invalidation not converged within the probe window, scored at the window (Kaplan–Meier). CI: the 95 % confidence interval of the value (order statistics for percentiles, Wilson for the hit ratio); with several results per provider, the range over the runs (their spread and the CI of the merged data). Coalescing and cost from one run carry no noise estimate. Columns come from: ${VERDICT_METRIC_IDS.map((id, i) => html`${i > 0 ? ', ' : ''}${VERDICT_METRICS[id].noun} — ${model.metricSources[id] ?? 'not measured'}`)}.</p></section>`;
}

/** Provider selection: score, gap to the best per weighted metric, strengths. */
export function rankingSection(model: ReportModel): SafeHtml {
  const weighted = VERDICT_METRIC_IDS.filter((m) => model.ranking.weights[m] !== undefined);
  return html`<section id="selection"><h2>Provider selection</h2>
<div class="table-wrap"><table><thead><tr><th>#</th><th class="l">Provider</th><th>Score</th>${weighted.map((m) => html`<th>${VERDICT_METRICS[m].noun}<small>weight ${Math.round((model.ranking.weights[m] ?? 0) * 100)} %</small></th>`)}<th class="l">Strengths</th></tr></thead>
<tbody>${model.ranking.providers.map((r) => html`<tr><td>${r.rank}</td><td class="l">${swatch(model, r.id)}${r.id}</td><td>${formatScore(r.score)}</td>${weighted.map((m) => {
    const s = r.metrics[m];
    return s === undefined ? html`<td>—</td>` : html`<td class="${s.clearlyBest ? 'best' : ''}">${s.clearlyBest ? '★ best' : s.tiedBest ? 'tie' : formatGap(m, s.gap, s.gapRelative)}<small>score ${formatScore(s.score)}${s.withinNoiseOfBest && !s.best ? ' · within noise of best' : ''}${s.censored === true ? ' · lower bound' : ''}</small></td>`;
  })}<td class="l wrap">${r.eligible ? '' : html`<small class="bad">not eligible: ${r.ineligibleReason ?? ''}</small>`}${r.strengths.length === 0 ? '—' : r.strengths.map((m) => VERDICT_METRICS[m].noun).join(', ')}</td></tr>`)}</tbody></table></div>
<p class="note">Each metric scores best ÷ value (value ÷ best for the hit ratio): 1 for the best, 0.5 at twice the best. The score is the weighted mean; a metric not measured for every provider is left out. Gap: how far from the best, absolute and relative. Strengths: metrics where the provider is best or within noise of the best, among metrics that separate the providers.</p></section>`;
}

/** Which charts take the full width: the wide ones, and a half-width chart that would be alone in its row. */
function fullWidth(specs: readonly ChartSpec[]): boolean[] {
  const wide = specs.map((s) => s.wide === true);
  let run = 0;
  specs.forEach((_, i) => {
    if (wide[i] === true) run = 0;
    else run += 1;
    const endOfRun = i === specs.length - 1 || wide[i + 1] === true;
    if (wide[i] !== true && endOfRun && run % 2 === 1) wide[i] = true;
  });
  return wide;
}

/** One figure per chart spec; the canvas is drawn by the client script. */
export function chartsSection(specs: readonly ChartSpec[]): SafeHtml {
  const wide = fullWidth(specs);
  return html`<section id="charts"><h2>Charts</h2><div class="charts">${specs.map((s, i) => {
    const h = s.heightFactor === undefined || s.heightFactor <= 1.2 ? '' : s.heightFactor <= 2 ? ' h2' : ' h3';
    return html`<figure class="${wide[i] === true ? 'wide' : ''}"><h3>${s.title}</h3><div class="chart${h}"><canvas id="chart-${s.id}" role="img" aria-label="${s.title}">${s.caption}</canvas></div><figcaption>${s.caption}</figcaption></figure>`;
  })}</div></section>`;
}

function scenarioBlock(s: ScenarioInfo): SafeHtml {
  const list = (xs: readonly string[]): string => (xs.length === 0 ? '—' : xs.join(', '));
  return html`<h3>${s.name}</h3><dl>
<dt>file</dt><dd>${s.file ?? '—'}${s.sha256 === null ? '' : html` <code>sha256 ${s.sha256.slice(0, 12)}</code>`}</dd>
<dt>results merged</dt><dd>${s.results} (${list(s.runIds)})</dd>
<dt>agents</dt><dd>${list(s.agents.map((a) => (a.region === '' ? a.name : `${a.name} (${a.region})`)))}</dd>
<dt>when</dt><dd>${s.startedAt} → ${s.endedAt} (${formatMs(s.durationMs)})</dd>
<dt>engine, model</dt><dd>${list(s.engines)}, ${list(s.models)}</dd>
<dt>versions</dt><dd>cdnbench ${list(s.cdnbenchVersions)}, Node.js ${list(s.nodeVersions)}</dd>
<dt>host</dt><dd>${list(s.hosts)}</dd>
<dt>commit</dt><dd><code>${list(s.gitCommits)}</code></dd>
<dt>providers</dt><dd>${list(s.providers)}</dd>
<dt>small objects</dt><dd>bodies ≤ ${s.smallObjectMaxBytes} bytes</dd>
<dt>load generator</dt><dd>${s.generator === null ? '—' : `event-loop lag p99 ${s.generator.loopLagP99Ms} ms, max ${s.generator.loopLagMaxMs} ms; CPU ${s.generator.cpuPercent} % of a core; ${s.generator.lateSessions} of ${s.generator.startedSessions} sessions late`}</dd>
<dt>stopped</dt><dd>${list(s.stopReasons)}${s.failures.length > 0 ? ` — ${s.failures.join('; ')}` : ''}</dd>
</dl>`;
}

/** Where every figure came from: scenario, runs, versions, dates, hosts, commits; and each provider's PoPs. */
export function sourcesSection(model: ReportModel): SafeHtml {
  return html`<section id="sources"><h2>Where the data came from</h2>${model.scenarios.map(scenarioBlock)}
<h3>Providers</h3><dl>${model.providers.map((p) => html`<dt>${swatch(model, p.id)}${p.id}</dt><dd>${p.kind === '' ? '' : `${p.kind}, ${p.dialect} headers; `}PoPs: ${popLabels(p.pops).map((l, i) => (l === p.pops[i] ? l : `${l} (${p.pops[i] ?? ''})`)).join(', ') || '—'}</dd>`)}</dl></section>`;
}

