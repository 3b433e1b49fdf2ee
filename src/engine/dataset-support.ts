/**
 * Where dataset draws and timeline replays can run: the built-in engine only. The k6 export has no
 * dataset feeder yet, so it refuses such a scenario (exit 104) instead of writing a script that would
 * request the wrong paths.
 */
import type { Op, Plan } from '../scenario/compile-plan.js';

/** One line per dataset step (and the replay) of the plan; empty when it uses neither. */
export function datasetUses(plan: Plan): string[] {
  const out: string[] = [];
  const walk = (ops: readonly Op[], at: string): void => {
    ops.forEach((op, i) => {
      if (op.kind === 'repeat') walk(op.ops, `${at}[${i}].steps`);
      else if (op.kind === 'get' && op.dataset !== null) out.push(`${at}[${i}].get.from: ${op.dataset.data.source}`);
    });
  };
  for (const s of plan.sessions) walk(s.ops, `sessions.${s.name}.steps`);
  if (plan.replay !== null) out.push(`replay.from: ${plan.replay.file}`);
  return out;
}
