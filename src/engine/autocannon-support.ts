/**
 * What the autocannon engine can run: autocannon keeps every connection busy back to back (a closed
 * loop, one request in flight per connection), so a scenario qualifies only when its sessions never
 * wait and never fan out, and it runs no timed events or probes. Checked before any load; each problem
 * is one line with the scenario path it comes from.
 */
import type { Op, Plan } from '../scenario/compile-plan.js';

function opProblems(ops: readonly Op[], at: string, out: string[]): void {
  ops.forEach((op, i) => {
    const path = `${at}[${i}]`;
    if (op.kind === 'think') out.push(`${path}: think time (the autocannon engine sends back to back; use the built-in engine)`);
    else if (op.kind === 'listen') out.push(`${path}: listen waits for the track (the autocannon engine sends back to back; use the built-in engine)`);
    else if (op.kind === 'repeat') opProblems(op.ops, `${path}.steps`, out);
    else if (op.dataset !== null) out.push(`${path}.get.from: dataset draws need the built-in engine`);
    else if (op.prefetch.length > 0) out.push(`${path}.prefetch: a parallel fan-out (autocannon keeps one request in flight per connection)`);
  });
}

/** The reasons the autocannon engine cannot run `plan`; empty when it can. */
export function autocannonProblems(plan: Plan): string[] {
  const out: string[] = [];
  const s = plan.scenario;
  if (plan.model !== 'closed') out.push('load.model: open (arrival-rate) — the autocannon engine runs the closed model only; use the built-in engine');
  if (s.load.http2) out.push('load.http2: autocannon speaks HTTP/1.1 only');
  if (plan.events.length > 0) out.push('events: timed events and their probes need the built-in engine');
  if (s.coalescing !== undefined) out.push('coalescing: the coalescing measurement needs the built-in engine');
  if (s.prewarm !== undefined) out.push('prewarm: needs the built-in engine');
  if (plan.replay !== null) out.push('replay: a timeline replay needs the built-in engine');
  for (const session of plan.sessions) opProblems(session.ops, `sessions.${session.name}.steps`, out);
  return out;
}
