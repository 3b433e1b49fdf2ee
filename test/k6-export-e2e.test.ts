/**
 * `cdnbench export k6` for every built-in scenario, type-checked by the TypeScript compiler against the
 * real `@types/k6` package (strict mode), and `export k6-operator` manifests read back as YAML.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT, assertCliBuilt, runCli } from './helpers/cli.js';

const run = promisify(execFile);
const builtins = readdirSync(join(PACKAGE_ROOT, 'scenarios')).filter((f) => /\.(ya?ml|ts)$/.test(f)).map((f) => f.replace(/\.(ya?ml|ts)$/, '')).sort();
let dir = '';

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-k6x-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export k6', () => {
  it('carries the scenario\'s and --slo thresholds as k6 thresholds, and warns about those k6 cannot evaluate', async () => {
    const scenario = join(dir, 'with-thresholds.yaml');
    await writeFile(scenario, [
      'name: with-thresholds',
      'sessions: { r: { steps: [{ get: "/meta/{isbn}.json" }] } }',
      'load: { model: open, connections: 4 }',
      'phases: [{ duration: 5s, rate: 2 }]',
      'thresholds:',
      '  - "small_object_p95{cache:warm} < 40ms"',
      '  - { threshold: "error_rate < 1%", abortOnFail: true }',
      '',
    ].join('\n'));
    const slo = join(dir, 'slo.yaml');
    await writeFile(slo, 'thresholds: ["hit_ratio >= 0.9", "cost_per_million_sessions < 20usd"]\n');
    const out = join(dir, 'with-thresholds.ts');
    const r = await runCli(['export', 'k6', scenario, '--slo', slo, '-o', out]);
    expect(r.code).toBe(0);
    const script = await readFile(out, 'utf8');
    expect(script).toContain(`'cdnbench_small_object_duration{warmth:warm}': ['p(95)<40']`);
    expect(script).toContain(`http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true }]`);
    expect(script).toContain(`cdnbench_cache_hit: ['rate>=0.9']`);
    expect(r.stderr).toMatch(/cost_per_million_sessions/);
  });

  it('writes a script for every built-in scenario that type-checks against @types/k6', async () => {
    for (const name of builtins) {
      const r = await runCli(['export', 'k6', name, '--target', 'http://127.0.0.1:8080', '-o', join(dir, `${name}.ts`), '--quiet']);
      expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: '' });
    }
    // The check is real: a copy of one script with a type error added fails it, in the same compiler run
    // (one tsc start instead of two), and every error tsc reports is in that copy.
    await writeFile(join(dir, 'broken.ts'), `${await readFile(join(dir, `${builtins[0] ?? ''}.ts`), 'utf8')}\nconst wrong: number = 'text';\n`);
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2020'],
        types: ['k6'], typeRoots: [join(PACKAGE_ROOT, 'node_modules', '@types')], noUnusedLocals: true, skipLibCheck: false,
      },
      files: [...builtins.map((n) => `${n}.ts`), 'broken.ts'],
    }));
    const tsc = join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir }).then(() => '', (err: { stdout?: string }) => err.stdout ?? String(err));
    const errors = output.split('\n').filter((l) => /(^|\s)error TS\d+:/.test(l));
    expect(errors.filter((l) => !l.startsWith('broken.ts('))).toEqual([]);
    expect(errors.some((l) => l.includes('error TS2322:'))).toBe(true);
  }, 120_000);

  it('warns about what k6 cannot replay and keeps it in the script header', async () => {
    const r = await runCli(['export', 'k6', 'edition-rollout', '-o', join(dir, 'rollout.ts')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: event not replayed by k6: publish at 8s/);
    expect(r.stderr).toMatch(/no --target given/);
    const script = await readFile(join(dir, 'rollout.ts'), 'utf8');
    expect(script).toMatch(/Differences from a cdnbench run:[\s\S]*event not replayed by k6: publish/);
  });

  it('refuses credentials in a target and a missing --parallelism', async () => {
    const creds = await runCli(['export', 'k6', 'slo-smoke', '--target', 'http://user:pw@127.0.0.1:1']);
    expect(creds.code).toBe(104);
    expect(creds.stderr).toMatch(/credentials/);
    const noPar = await runCli(['export', 'k6-operator', 'slo-smoke']);
    expect(noPar.code).toBe(2);
    expect(noPar.stderr).toMatch(/--parallelism/);
  });
});

describe('export k6-operator', () => {
  it('writes a TestRun over a ConfigMap with the script and a results volume per runner', async () => {
    const out = join(dir, 'op');
    const r = await runCli(['export', 'k6-operator', 'page-turns', '--parallelism', '4', '--target', 'https://staging.example.com', '--region', 'eu', '-o', out, '--quiet']);
    expect(r.code).toBe(0);
    interface TestRun {
      apiVersion: string;
      kind: string;
      spec: { parallelism: number; script: unknown; arguments: string; runner: { env: unknown[]; volumeMounts: unknown } };
    }
    const testRun = parse(await readFile(join(out, '03-testrun.yaml'), 'utf8')) as TestRun;
    expect(testRun.apiVersion).toBe('k6.io/v1alpha1');
    expect(testRun.kind).toBe('TestRun');
    expect(testRun.spec.parallelism).toBe(4);
    expect(testRun.spec.script).toEqual({ configMap: { name: 'page-turns-script', file: 'page-turns.ts' } });
    expect(testRun.spec.arguments).toBe('--out json=/results/$(POD_NAME).ndjson.gz --tag cdnbench_region=eu');
    expect(testRun.spec.runner.env).toContainEqual({ name: 'CDNBENCH_TARGETS', value: 'https://staging.example.com' });
    expect(testRun.spec.runner.volumeMounts).toEqual([{ name: 'results', mountPath: '/results' }]);
    const cm = parse(await readFile(join(out, '02-script-configmap.yaml'), 'utf8')) as { data: Record<string, string> };
    expect(cm.data['page-turns.ts']).toBe(await runCli(['export', 'k6', 'page-turns', '--target', 'https://staging.example.com', '--quiet']).then((x) => x.stdout));
    const pvc = parse(await readFile(join(out, '01-results-pvc.yaml'), 'utf8')) as { spec: { accessModes: string[] } };
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(await readFile(join(out, 'HOWTO.txt'), 'utf8')).toMatch(/cdnbench ingest k6 results\/\*\.ndjson\.gz -o result\.json --region eu/);
  });
});
