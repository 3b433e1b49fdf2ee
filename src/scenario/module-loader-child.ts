/**
 * Entry point of the short-lived process that imports a `.ts`/`.js` scenario module for the loader
 * (src/scenario/load-module.ts): user code runs here, so an endless loop at import can be killed at a
 * deadline without touching the CLI. The module path arrives in argv[2]; the default export (plain data)
 * goes back over IPC with structured clone, or a one-line reason why there is none.
 */
import { pathToFileURL } from 'node:url';
import type { ModuleLoadReply } from './module-load-reply.js';
import { describeLoadFailure } from './module-load-reply.js';
import { resolveCdnbenchToSelf } from './self-resolve.js';

function reply(msg: ModuleLoadReply): void {
  const send = process.send?.bind(process);
  if (send === undefined) {
    process.stderr.write('module-loader-child: expected to be forked with an IPC channel\n');
    process.exit(2);
  }
  try {
    // The callback fires once the message is handed over; the module may hold timers, so exit explicitly.
    send(msg, undefined, undefined, () => process.exit(0));
  } catch (err) {
    // A default export holding functions or class instances cannot be cloned: say so instead of crashing.
    send({ type: 'error', message: `the default export is not plain data (${describeLoadFailure(err)})` }, undefined, undefined, () => process.exit(0));
  }
}

function defaultOf(mod: unknown): unknown {
  return typeof mod === 'object' && mod !== null && 'default' in mod ? (mod as { default: unknown }).default : undefined;
}

// Outside a "type": "module" package tsx compiles a .ts file as CommonJS, and importing that yields
// { default: { default: scenario } }. A scenario has no key "default", so unwrapping is unambiguous.
function unwrapCommonJs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('default' in value)) return value;
  return Object.keys(value).every((k) => k === 'default' || k === '__esModule') ? defaultOf(value) : value;
}

async function load(path: string): Promise<void> {
  try {
    // `import … from 'cdnbench'` in the scenario means the cdnbench running it, wherever the file lives.
    resolveCdnbenchToSelf();
    const href = pathToFileURL(path).href;
    const mod: unknown = path.endsWith('.ts') || path.endsWith('.mts')
      ? await (await import('tsx/esm/api')).tsImport(href, import.meta.url)
      : await import(href);
    const value = unwrapCommonJs(defaultOf(mod));
    if (value === undefined) reply({ type: 'error', message: 'the module has no default export (export default defineScenario({...}))' });
    else reply({ type: 'ok', value });
  } catch (err) {
    reply({ type: 'error', message: describeLoadFailure(err) });
  }
}

process.on('disconnect', () => process.exit(0));
const target = process.argv[2];
if (target === undefined) {
  process.stderr.write('module-loader-child: expected the module path as the first argument\n');
  process.exit(2);
} else void load(target);
