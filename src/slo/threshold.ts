/**
 * The threshold contract shared by the SLO checker and the k6 exporter: one parsed threshold of a
 * scenario's `thresholds:` list or an `--slo` file (parse-threshold.ts turns the text into this).
 */

/** One parsed threshold. Values are in base units: milliseconds for times, a ratio 0..1 for %, USD for usd, plain numbers otherwise. */
export interface Threshold {
  /** Source text as written, for messages and reports. */
  source: string;
  /** Metric name, e.g. "small_object_p95", "hit_ratio", "error_rate", "invalidation_t95". */
  metric: string;
  /** Tag filters from `{pop:fra, class:mapping-tile}`; value "*" means "every value, each must pass". */
  filters: Record<string, string>;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  value: number;
  abortOnFail: boolean;
}
