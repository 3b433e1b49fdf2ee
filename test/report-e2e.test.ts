/**
 * `cdnbench report` and `cdnbench compare` through the built CLI, on committed five-archetype results, and
 * `run` writing its report beside result.json; bad input ends in one line on stderr and the documented code.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, linesOf, PACKAGE_ROOT, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');
const FIVE = ['quick-compare.json', 'album-drop.json', 'edition-rollout.json'].map((f) => join(FIXTURES, f));
const CHARTS = ['latency-percentiles', 'error-rate', 'pop-p95', 'invalidation-cdf', 'origin-fetches', 'cost-per-1m', 'monthly-cost', 'hit-ratio-by-class'];

let dir = '';
let server: LatencyServer | null = null;
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-report-e2e-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

function expectFailure(r: { code: number | null; stderr: string; stdout: string }, code: number): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const [first = ''] = linesOf(r.stderr);
  expect(first.startsWith('cdnbench: ')).toBe(true);
  return first;
}

describe('cdnbench report', () => {
  it('writes every format and prints each path', async () => {
    const r = await runCli(['report', ...FIVE, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const expected = [join(dir, 'report.html'), ...CHARTS.map((c) => join(dir, 'charts', `${c}.png`)), ...['csv', 'md', 'json'].map((e) => join(dir, `report.${e}`))];
    expect(linesOf(r.stdout).filter((l) => l.startsWith('report: '))).toEqual(expected.map((p) => `report: ${p}`));
    for (const p of expected) expect(existsSync(p), p).toBe(true);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    // Self-contained: outside the inline scripts, no attribute that loads anything and no URL at all.
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(/\s(src|href|action|srcset)=/i.test(markup)).toBe(false);
    expect(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i.test(markup)).toBe(false);
    expect((html.match(/<script/g) ?? []).length).toBe(3);
    expect(html).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-'); // attribute-escaped quotes
    const model = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { providers: { id: string }[]; ranking: { recommendation: { winner: string } } };
    expect(model.providers).toHaveLength(5);
    expect(linesOf(r.stdout).at(-1)).toContain(model.ranking.recommendation.winner);
  });

  it('defaults --out to the folder of a single result, and --format picks formats; --json answers with the paths', async () => {
    const copy = join(dir, 'result.json');
    await copyFile(FIVE[1] ?? '', copy);
    const r = await runCli(['report', copy, '--format', 'md,csv', '--json']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { outDir: string; files: string[]; ranking: { rank: number; id: string }[] };
    expect(answer.outDir).toBe(dir);
    expect(answer.files).toEqual([join(dir, 'report.csv'), join(dir, 'report.md')]);
    expect(answer.ranking.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('bad input: unknown format or weight → 2, unreadable file → 1, invalid result → 104', async () => {
    expect(expectFailure(await runCli(['report', FIVE[0] ?? '', '--format', 'pdf', '--out', dir]), 2)).toBe('cdnbench: --format: unknown format "pdf" (known: html, png, csv, md, json, all)');
    expect(expectFailure(await runCli(['compare', FIVE[0] ?? '', '--weights', 'p99=1']), 2)).toMatch(/^cdnbench: --weights: unknown metric "p99"/);
    expect(expectFailure(await runCli(['report', join(dir, 'missing.json'), '--out', dir]), 1)).toMatch(/cannot read result file .*missing\.json/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"schemaVersion": 1, "meta": {}, "providers": []}');
    expect(expectFailure(await runCli(['report', bad, '--out', dir]), 104)).toMatch(/bad\.json: invalid result file \(\d+ problems\)/);
    await writeFile(bad, '{ not json');
    expect(expectFailure(await runCli(['compare', bad]), 104)).toMatch(/bad\.json: not valid JSON/);
  });
});

describe('cdnbench compare', () => {
  it('ranks the five archetypes and recommends; the cost-only weighting picks the cheapest', async () => {
    const r = await runCli(['compare', ...FIVE]);
    expect(r.code).toBe(0);
    const lines = linesOf(r.stdout);
    expect(lines[0]).toMatch(/^#\s+provider\s+eligible\s+score\s+small-object p95 \(33%\)\s+error rate \(17%\)\s+invalidation t95 \(25%\)/);
    expect(lines.slice(2, 7).map((l) => l.split(/\s+/)[0])).toEqual(['1', '2', '3', '4', '5']);

    const quick = await readResultFile(FIVE[0] ?? '');
    const cheapest = [...quick.providers].sort((a, b) => (a.summary.cost?.perMillionSessionsUsd ?? 0) - (b.summary.cost?.perMillionSessionsUsd ?? 0))[0]?.id;
    const cost = await runCli(['compare', ...FIVE, '--json', '--weights', 'small-p95=0,invalidation-t95=0,coalescing-ratio=0,error-rate=0,cost-per-1m=1']);
    expect(cost.code).toBe(0);
    const ranking = JSON.parse(cost.stdout) as { weights: Record<string, number>; providers: { id: string; score: number }[]; recommendation: { winner: string } };
    expect(ranking.weights).toEqual({ 'cost-per-1m': 1 });
    expect(ranking.recommendation.winner).toBe(cheapest);
    expect(ranking.providers[0]?.score).toBe(1);
  });
});

describe('cdnbench run', () => {
  it('writes the report beside result.json by default and lists it in --json', async () => {
    server = await startLatencyServer();
    const scenario = join(dir, 's.yaml');
    await writeFile(scenario, 'name: e2e\nsessions: { one: { steps: [ { get: "/obj/{session}" } ] } }\nload: { model: open }\nphases: [ { duration: 1s, rate: 10 } ]\n');
    const r = await runCli(['run', scenario, '--target', server.url, '--out', dir, '--json', '--quiet']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { result: string; reports: string[] };
    expect(answer.result).toBe(join(dir, 'result.json'));
    expect(answer.reports).toContain(join(dir, 'report.html'));
    expect(answer.reports).toContain(join(dir, 'report.md'));
    expect(answer.reports).toContain(join(dir, 'charts', 'latency-percentiles.png'));
    for (const p of answer.reports) expect(existsSync(p), p).toBe(true);
    const none = await runCli(['run', scenario, '--target', server.url, '--out', join(dir, 'n'), '--report', 'none', '--json', '--quiet']);
    expect((JSON.parse(none.stdout) as { reports: string[] }).reports).toEqual([]);
    expect(expectFailure(await runCli(['run', scenario, '--target', server.url, '--report', 'pdf']), 2)).toMatch(/--report: unknown format "pdf"/);
  });
});
