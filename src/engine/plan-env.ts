/**
 * Fills `${env.NAME}` in the request headers of a compiled plan, just before a run (never in an
 * exported k6 script, which keeps the reference). Every unset variable is reported at once.
 */
import { InvalidConfigError, isCdnbenchError } from '../errors.js';
import type { Op, Plan } from '../scenario/compile-plan.js';
import { expandHeaders } from '../util/env-secrets.js';

/** Expands env references in every step's headers in place; throws InvalidConfigError (exit 104) listing the unset ones. */
export function applyEnvToPlan(plan: Plan, env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  const walk = (ops: readonly Op[], at: string): void => {
    ops.forEach((op, i) => {
      const here = `${at}[${i}]`;
      if (op.kind === 'repeat') walk(op.ops, `${here}.steps`);
      if (op.kind !== 'get') return;
      for (const [j, o] of [op, ...op.prefetch].entries()) {
        try {
          o.headers = expandHeaders(o.headers, j === 0 ? `${here}.headers` : `${here}.prefetch[${j - 1}].headers`, env);
        } catch (err) {
          if (!isCdnbenchError(err)) throw err;
          problems.push(err.message);
        }
      }
    });
  };
  for (const s of plan.sessions) walk(s.ops, `sessions.${s.name}.steps`);
  if (plan.replay !== null) {
    try {
      plan.replay.headers = expandHeaders(plan.replay.headers, 'replay.headers', env);
    } catch (err) {
      if (!isCdnbenchError(err)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new InvalidConfigError(problems[0] ?? '', problems.slice(1));
}
