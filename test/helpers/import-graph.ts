/**
 * The import graph of the product code, read with TypeScript's own pre-processor (the imports tsc
 * resolves, without type-checking), and the layering rule the folders of src/ obey.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import between two product files, as paths relative to the source root. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative import of every non-test .ts file under `root`. */
export function importEdges(root: string): ImportEdge[] {
  const files = walk(root).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName).replace(/\.js$/, '.ts');
      edges.push({ from: relative(root, file), to: relative(root, target) });
    }
  }
  return edges;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The layer of a path relative to src/: its top folder, or the file itself at the root. */
export function layerOf(path: string): string {
  const parts = path.split(sep);
  return parts.length > 1 ? (parts[0] as string) : path;
}

/** What breaks the layering: imports leaving src/, upward or sideways imports, unknown layers. */
export function layeringProblems(edges: readonly ImportEdge[], ranks: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    if (to.startsWith('..')) {
      problems.push(`${from} imports ${to}, outside src/ (test helpers and fixtures are for tests only)`);
      continue;
    }
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === b) continue;
    const ra = ranks[a];
    const rb = ranks[b];
    if (ra === undefined || rb === undefined) {
      problems.push(`${from} → ${to}: layer ${ra === undefined ? a : b} has no place in the layer table`);
    } else if (rb >= ra) {
      problems.push(`${from} → ${to}: ${a} may only import layers below it, and ${b} is ${rb === ra ? 'beside' : 'above'} it`);
    }
  }
  return problems;
}

/** Folder-level cycles (each as its folders), whatever the layer table says. */
export function folderCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  // Tarjan's strongly connected components; a component of more than one folder is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) {
          onStack.delete(w);
          scc.push(w);
        }
      } while (w !== undefined && w !== v);
      if (scc.length > 1) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}
