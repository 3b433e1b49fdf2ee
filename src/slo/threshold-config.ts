/**
 * Where thresholds are written: a scenario's `thresholds:` list or an `--slo` file with the same list.
 * An item is a threshold string, or `{ threshold, abortOnFail?, delayAbortEval? }` as in k6.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidConfigError, describeError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { parseYamlText } from '../util/yaml-file.js';
import { formatZodIssues } from '../util/zod-issues.js';
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
  .describe('metric{tag:value} op value[unit], e.g. small_object_p95{pop:*} < 50ms (README "Scheduled SLO checks")');

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

/** Parsed rules of already-validated items. */
export function thresholdRules(items: readonly ThresholdItem[]): ThresholdRule[] {
  return items.map((item) => {
    if (typeof item === 'string') return { threshold: parseThreshold(item), delayAbortEvalMs: 0 };
    return {
      threshold: parseThreshold(item.threshold, { abortOnFail: item.abortOnFail === true }),
      delayAbortEvalMs: item.delayAbortEval === undefined ? 0 : (parseDuration(item.delayAbortEval) ?? 0),
    };
  });
}

const sloFileSchema = z.strictObject({ thresholds: z.array(thresholdItemSchema).min(1, { message: 'expected at least one threshold' }) });

/** Reads an `--slo` file (YAML or JSON: `thresholds: [...]`); every problem is listed with its path (exit 104). */
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
