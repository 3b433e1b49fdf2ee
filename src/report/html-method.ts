/**
 * The HTML report's provenance banner and the sections that say how the figures were made: errors (with
 * failed-request latency apart), cost (steady state against cold start, and why a term is zero), and the
 * methodology (phases and rates, the samples behind each figure, probe windows, cache state, noise method).
 */
import { formatMs, formatPercent, formatUsd } from './format-values.js';
import { html, type SafeHtml } from './html-escape.js';
import type { ProviderReport, ReportModel } from './report-model.js';

/** The banner at the top: what kind of system was measured, when, which scenario, how long, how many agents. */
export function bannerSection(model: ReportModel): SafeHtml {
  const emulated = model.providers.some((p) => p.kind === 'emulator');
  return html`<div class="banner" id="provenance" role="note">Measured on: ${model.provenance.line}${emulated ? html`<small>Emulated archetypes are models of CDN families built into cdnbench, not real CDNs: use them to learn the tool and the method, not to choose a vendor.</small>` : ''}</div>`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Errors per provider by class, the rate against the budget, and failed-request latency apart. */
export function errorsSection(model: ReportModel): SafeHtml {
  const rows = model.providers.filter((p) => p.errors !== null);
  return html`<section id="errors"><h2>Errors</h2>
<div class="table-wrap"><table><thead><tr><th class="l">Provider</th><th>Requests</th><th>Error rate</th><th>4xx</th><th>5xx</th><th>Timeouts</th><th>Network</th><th>Aborted by the run</th><th>Failed-request p50</th><th>Failed-request p95</th></tr></thead>
<tbody>${rows.map((p) => {
    const e = p.errors;
    if (e === null) return '';
    const over = e.rate > model.ranking.errorBudget;
    return html`<tr class="${over ? 'ineligible' : ''}"><td class="l">${p.id}${over ? html`<small class="bad">over the ${formatPercent(model.ranking.errorBudget, 2)} budget</small>` : ''}</td><td>${count(e.requests)}</td><td>${formatPercent(e.rate, 2)}</td><td>${count(e.classes['4xx'])}</td><td>${count(e.classes['5xx'])}</td><td>${count(e.classes.timeout)}</td><td>${count(e.classes.network)}</td><td>${count(e.aborted)}</td><td>${formatMs(e.failedLatency.p50Ms)}</td><td>${formatMs(e.failedLatency.p95Ms)}</td></tr>`;
  })}</tbody></table></div>
<p class="note">An error is a response with status 4xx or 5xx, a timeout, or another network failure; requests the run aborted itself (its end, Ctrl-C) are not the provider's failure and are left out. Latency percentiles elsewhere in this report are over successful responses only${rows.some((p) => p.errors?.percentilesExcludeFailures === false) ? ' (except results recorded before failed responses were kept apart: there they include them)' : ''}; failed responses — often fast errors that would flatter a p95 — are timed here on their own.</p></section>`;
}

function costRow(p: ProviderReport): SafeHtml {
  const c = p.cost;
  if (c === null) return html``;
  const steady = c.steady;
  return html`<tr><td class="l">${p.id}</td><td>${formatUsd(c.perMillionSessionsUsd)}</td><td>${formatUsd(steady?.perMillionSessionsUsd ?? null)}</td><td>${formatUsd(c.monthlyUsd)}</td><td>${formatUsd(steady?.monthlyUsd ?? null)}</td><td class="l wrap">${c.zeroTerms.length === 0 ? '—' : c.zeroTerms.join('; ')}</td></tr>`;
}

/** Cost: the whole run (cold start included) beside the steady state, and why any term is $0. */
export function costSection(model: ReportModel): SafeHtml {
  const priced = model.providers.filter((p) => p.cost !== null);
  if (priced.length === 0) return html``;
  const steady = priced.find((p) => p.cost?.steady != null)?.cost?.steady ?? null;
  return html`<section id="cost"><h2>Cost</h2>
<div class="table-wrap"><table><thead><tr><th class="l">Provider</th><th>Per 1M sessions<small>whole run, cold start</small></th><th>Per 1M sessions<small>steady state</small></th><th>Monthly<small>whole run, cold start</small></th><th>Monthly<small>steady state</small></th><th class="l">Zero terms</th></tr></thead>
<tbody>${priced.map(costRow)}</tbody></table></div>
<p class="note">${steady === null
    ? 'The run declared no warm-up, so every figure includes the cold start: caches began empty and the misses\' origin egress weighs more than in a month of warm traffic. Declare one (scenario verdict.warmUp, or a first phase named warm…) to get the steady-state projection.'
    : `Steady state: the load after the first ${formatMs(steady.fromMs)} (warm-up), per session (requests after warm-up ÷ the run's requests per session), origin bytes in proportion to the cold responses after warm-up. The verdict's cost column and the monthly chart use the steady state; the whole run's figures are beside it.`}</p></section>`;
}

/** How every figure was made: phases, samples, probe windows, cache state, the noise method. */
export function methodologySection(model: ReportModel): SafeHtml {
  const phases = [...new Set(model.providers.flatMap((p) => (p.timeline?.events ?? []).filter((e) => e.kind === 'phase').map((e) => `${e.label} from ${formatMs(e.atMs)}`)))];
  const inv = model.providers.filter((p) => p.invalidation !== null);
  return html`<section id="methodology"><h2>Methodology</h2><dl>
<dt>measured on</dt><dd>${model.provenance.source}</dd>
<dt>scenarios</dt><dd>${model.scenarios.map((s) => `${s.name}: ${formatMs(s.durationMs)}, ${s.results} result${s.results === 1 ? '' : 's'}, ${s.agents.length} agent${s.agents.length === 1 ? '' : 's'}, ${s.engines.join(', ')} engine, ${s.models.join(', ')} model`).join('; ')}</dd>
<dt>phases and rates</dt><dd>${phases.length === 0 ? 'not recorded in these results' : phases.join('; ')}</dd>
<dt>cache state at start</dt><dd>${model.providers.some((p) => p.kind === 'emulator' || p.kind === 'lab-engine') ? 'lab caches start empty for every provider (each gets its own fresh lab); ' : ''}${model.providers.some((p) => !['emulator', 'lab-engine'].includes(p.kind)) ? 'staging and CDN caches are as the run found them (not purged first); ' : ''}the hit ratio over time shows the warm-up.</dd>
<dt>samples behind each figure</dt><dd>${model.providers.map((p) => `${p.id}: ${count(p.latency?.count ?? 0)} successful small-object responses behind p95, ${count(p.errors?.requests ?? 0)} requests behind the error rate${p.invalidation === null ? '' : `, ${p.invalidation.pairs} (object × PoP) pairs behind invalidation t95`}`).join('; ')}</dd>
<dt>invalidation probe</dt><dd>${inv.length === 0 ? 'not measured' : inv.map((p) => `${p.id}: ${p.invalidation?.strategy ?? ''}, ${p.invalidation?.pairs ?? 0} pairs polled every ${formatMs(p.invalidation?.intervalMs ?? null)} for up to ${formatMs(p.invalidation?.windowMs ?? null)}`).join('; ')}. Pairs not converged by the end of the window are right-censored: t95 is the Kaplan–Meier estimate, a lower bound ("&gt; window") when fewer than 95 % converged.</dd>
<dt>latency</dt><dd>intended start → last byte (coordinated-omission corrected in the open model), HDR histograms at 3 significant digits, merged exactly across agents; over-time charts from one HDR histogram per second.</dd>
<dt>noise</dt><dd>one result: 95 % confidence intervals (order statistics for percentiles, Wilson for hit and error ratios); several results of a provider: the range over the runs as well. A lead counts only when the leader still wins with its figures at the unfavourable ends of their intervals and the runner-up's at the favourable ends; otherwise "no clear winner" and "tie".</dd>
<dt>error budget</dt><dd>${formatPercent(model.ranking.errorBudget, 2)} of requests (--error-budget, or the scenario's verdict.errorBudget)</dd>
</dl></section>`;
}
