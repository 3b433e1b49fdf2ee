/**
 * How tests that need a real engine decide between running and a visible skip: they run when the engine
 * is installed, and also when `CDNBENCH_REQUIRE_ENGINES=1` (CI) — then a missing engine fails the test with
 * its install hint instead of skipping it. Without the variable a skip shows the engine in the test name.
 */
import { engineProblems } from '../../src/lab/engines/find-engine.js';
import { ENGINE_BINARIES, type LabEngine } from '../../src/lab/engines/engine-spec.js';

/** True when CI demands every engine (`CDNBENCH_REQUIRE_ENGINES=1`). */
export const ENGINES_REQUIRED = process.env.CDNBENCH_REQUIRE_ENGINES === '1';

/** True when a test needing `engine` should be skipped: missing here, and not required. */
export function skipWithoutEngine(engine: LabEngine): boolean {
  return !ENGINES_REQUIRED && engineProblems(engine).length > 0;
}

/** A test name that says which binary it needs, so a skip is visible in the report. */
export function needsEngine(engine: LabEngine, name: string): string {
  return `${name} [needs ${ENGINE_BINARIES[engine].binary}; skipped when missing unless CDNBENCH_REQUIRE_ENGINES=1]`;
}

/** Throws the install hint when the engine is missing; the first line of every engine test. */
export function assertEngine(engine: LabEngine): void {
  const problems = engineProblems(engine);
  if (problems.length > 0) throw new Error(`${problems.join('; ')} (required by CDNBENCH_REQUIRE_ENGINES=1)`);
}
