/**
 * The CI examples stay usable outside this repository: the GitHub workflow validates against a schema,
 * installs a pinned cdnbench, and its check step — run here with bash, `cdnbench` on PATH being this
 * build — fails loudly with no target and checks a local counting server with one; the Kubernetes
 * CronJob's script does the same with sh; both SLO copies equal examples/slo.yaml; init pins the workflow.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSloFile } from '../src/slo/threshold-config.js';
import { loadProviderProfile } from '../src/providers/resolve-providers.js';
import { starterWorkflow } from '../src/cli/init-command.js';
import { readResultFile } from '../src/result/result-schema.js';
import { CLI_PATH, PACKAGE_ROOT, assertCliBuilt } from './helpers/cli.js';
import { githubWorkflowSchema } from './helpers/github-workflow-schema.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';
import { runCommand } from './helpers/run-command.js';

const read = (path: string): Promise<string> => readFile(join(PACKAGE_ROOT, path), 'utf8');
let dir = '';
let bin = '';
let server: LatencyServer;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-examples-'));
  server = await startLatencyServer({ delayMs: () => 1 });
  // `cdnbench` on PATH: this build, as `npm install --global` would provide it; every call is logged.
  bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'cdnbench'), `#!/bin/sh\necho "$@" >> "${join(dir, 'calls.log')}"\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  await chmod(join(bin, 'cdnbench'), 0o755);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const calls = async (): Promise<string[]> => (existsSync(join(dir, 'calls.log')) ? (await readFile(join(dir, 'calls.log'), 'utf8')).trim().split('\n') : []);
const withPath = (env: Record<string, string | undefined>): Record<string, string | undefined> => ({ ...env, PATH: `${bin}:${process.env.PATH ?? ''}` });

describe('examples', () => {
  it('examples/slo.yaml is a valid SLO file, and the starter staging profile loads', async () => {
    const rules = await loadSloFile(join(PACKAGE_ROOT, 'examples/slo.yaml'));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.some((r) => r.threshold.abortOnFail)).toBe(true);
    const profile = loadProviderProfile(join(PACKAGE_ROOT, 'examples/starter/staging.yaml'));
    expect(profile).toBeTruthy();
  });

  it('the GitHub workflow validates, installs a pinned cdnbench, uploads the report and publishes JUnit', async () => {
    const text = await read('examples/github-actions/cdnbench-slo.yml');
    const parsed = githubWorkflowSchema.safeParse(parse(text));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    if (!parsed.success) return;
    const wf = parsed.data;
    expect(wf.env?.CDNBENCH_PACKAGE).toMatch(/^cdnbench@\d+\.\d+\.\d+$/);
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    expect(steps.find((s) => s.name === 'Install cdnbench')?.run).toContain('npm install --global --no-audit --no-fund "$CDNBENCH_PACKAGE"');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))).toMatchObject({ if: 'always()', with: { path: 'report/' } });
    expect(steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'))?.with?.report_paths).toBe('report/junit.xml');
    // A damaged copy is caught: the schema is not a formality.
    expect(githubWorkflowSchema.safeParse(parse(text.replace('runs-on:', 'runs_on:'))).success).toBe(false);
    expect(githubWorkflowSchema.safeParse(parse(text.replace('${{ vars.CDNBENCH_TARGET }}', '${{ var.CDNBENCH_TARGET }}'))).success).toBe(false);
    // init pins the running version and the folder it wrote.
    const pinned = parse(starterWorkflow(text, 'perf/cdn', '9.8.7')) as { env: Record<string, string> };
    expect(pinned.env).toEqual({ CDNBENCH_PACKAGE: 'cdnbench@9.8.7', CDNBENCH_DIR: 'perf/cdn' });
  });

  it('the workflow\'s check step fails loudly without a target, and checks the target it is given', async () => {
    const wf = githubWorkflowSchema.parse(parse(await read('examples/github-actions/cdnbench-slo.yml')));
    const script = Object.values(wf.jobs)[0]?.steps.find((s) => s.name === 'cdnbench check')?.run ?? '';
    const work = join(dir, 'gh');
    await mkdir(join(work, 'starter'), { recursive: true });
    await writeFile(join(work, 'starter', 'scenario.yaml'), [
      'name: gh-step', 'sessions: { r: { steps: [ { get: "/meta/{isbn}.json" } ] } }', 'load: { model: open, arrival: constant }', 'phases: [ { duration: 1s, rate: 10 } ]', '',
    ].join('\n'));
    await writeFile(join(work, 'starter', 'slo.yaml'), 'thresholds: [ "error_rate < 1%" ]\n');
    const env = { CDNBENCH_DIR: 'starter', CDNBENCH_TARGET: '', CDNBENCH_PROFILE: undefined, CDNBENCH_PUSHGATEWAY: '', GITHUB_STEP_SUMMARY: undefined };
    const unset = await runCommand('bash', ['-c', script], { cwd: work, env: withPath(env) });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('::error title=cdnbench::neither CDNBENCH_TARGET nor CDNBENCH_PROFILE is set');
    expect(await calls()).toEqual([]);

    const before = server.requests - server.probes;
    const set = await runCommand('bash', ['-c', script], { cwd: work, env: withPath({ ...env, CDNBENCH_TARGET: server.url }), timeoutMs: 90_000 });
    expect(set.code, set.stderr).toBe(0);
    const result = await readResultFile(join(work, 'report', 'result.json'));
    expect(result.providers[0]?.summary.requests).toBe(server.requests - server.probes - before);
    for (const f of ['junit.xml', 'metrics.txt', 'summary.json']) expect(existsSync(join(work, 'report', f)), f).toBe(true);
    expect(await calls()).toHaveLength(1);
  });

  it('the Kubernetes CronJob fails without a target, passes the target to check, and its SLO equals examples/slo.yaml', async () => {
    const docs = parseAllDocuments(await read('examples/kubernetes/cronjob.yaml')).map((d) => d.toJS() as Record<string, unknown>);
    const configMap = docs.find((d) => d.kind === 'ConfigMap') as { data: Record<string, string> } | undefined;
    type Cron = { spec: { schedule: string; jobTemplate: { spec: { backoffLimit: number; template: { spec: { containers: { image: string; command: string[]; args: string[] }[] } } } } } };
    const cron = docs.find((d) => d.kind === 'CronJob') as Cron | undefined;
    expect(cron?.spec.schedule).toMatch(/^(\S+\s+){4}\S+$/);
    expect(cron?.spec.jobTemplate.spec.backoffLimit).toBe(0);
    const container = cron?.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container?.image).toMatch(/:\d+\.\d+\.\d+$/);
    expect(container?.command).toEqual(['/bin/sh', '-c']);
    const script = container?.args[0] ?? '';
    const work = join(dir, 'k8s');
    await mkdir(work);
    await writeFile(join(work, 'slo.yaml'), configMap?.data['slo.yaml'] ?? '');
    expect(await loadSloFile(join(work, 'slo.yaml'))).toEqual(await loadSloFile(join(PACKAGE_ROOT, 'examples/slo.yaml')));
    const env = { CDNBENCH_TARGET: '', CDNBENCH_PROFILE: '', CDNBENCH_REPORTS: join(work, 'reports'), CDNBENCH_SLO: join(work, 'slo.yaml'), CDNBENCH_PUSHGATEWAY: '', POD_NAMESPACE: 'test' };
    const callsBefore = (await calls()).length;
    const unset = await runCommand('sh', ['-c', script], { cwd: work, env: withPath(env) });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toBe('cdnbench: neither CDNBENCH_TARGET nor CDNBENCH_PROFILE is set (ConfigMap cdnbench-slo): refusing to check nothing\n');
    expect(await calls()).toHaveLength(callsBefore);
    // With a target, the script hands check what it was given (--check-credentials: validate, no load).
    const set = await runCommand('sh', ['-c', `${script.trimEnd()} --check-credentials`], { cwd: work, env: withPath({ ...env, CDNBENCH_TARGET: server.url }) });
    expect(set.code, set.stderr).toBe(0);
    expect((await calls()).at(-1)).toMatch(new RegExp(`^check slo-smoke --target ${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --slo ${join(work, 'slo.yaml')} --out ${join(work, 'reports')}/\\d{8}T\\d{6}Z `));
  });
});
