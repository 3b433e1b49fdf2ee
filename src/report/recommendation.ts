/**
 * The recommendation sentence of the ranking: it names the leader only when the numbers support it, says
 * which measured figures carry the lead and where the runner-up is better, and says plainly when the two
 * are within noise of each other. Pure text from the ranking: no judgement the numbers do not carry.
 */
import { formatPair, formatScore } from './format-values.js';
import type { RankedProvider } from './ranking.js';
import { VERDICT_METRICS, VERDICT_METRIC_IDS, isBetter, type VerdictMetricId } from './verdict-metrics.js';

/** What the ranking recommends. */
export interface Recommendation {
  /** The first-ranked provider, when there is a score. */
  winner: string | null;
  /** The second-ranked provider, when there are two or more. */
  runnerUp: string | null;
  /** True when the order of the first two could flip within their noise intervals: the data does not separate them. */
  withinNoise: boolean;
  /** The noise test's scores: the winner's figures at the unfavourable ends, the runner-up's at the favourable ends. */
  stress: { winner: number; runnerUp: number } | null;
  /** One paragraph for people. */
  text: string;
  /** The verdict in one line (what `run` prints): "Choose X …" or "No clear winner: …". */
  headline: string;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function overlapping(a: RankedProvider, b: RankedProvider, m: VerdictMetricId): boolean {
  const x = a.metrics[m];
  const y = b.metrics[m];
  if (x === undefined || y === undefined) return false;
  const xi = x.interval ?? { low: x.value, high: x.value };
  const yi = y.interval ?? { low: y.value, high: y.value };
  return xi.low <= yi.high && yi.low <= xi.high;
}

function pair(a: RankedProvider, b: RankedProvider, m: VerdictMetricId): string {
  const [xs, ys] = formatPair(m, a.metrics[m]?.value ?? Number.NaN, b.metrics[m]?.value ?? Number.NaN);
  const cx = a.metrics[m]?.censored === true ? '> ' : '';
  const cy = b.metrics[m]?.censored === true ? '> ' : '';
  return `${VERDICT_METRICS[m].noun} (${cx}${xs} vs ${cy}${ys})`;
}

/** "small-object p95 (91.6 ms vs 100 ms)" for each metric where `a` beats `b` by more than the noise. */
function leads(a: RankedProvider, b: RankedProvider, metrics: readonly VerdictMetricId[]): string[] {
  return metrics.flatMap((m) => {
    const x = a.metrics[m];
    const y = b.metrics[m];
    if (x === undefined || y === undefined || !isBetter(VERDICT_METRICS[m].better, x.value, y.value) || overlapping(a, b, m)) return [];
    return [pair(a, b, m)];
  });
}

/** Metrics where the two differ by no more than the noise: a tie, whichever value is lower. */
function ties(a: RankedProvider, b: RankedProvider, metrics: readonly VerdictMetricId[]): string[] {
  return metrics.flatMap((m) => (a.metrics[m] !== undefined && b.metrics[m] !== undefined && overlapping(a, b, m) ? [pair(a, b, m)] : []));
}

function ineligibleNote(providers: readonly RankedProvider[]): string {
  const out = providers.filter((p) => !p.eligible);
  return out.length === 0 ? '' : ` Not eligible: ${out.map((p) => `${p.id}: ${p.ineligibleReason ?? "over the error budget"}`).join("; ")}.`;
}

function weightsNote(weights: Partial<Record<VerdictMetricId, number>>, excluded: readonly { metric: VerdictMetricId; reason: string }[]): string {
  // Heaviest first; equal weights keep column order (sort is stable).
  const ids = VERDICT_METRIC_IDS.filter((m) => weights[m] !== undefined).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0));
  const used = ids.map((m) => `${VERDICT_METRICS[m].noun} ${Math.round((weights[m] ?? 0) * 100)} %`);
  const left = excluded.map((e) => `${VERDICT_METRICS[e.metric].noun} (${e.reason})`);
  return `Weights: ${list(used)}.${left.length > 0 ? ` Left out of the score: ${list(left)}.` : ''}`;
}

