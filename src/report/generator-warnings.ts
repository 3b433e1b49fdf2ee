/** The load generator's warnings as the report prints them (HTML verdict and Markdown alike). */
import type { ReportModel } from './report-model.js';

/** Every scenario's load-generator warnings, named by scenario when the report holds several. */
export function generatorWarnings(model: ReportModel): string[] {
  return model.scenarios.flatMap((s) => (s.generator?.warnings ?? []).map((w) => (model.scenarios.length > 1 ? `${s.name}: ${w}` : w)));
}
