import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.js';
import { Rng } from '../util/rng.js';
import { Dataset } from './dataset.js';
import { loadDataset, parseDatasetText } from './parse-dataset.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-ds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function counts(d: Dataset, pick: 'weighted' | 'zipf' | 'random' | 'sequential', n: number, seed = 1): number[] {
  const rng = new Rng(seed);
  const cursor = { next: 0 };
  const out = d.paths.map(() => 0);
  for (let i = 0; i < n; i++) {
    const idx = d.drawIndex(pick, rng, cursor);
    out[idx] = (out[idx] ?? 0) + 1;
  }
  return out;
}

describe('dataset files', () => {
  it('reads a plain list, CSV with optional columns and JSON lines (from-log output) alike', async () => {
    await writeFile(join(dir, 'a.txt'), '# comment\n/a\n\nhttps://cdn.example/b?x=1\n');
    await writeFile(join(dir, 'b.csv'), 'path,weight,bytes,class\n/a,3,100,metadata\n/b,1,,\n');
    await writeFile(join(dir, 'c.jsonl'), '{"path":"/a","requests":3,"bytes":100,"class":"metadata"}\n{"path":"/b","requests":1}\n');
    expect(loadDataset(join(dir, 'a.txt')).paths).toEqual(['/a', '/b?x=1']);
    for (const f of ['b.csv', 'c.jsonl']) {
      const d = loadDataset(join(dir, f));
      expect(d.paths).toEqual(['/a', '/b']);
      expect(d.classes).toEqual(['metadata', null]);
    }
  });

  it('reports every bad line with its number, as exit-104 errors', async () => {
    const problems: string[] = [];
    parseDatasetText('path,weight,class\nnoslash,1,\n/ok,-1,\n/x,1,video\n', 'csv', problems);
    expect(problems).toEqual([
      'line 2: expected a path starting with / (relative to each PoP), got "noslash"',
      'line 3: weight must be a number >= 0',
      'line 4: unknown class "video" (known: mapping-tile, edition-delta, metadata, sync-state, audio-range, seek-table, other)',
    ]);
    await writeFile(join(dir, 'empty.txt'), '# nothing\n');
    expect(() => loadDataset(join(dir, 'empty.txt'), 'empty.txt')).toThrow(new InvalidConfigError('invalid dataset empty.txt: the file has no entries'));
    expect(() => loadDataset(join(dir, 'missing.csv'), 'missing.csv')).toThrow(/cannot read dataset missing\.csv/);
    await writeFile(join(dir, 'nohead.csv'), 'url\n/a\n');
    expect(() => loadDataset(join(dir, 'nohead.csv'))).toThrow(/no "path" column/);
  });
});

describe('draws', () => {
  const entry = (path: string, weight: number): { path: string; weight: number; bytes: null; objectClass: null } => ({ path, weight, bytes: null, objectClass: null });
  const d = new Dataset('t', [entry('/a', 6), entry('/b', 3), entry('/c', 1), entry('/zero', 0)]);

  it('are the same for the same seed and never pick a zero weight', () => {
    expect(counts(d, 'weighted', 5000, 9)).toEqual(counts(d, 'weighted', 5000, 9));
    expect(counts(d, 'weighted', 5000)[3]).toBe(0);
  });

  it('follow the weights (within 3 percentage points over 20 000 draws, far beyond chance)', () => {
    const c = counts(d, 'weighted', 20_000);
    expect(Math.abs((c[0] ?? 0) / 20_000 - 0.6)).toBeLessThan(0.03);
    expect(Math.abs((c[1] ?? 0) / 20_000 - 0.3)).toBeLessThan(0.03);
  });

  it('sequential walks the file in order, wrapping around', () => {
    const rng = new Rng(1);
    const cursor = { next: 0 };
    expect(Array.from({ length: 6 }, () => d.drawIndex('sequential', rng, cursor))).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('zipf favours earlier lines; random is uniform', () => {
    const z = counts(d, 'zipf', 20_000);
    expect(z[0]).toBeGreaterThan(z[1] ?? 0);
    expect(z[1]).toBeGreaterThan(z[3] ?? 0);
    for (const n of counts(d, 'random', 20_000)) expect(Math.abs(n / 20_000 - 0.25)).toBeLessThan(0.03);
  });
});
