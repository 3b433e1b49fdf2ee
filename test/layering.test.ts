/**
 * The house has one direction: every import between folders of src/ points down this table
 * (docs/architecture.md explains each layer). A new folder must be given a place here.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles, importEdges, layeringProblems, type ImportEdge } from './helpers/import-graph.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Top to bottom; folders on one line are peers and may not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['index.ts'],
  ['cli'],
  ['app'],
  ['report', 'k6'],
  ['engine'],
  ['probes'],
  ['providers'],
  ['http'],
  ['lab'],
  ['profiles'],
  ['scenario'],
  ['dataset'],
  ['slo'],
  ['catalog'],
  ['dialects'],
  ['result'],
  ['util'],
  ['errors.ts'],
];
const RANKS: Record<string, number> = Object.fromEntries(LAYERS.flatMap((row, i) => row.map((l) => [l, LAYERS.length - i])));

describe('layering of src/', () => {
  const edges = importEdges(SRC);

  it('reads the real import graph', () => {
    // Guards the check itself: an empty or tiny graph would pass everything.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'cli/main.ts', to: 'errors.ts' });
  });

  it('every import between folders points down the layer table', () => {
    expect(layeringProblems(edges, RANKS)).toEqual([]);
  });

  it('no two folders import each other, directly or round about', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('the check catches an upward import, a sideways one, an unknown folder and a cycle', () => {
    const bad: ImportEdge[] = [
      { from: 'lab/emulator/x.ts', to: 'providers/adapter.ts' },
      { from: 'report/a.ts', to: 'k6/b.ts' },
      { from: 'newfolder/a.ts', to: 'util/b.ts' },
      { from: 'probes/a.ts', to: '../test/helpers/b.ts' },
    ];
    const problems = layeringProblems(bad, RANKS);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/lab may only import layers below it, and providers is above it/);
    expect(problems[1]).toMatch(/report may only import layers below it, and k6 is beside it/);
    expect(problems[2]).toMatch(/layer newfolder has no place/);
    expect(problems[3]).toMatch(/outside src/);
    expect(folderCycles([...bad, { from: 'providers/a.ts', to: 'lab/b.ts' }])).toEqual([['lab', 'providers']]);
  });
});
