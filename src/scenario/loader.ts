/**
 * Loads a scenario file (.yaml/.yml, .json, or .ts exporting defineScenario) and validates it.
 * Every problem is reported with its path; all failures are InvalidConfigError (exit 104).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { InvalidConfigError, describeError } from '../errors.js';
import { parseYamlText } from '../util/yaml-file.js';
import { formatZodIssues } from '../util/zod-issues.js';
import { loadScenarioModule } from './load-module.js';
import { scenarioSchema, type Scenario } from './schema.js';

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
  if (ext === '.yaml' || ext === '.yml') raw = parseYamlText(text, file, 'INVALID_SCENARIO');
  else if (ext === '.json') raw = parseJson(text, file);
  else if (ext === '.ts' || ext === '.mts' || ext === '.js' || ext === '.mjs') raw = await loadScenarioModule(path, file);
  else throw new InvalidConfigError(`unsupported scenario file type ${ext || '(none)'} for ${file}: use .yaml, .json or .ts`);
  return { scenario: validateScenario(raw, file), file, sha256 };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidConfigError(`malformed JSON in ${file}: ${describeError(err)}`);
  }
}