/** The recommendation for ranked providers (best first). */
export function recommend(
  providers: readonly RankedProvider[],
  weights: Partial<Record<VerdictMetricId, number>>,
  excluded: readonly { metric: VerdictMetricId; reason: string }[],
  stress: { winner: number; runnerUp: number } | null,
  errorBudget = 0.01,
): Recommendation {
  const [w, r] = providers.filter((p) => p.eligible);
  const scored = VERDICT_METRIC_IDS.filter((m) => weights[m] !== undefined);
  const gate = ineligibleNote(providers);
  if (providers.length === 0) return { winner: null, runnerUp: null, withinNoise: false, stress: null, text: 'No provider was measured.', headline: 'No provider was measured.' };
  const budget = `${(errorBudget * 100).toFixed(2)} %`;
  const shortGate = providers.filter((p) => !p.eligible).map((p) => `${p.id} not eligible (${p.ineligibleReason ?? 'over the error budget'})`).join('; ');
  const head = (line: string): string => (shortGate === '' ? line : `${line}; ${shortGate}`);
  if (w === undefined) {
    const line = `No clear winner: no provider is within the ${budget} error budget, so none is recommended.`;
    return { winner: null, runnerUp: null, withinNoise: false, stress: null, text: `${line}${gate}`, headline: head(line.slice(0, -1)) };
  }
  if (scored.length === 0) {
    return { winner: null, runnerUp: null, withinNoise: false, stress: null, text: `No weighted metric was measured for every provider, so there is no score. ${weightsNote(weights, excluded)}`, headline: 'No clear winner: no weighted metric was measured for every provider' };
  }
  if (r === undefined) {
    const text = providers.length > 1 ? `Choose ${w.id}: it is the only provider within the error budget.${gate}` : `Only ${w.id} was measured, so there is nothing to choose between.`;
    const line = providers.length > 1 ? `Choose ${w.id}: the only provider within the ${budget} error budget` : `Only ${w.id} was measured`;
    return { winner: w.id, runnerUp: null, withinNoise: false, stress: null, text: `${text} ${weightsNote(weights, excluded)}`, headline: head(line) };
  }
  const s = stress ?? { winner: w.score, runnerUp: r.score };
  const withinNoise = s.runnerUp >= s.winner;
  const stressed = `with ${w.id}'s figures at the unfavourable ends of their noise intervals and ${r.id}'s at the favourable ends, ${r.id} would score ${formatScore(s.runnerUp)} against ${formatScore(s.winner)}`;
  const wClear = leads(w, r, scored);
  const rClear = leads(r, w, scored);
  const tied = ties(w, r, scored);
  const tieNote = tied.length > 0 ? ` Tie on ${list(tied)}: within noise.` : '';
  let text: string;
  if (withinNoise) {
    const clear = [
      ...(wClear.length > 0 ? [`${w.id} is clearly better on ${list(wClear)}`] : []),
      ...(rClear.length > 0 ? [`${r.id} on ${list(rClear)}`] : []),
    ];
    text =
      `No clear winner: ${w.id} leads on the measured values with a score of ${formatScore(w.score)} against ${formatScore(r.score)} for ${r.id}, but the lead is within measurement noise: ${stressed}, so the numbers do not settle the choice.` +
      (clear.length > 0 ? ` ${clear.join('; ')}.` : '') + tieNote +
      ' Repeat the runs (several results per provider narrow the ranges) or decide on what this benchmark does not measure.';
  } else {
    text =
      `Choose ${w.id}: it ranks first with a score of ${formatScore(w.score)} against ${formatScore(r.score)} for ${r.id}, the next best, and the lead is larger than the measurement noise (${stressed}).` +
      (wClear.length > 0 ? ` It is better on ${list(wClear)}` : ` It is not better than ${r.id} beyond noise on any single weighted metric`) +
      (rClear.length > 0 ? `; ${r.id} is better on ${list(rClear)}.` : '.') + tieNote;
  }
  const line = withinNoise
    ? `No clear winner: ${w.id} ${formatScore(w.score)} and ${r.id} ${formatScore(r.score)} are within measurement noise`
    : `Choose ${w.id}: score ${formatScore(w.score)} against ${formatScore(r.score)} for ${r.id}, a lead beyond measurement noise`;
  return { winner: w.id, runnerUp: r.id, withinNoise, stress: s, text: `${text}${gate} ${weightsNote(weights, excluded)}`, headline: head(line) };
}
