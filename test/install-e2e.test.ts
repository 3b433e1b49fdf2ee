/**
 * The install paths a new user takes, from clean temporary folders: the packed tarball installed in a
 * fresh project (then `npx cdnbench run slo-smoke`, a .ts scenario importing 'cdnbench', `cdnbench init`),
 * a git URL of this repository packed as `npm install git+…` does (only a `prepare` build makes dist/),
 * and a .ts scenario in a folder with no node_modules at all, run by this repository's CLI. Every run
 * loads a local server that counts what it receives, so "it ran" means the requests reached that server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { PACKAGE_ROOT, assertCliBuilt, runCli, type CliResult } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';
import { runCommand } from './helpers/run-command.js';

let dir = '';

const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];

const TS_SCENARIO = [
  "import { defineScenario } from 'cdnbench';",
  '',
  'export default defineScenario({',
  "  name: 'typed-outside',",
  '  catalog: { seed: 5, books: 10, tracks: 10, albums: 2 },',
  "  sessions: { reader: { steps: [{ get: '/meta/{isbn}.json' }] } },",
  "  load: { model: 'open', arrival: 'constant' },",
  "  phases: [{ duration: '1s', rate: 10 }],",
  '});',
  '',
].join('\n');

async function newProject(name: string): Promise<string> {
  const project = join(dir, name);
  await runCommand('mkdir', ['-p', project], { cwd: dir });
  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name, private: true, version: '1.0.0' })}\n`);
  return project;
}

function explain(r: CliResult): string {
  return `exit ${String(r.code)}${r.timedOut ? ' (timed out)' : ''}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`;
}

/**
 * Runs a cdnbench (default: the one installed in `project`, through npx) on a scenario against the test's
 * counting server, in `project`; the requests of the result must be the ones the server counted.
 */
async function runInstalled(server: LatencyServer, project: string, scenario: string, out: string, cdnbench = ['npx', '--no-install', 'cdnbench']): Promise<void> {
  const before = server.requests - server.probes;
  const [command = 'npx', ...prefix] = cdnbench;
  const r = await runCommand(command, [...prefix, 'run', scenario, '--report', 'none', '--target', server.url, '--duration', '2s', '--quiet', '--out', out], { cwd: project, timeoutMs: 90_000 });
  expect(r.code, explain(r)).toBe(0);
  const result = await readResultFile(join(project, out, 'result.json'));
  const requests = result.providers[0]?.summary.requests ?? 0;
  expect(requests).toBeGreaterThan(0);
  expect(requests).toBe(server.requests - server.probes - before);
}

/** Runs `body` with a counting server of its own (the installs run concurrently: counts must not mix). */
async function withServer(body: (server: LatencyServer) => Promise<void>): Promise<void> {
  const server = await startLatencyServer({ delayMs: () => 1 });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-install-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Concurrent: the tarball and git installs mostly wait on npm and the file system, and were this file's
// two long halves one after the other.
describe.concurrent('install paths', () => {
  it('npm pack → npm install in a fresh project → npx cdnbench run slo-smoke, a .ts scenario importing cdnbench, init', () => withServer(async (server) => {
    // dist/ is current (npm test builds first); the prepare build itself is exercised by the git install below.
    const pack = await runCommand('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: PACKAGE_ROOT });
    expect(pack.code, explain(pack)).toBe(0);
    const packed = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const files = new Set(packed[0]?.files.map((f) => f.path));
    for (const shipped of ['dist/src/cli/main.js', 'dist/src/index.d.ts', 'scenarios/slo-smoke.ts', 'providers/edge-optimized.yaml', 'examples/slo.yaml',
      'examples/github-actions/cdnbench-slo.yml', 'examples/kubernetes/cronjob.yaml', 'examples/starter/scenario.yaml', 'examples/starter/staging.yaml']) {
      expect(files.has(shipped), shipped).toBe(true);
    }
    expect([...files].some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);

    const project = await newProject('uses-tarball');
    const install = await runCommand('npm', [...NPM_INSTALL, join(dir, packed[0]?.filename ?? '')], { cwd: project, timeoutMs: 240_000 });
    expect(install.code, explain(install)).toBe(0);
    await runInstalled(server, project, 'slo-smoke', 'smoke');
    await writeFile(join(project, 'typed.ts'), TS_SCENARIO);
    await runInstalled(server, project, 'typed.ts', 'typed');

    const init = await runCommand('npx', ['--no-install', 'cdnbench', 'init', 'bench'], { cwd: project });
    expect(init.code, explain(init)).toBe(0);
    for (const f of ['scenario.yaml', 'scenario.schema.json', 'slo.yaml', 'staging.yaml', 'github-actions.yml']) expect(existsSync(join(project, 'bench', f)), f).toBe(true);
    await runInstalled(server, project, 'bench/scenario.yaml', 'starter');
  }), 420_000);

  it('a .ts scenario in a folder without node_modules runs with this repository\'s CLI', () => withServer(async (server) => {
    const outside = join(dir, 'no-project');
    await runCommand('mkdir', ['-p', outside], { cwd: dir });
    await writeFile(join(outside, 'typed.ts'), TS_SCENARIO);
    const before = server.requests - server.probes;
    const r = await runCli(['run', 'typed.ts', '--target', server.url, '--report', 'none', '--quiet', '--out', 'out'], { cwd: outside });
    expect(r.code, explain(r)).toBe(0);
    const result = await readResultFile(join(outside, 'out', 'result.json'));
    expect(result.providers[0]?.summary.requests).toBe(server.requests - server.probes - before);
  }));

  // `npm install git+…` is this pack (clone, install, prepare, pack) followed by installing the tarball. That
  // second half is the tarball test above; here the tarball prepare built runs with this repository's
  // dependencies instead of a second install of them.
  it('npm pack git+file://<this repository>#<HEAD> (what npm install git+… installs) builds dist/ with prepare, and it runs', () => withServer(async (server) => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).trim();
    const project = await newProject('from-git');
    const pack = await runCommand('npm', ['pack', '--json', '--prefer-offline', '--pack-destination', project, `git+file://${PACKAGE_ROOT}#${head}`], { cwd: project, timeoutMs: 420_000 });
    expect(pack.code, explain(pack)).toBe(0);
    const packed = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const files = new Set(packed[0]?.files.map((f) => f.path));
    // dist/ is not in git: only the prepare build can have made these.
    for (const built of ['dist/src/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts']) expect(files.has(built), built).toBe(true);
    expect([...files].some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
    const untar = await runCommand('tar', ['-xzf', join(project, packed[0]?.filename ?? ''), '-C', project], { cwd: project });
    expect(untar.code, explain(untar)).toBe(0);
    await symlink(join(PACKAGE_ROOT, 'node_modules'), join(project, 'package', 'node_modules'));
    await runInstalled(server, project, 'slo-smoke', 'smoke', [process.execPath, join(project, 'package', 'dist', 'src', 'cli', 'main.js')]);
  }), 480_000);
});
