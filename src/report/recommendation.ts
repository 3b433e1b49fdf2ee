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
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** "small-object p95 (91.6 ms vs 100 ms)" for each metric where `a` beats `b`; `clear` keeps only leads beyond noise. */
function leads(a: RankedProvider, b: RankedProvider, metrics: readonly VerdictMetricId[], clear: boolean): string[] {
  return metrics.flatMap((m) => {
    const x = a.metrics[m];
    const y = b.metrics[m];
    if (x === undefined || y === undefined || !isBetter(VERDICT_METRICS[m].better, x.value, y.value)) return [];
    const xi = x.interval ?? { low: x.value, high: x.value };
    const yi = y.interval ?? { low: y.value, high: y.value };
    const overlap = xi.low <= yi.high && yi.low <= xi.high;
    if (clear && overlap) return [];
    const [xs, ys] = formatPair(m, x.value, y.value);
    return [`${VERDICT_METRICS[m].noun} (${xs} vs ${ys}${overlap ? ', within noise' : ''})`];
  });
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
): Recommendation {
  const [w, r] = providers;
  const scored = VERDICT_METRIC_IDS.filter((m) => weights[m] !== undefined);
  if (w === undefined) return { winner: null, runnerUp: null, withinNoise: false, stress: null, text: 'No provider was measured.' };
  if (scored.length === 0) {
    return { winner: null, runnerUp: null, withinNoise: false, stress: null, text: `No weighted metric was measured for every provider, so there is no score. ${weightsNote(weights, excluded)}` };
  }
  if (r === undefined) {
    return { winner: w.id, runnerUp: null, withinNoise: false, stress: null, text: `Only ${w.id} was measured, so there is nothing to choose between. ${weightsNote(weights, excluded)}` };
  }
  const s = stress ?? { winner: w.score, runnerUp: r.score };
  const withinNoise = s.runnerUp >= s.winner;
  const stressed = `with ${w.id}'s figures at the unfavourable ends of their noise intervals and ${r.id}'s at the favourable ends, ${r.id} would score ${formatScore(s.runnerUp)} against ${formatScore(s.winner)}`;
  const wClear = leads(w, r, scored, true);
  const rClear = leads(r, w, scored, true);
  let text: string;
  if (withinNoise) {
    const clear = [
      ...(wClear.length > 0 ? [`${w.id} is clearly better on ${list(wClear)}`] : []),
      ...(rClear.length > 0 ? [`${r.id} on ${list(rClear)}`] : []),
    ];
    text =
      `${w.id} leads on the measured values with a score of ${formatScore(w.score)} against ${formatScore(r.score)} for ${r.id}, but the lead is within measurement noise: ${stressed}, so the numbers do not settle the choice.` +
      (clear.length > 0 ? ` ${clear.join('; ')}.` : '') +
      ' Repeat the runs (several results per provider narrow the ranges) or decide on what this benchmark does not measure.';
  } else {
    const wLeads = leads(w, r, scored, false);
    const rLeads = leads(r, w, scored, false);
    text =
      `Choose ${w.id}: it ranks first with a score of ${formatScore(w.score)} against ${formatScore(r.score)} for ${r.id}, the next best, and the lead is larger than the measurement noise (${stressed}).` +
      (wLeads.length > 0 ? ` It is better on ${list(wLeads)}` : ` It is not better than ${r.id} on any single weighted metric`) +
      (rLeads.length > 0 ? `; ${r.id} is better on ${list(rLeads)}.` : '.');
  }
  return { winner: w.id, runnerUp: r.id, withinNoise, stress: s, text: `${text} ${weightsNote(weights, excluded)}` };
}
