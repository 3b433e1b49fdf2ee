/**
 * Makes `import … from 'cdnbench'` in a scenario module resolve to the cdnbench running it (its authoring entry), so a
 * `.ts` scenario works anywhere: outside this repository, beside a global install, or next to a project
 * whose node_modules has no cdnbench at all (Node would otherwise fail with "Cannot find module").
 */
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

// The hook runs on Node's loader thread, so it is a self-contained module passed as a data: URL; that
// also keeps it working from src/ under vitest, where no compiled hook file exists beside this one.
const HOOK = `
let target = '';
export function initialize(data) { target = data.target; }
export async function resolve(specifier, context, next) {
  if (specifier === 'cdnbench') return { url: target, shortCircuit: true };
  return next(specifier, context);
}
`;

let registered = false;

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

function isResolver(value: unknown): value is ResolveFilename {
  return typeof value === 'function';
}

// tsx compiles a .ts file outside a "type": "module" package to CommonJS, whose require() never meets the
// ESM hook above; Module._resolveFilename is the (undocumented but long-stable) seam tools such as
// tsconfig-paths use for the same purpose. Node >= 20.19 can require() the ES module it points at.
function redirectRequire(entryFile: string): void {
  const mod: unknown = Module;
  if (typeof mod !== 'object' && typeof mod !== 'function') return;
  const holder = mod as { _resolveFilename?: unknown };
  const original = holder._resolveFilename;
  if (!isResolver(original)) return;
  const patched: ResolveFilename = function (this: unknown, request, ...rest) {
    return request === 'cdnbench' ? entryFile : original.call(this, request, ...rest);
  };
  holder._resolveFilename = patched;
}

/** Registers the resolve hook once per process; later calls do nothing. */
export function resolveCdnbenchToSelf(): void {
  if (registered) return;
  registered = true;
  // The authoring entry (defineScenario and the scenario types), not the whole package index: a scenario
  // needs nothing else, and the index would load the engine and every provider SDK into the loader child.
  // From dist/ it is authoring.js; from src/ (vitest, tsx) authoring.ts, which tsx compiles.
  const entry = new URL(import.meta.url.endsWith('.ts') ? './authoring.ts' : './authoring.js', import.meta.url).href;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: { target: entry } });
  redirectRequire(fileURLToPath(entry));
}
