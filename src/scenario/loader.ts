/**
 * Loads a scenario file (.yaml/.yml, .json, or .ts exporting defineScenario) and validates it.
 * Every problem is reported with its path; all failures are InvalidConfigError (exit 104).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { InvalidConfigError, describeError } from '../errors.js';
import { formatZodIssues } from '../util/zod-issues.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { resolveCdnbenchToSelf } from './self-resolve.js';

/** A validated scenario with where it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  file: string | null;
  sha256: string | null;
}

/** Validates an already-parsed scenario object. */
export function validateScenario(raw: unknown, source: string): Scenario {
  if (raw === null || raw === undefined) throw new InvalidConfigError(`invalid scenario ${source}: the file is empty`);
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const details = formatZodIssues(parsed.error);
    throw new InvalidConfigError(`invalid scenario ${source}: ${details.length} problem${details.length === 1 ? '' : 's'}`, details);
  }
  return parsed.data;
}

/** Reads, parses and validates a scenario file. */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidConfigError(`cannot read scenario ${file}: ${describeError(err)}`);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  let raw: unknown;
  if (ext === '.yaml' || ext === '.yml') raw = parseYaml(text, file);
  else if (ext === '.json') raw = parseJson(text, file);
  else if (ext === '.ts' || ext === '.mts' || ext === '.js' || ext === '.mjs') raw = await importModule(path, file);
  else throw new InvalidConfigError(`unsupported scenario file type ${ext || '(none)'} for ${file}: use .yaml, .json or .ts`);
  return { scenario: validateScenario(raw, file), file, sha256 };
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The first error is the cause; later ones are mostly its echoes, so show at most three.
    const details = doc.errors.slice(0, 3).map((e) => {
      const pos = e.linePos?.[0];
      const msg = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code;
      return `${pos ? `line ${pos.line}, column ${pos.col}` : 'yaml'}: ${msg}`;
    });
    throw new InvalidConfigError(`malformed YAML in ${file}: ${details[0] ?? 'parse error'}`, details.slice(1));
  }
  return doc.toJS();
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidConfigError(`malformed JSON in ${file}: ${describeError(err)}`);
  }
}

async function importModule(path: string, file: string): Promise<unknown> {
  resolveCdnbenchToSelf();
  try {
    // tsx compiles TypeScript scenario files on the fly; plain .js/.mjs load natively.
    const mod: unknown = path.endsWith('.ts') || path.endsWith('.mts')
      ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url)
      : await import(pathToFileURL(path).href);
    let value = defaultExport(mod);
    // A .ts file outside an ES-module package is compiled to CommonJS: its module.exports is { default }.
    if (value !== undefined && !(typeof value === 'object' && value !== null && 'name' in value)) value = defaultExport(value) ?? value;
    if (value === undefined) throw new Error('the module has no default export (export default defineScenario({...}))');
    return value;
  } catch (err) {
    if (err instanceof InvalidConfigError) throw err;
    throw new InvalidConfigError(`cannot load scenario module ${file}: ${describeError(err).split('\n')[0]}`);
  }
}

function defaultExport(mod: unknown): unknown {
  return typeof mod === 'object' && mod !== null && 'default' in mod ? (mod as { default: unknown }).default : undefined;
}
