/**
 * Where thresholds are written: a scenario's `thresholds:` list or an `--slo` file with the same list.
 * An item is a threshold string, or `{ threshold, abortOnFail?, delayAbortEval? }` as in k6. k6's map form
 * `{ metric{tags}: ["p(95)<200"] }` is accepted too (k6-threshold-map.ts translates it).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidConfigError, describeError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { parseYamlText } from '../util/yaml-file.js';
import { formatZodIssues } from '../util/zod-issues.js';
import { k6ExpressionToThreshold } from './k6-threshold-map.js';
import { parseThreshold } from './parse-threshold.js';
import type { Threshold } from './threshold.js';
import { ThresholdSyntaxError } from './threshold-syntax-error.js';

/** A threshold with how long to wait before its abortOnFail may stop the run. */
export interface ThresholdRule {
  threshold: Threshold;
  /** abortOnFail is not evaluated during the first this-many ms of each provider's load. */
  delayAbortEvalMs: number;
}

const thresholdText = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseThreshold(text);
    } catch (err) {
      if (!(err instanceof ThresholdSyntaxError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.reason });
    }
  })
  .describe('metric{tag:value} op value[unit], e.g. small_object_p95{pop:*} < 50ms (docs/ci.md "Thresholds")');

/** One item of a `thresholds:` list. */
export const thresholdItemSchema = z.union([
  thresholdText,
  z
    .strictObject({
      threshold: thresholdText,
      abortOnFail: z.boolean().optional().describe('Stop the run as soon as the live figures fail this threshold'),
      delayAbortEval: z
        .string()
        .refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 500ms, 30s, 2m or 1h' })
        .optional()
        .describe('Do not abort during this long after each provider starts (the figures are still noisy)'),
    })
    .refine((o) => o.delayAbortEval === undefined || o.abortOnFail === true, {
      message: 'delayAbortEval only applies with abortOnFail: true',
      path: ['delayAbortEval'],
    }),
]);

/** A `thresholds:` item as written. */
export type ThresholdItem = z.output<typeof thresholdItemSchema>;

const k6MapItem = z.union([
  z.string(),
  z.strictObject({ threshold: z.string(), abortOnFail: z.boolean().optional(), delayAbortEval: z.string().optional() }),
]);

/** k6's map form: metric (with optional {tags}) → its expressions, e.g. { "small_object{cache:warm}": ["p(95)<50"] }. */
const k6MapSchema = z
  .record(z.string(), z.array(k6MapItem))
  .superRefine((map, ctx) => {
    for (const [key, items] of Object.entries(map)) {
      items.forEach((item, i) => {
        const issue = mapItemProblem(key, item);
        if (issue !== null) ctx.addIssue({ code: 'custom', path: [key, i], message: issue });
      });
    }
  })
  .describe('k6 map form: { "metric{tag:value}": ["p(95)<200", "max<1s"] } (a bare number is ms, as in k6)');

/** `thresholds:` as a list of cdnbench thresholds, or k6's map of metric → expressions. */
export const thresholdsSchema = z.union([z.array(thresholdItemSchema), k6MapSchema]);

/** `thresholds:` as written, in either form. */
export type Thresholds = z.output<typeof thresholdsSchema>;

function mapItemToListItem(key: string, item: z.output<typeof k6MapItem>): ThresholdItem {
  if (typeof item === 'string') return k6ExpressionToThreshold(key, item);
  return { ...item, threshold: k6ExpressionToThreshold(key, item.threshold) };
}

function mapItemProblem(key: string, item: z.output<typeof k6MapItem>): string | null {
  let listItem: ThresholdItem;
  try {
    listItem = mapItemToListItem(key, item);
  } catch (err) {
    return describeError(err);
  }
  const checked = thresholdItemSchema.safeParse(listItem);
  if (checked.success) return null;
  const text = typeof listItem === 'string' ? listItem : listItem.threshold;
  return `read as "${text}": ${formatZodIssues(checked.error).join('; ')}`;
}

/** The list form of already-validated thresholds (k6's map form translated, in key order). */
export function thresholdList(thresholds: Thresholds): ThresholdItem[] {
  if (Array.isArray(thresholds)) return thresholds;
  return Object.entries(thresholds).flatMap(([key, items]) => items.map((item) => mapItemToListItem(key, item)));
}

/** Parsed rules of already-validated thresholds, in either form. */
export function thresholdRules(thresholds: Thresholds): ThresholdRule[] {
  return thresholdList(thresholds).map((item) => {
    if (typeof item === 'string') return { threshold: parseThreshold(item), delayAbortEvalMs: 0 };
    return {
      threshold: parseThreshold(item.threshold, { abortOnFail: item.abortOnFail === true }),
      delayAbortEvalMs: item.delayAbortEval === undefined ? 0 : (parseDuration(item.delayAbortEval) ?? 0),
    };
  });
}

const sloFileSchema = z.strictObject({
  thresholds: thresholdsSchema.refine((t) => thresholdList(t).length > 0, { message: 'expected at least one threshold' }),
});

/** Reads an `--slo` file (YAML or JSON: `thresholds: [...]` or k6's `thresholds: {metric: [...]}`); every problem is listed with its path (exit 104). */
export async function loadSloFile(file: string): Promise<ThresholdRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidConfigError(`cannot read SLO file ${file}: ${describeError(err)}`, [], 'INVALID_THRESHOLD');
  }
  const raw = parseYamlText(text, `SLO file ${file}`, 'INVALID_THRESHOLD');
  const parsed = sloFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const details = formatZodIssues(parsed.error);
    throw new InvalidConfigError(`invalid SLO file ${file}: ${details.length} problem${details.length === 1 ? '' : 's'}`, details, 'INVALID_THRESHOLD');
  }
  return thresholdRules(parsed.data.thresholds);
}
