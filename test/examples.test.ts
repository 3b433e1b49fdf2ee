/**
 * The scheduled-check examples stay usable: both manifests parse, run `check` on a scenario that exists
 * with an SLO that cdnbench accepts, and the GitHub workflow keeps its cron, artifact and summary steps.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSloFile } from '../src/slo/threshold-config.js';
import { PACKAGE_ROOT } from './helpers/cli.js';

const read = (path: string): Promise<string> => readFile(join(PACKAGE_ROOT, path), 'utf8');

describe('examples', () => {
  it('examples/slo.yaml is a valid SLO file', async () => {
    const rules = await loadSloFile(join(PACKAGE_ROOT, 'examples/slo.yaml'));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.some((r) => r.threshold.abortOnFail)).toBe(true);
  });

  it('the GitHub Actions workflow runs a check on a schedule and uploads the report', async () => {
    const wf = parse(await read('examples/github-actions/cdnbench-slo.yml')) as {
      on: { schedule: { cron: string }[] };
      jobs: { slo: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } };
    };
    expect(wf.on.schedule[0]?.cron).toMatch(/^(\S+\s+){4}\S+$/);
    const steps = wf.jobs.slo.steps;
    const run = steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('args=(check scenarios/slo-smoke.ts --slo examples/slo.yaml --out report');
    expect(run).toContain('node dist/src/cli/main.js "${args[@]}"');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('report/');
  });

  it('the Kubernetes CronJob runs check with the ConfigMap SLO, which equals examples/slo.yaml', async () => {
    const docs = parseAllDocuments(await read('examples/kubernetes/cronjob.yaml')).map((d) => d.toJS() as Record<string, unknown>);
    const configMap = docs.find((d) => d.kind === 'ConfigMap') as { data: { 'slo.yaml': string } } | undefined;
    const cron = docs.find((d) => d.kind === 'CronJob') as { spec: { schedule: string; jobTemplate: { spec: { backoffLimit: number; template: { spec: { containers: { args: string[] }[] } } } } } } | undefined;
    expect(cron?.spec.schedule).toMatch(/^(\S+\s+){4}\S+$/);
    expect(cron?.spec.jobTemplate.spec.backoffLimit).toBe(0);
    const args = cron?.spec.jobTemplate.spec.template.spec.containers[0]?.args ?? [];
    expect(args.slice(0, 2)).toEqual(['check', 'slo-smoke']);
    expect(args[args.indexOf('--slo') + 1]).toBe('/etc/cdnbench/slo.yaml');
    const dir = await mkdtemp(join(tmpdir(), 'cdnbench-examples-'));
    try {
      await writeFile(join(dir, 'slo.yaml'), configMap?.data['slo.yaml'] ?? '');
      const inCluster = await loadSloFile(join(dir, 'slo.yaml'));
      const inRepo = await loadSloFile(join(PACKAGE_ROOT, 'examples/slo.yaml'));
      expect(inCluster).toEqual(inRepo);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
