import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdnbenchError, ExitCode, InvalidConfigError } from '../errors.js';
import { loadScenario, validateScenario } from './loader.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

const VALID_YAML = `name: yaml-ok
sessions:
  reader:
    steps:
      - get: /maps/{isbn}/{edition}/{lang}/{range}.json
      - think: 20s..40s
load:
  model: open
phases:
  - duration: 2s
    rate: 5
`;

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-loader-'));
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** The InvalidConfigError a promise rejects with (fails the test if it resolves or throws anything else). */
async function configError(p: Promise<unknown>): Promise<InvalidConfigError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidConfigError);
  return err as InvalidConfigError;
}

function syncConfigError(f: () => unknown): InvalidConfigError {
  let caught: unknown = null;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidConfigError);
  return caught as InvalidConfigError;
}

describe('validateScenario', () => {
  it('throws one InvalidConfigError (exit 104) whose details list every problem with its path', () => {
    const err = syncConfigError(() =>
      validateScenario(
        {
          name: 'v',
          sessions: { reader: { steps: [{ get: '/x', thinkk: '1s' }] } },
          load: { model: 'open' },
          phases: [{ duration: '1s', rate: 2 }, { duration: '1s', rate: -1 }],
        },
        'bad.yaml',
      ),
    );
    expect(err.message).toBe('invalid scenario bad.yaml: 2 problems');
    expect(err.details).toEqual(['sessions.reader.steps[0].thinkk: unknown key', 'phases[1].rate: expected a positive number']);
    expect(err.code).toBe('INVALID_SCENARIO');
    expect(err.exitCode).toBe(ExitCode.InvalidConfig);
    expect(err.exitCode).toBe(104);
  });

  it('uses the singular for one problem', () => {
    const err = syncConfigError(() =>
      validateScenario({ name: 'v', sessions: { r: { steps: [{ get: '/x' }] } }, load: { model: 'closed' }, phases: [{ duration: '1s' }] }, 's.json'),
    );
    expect(err.message).toBe('invalid scenario s.json: 1 problem');
    expect(err.details).toEqual(['phases[0].vus: expected a positive integer in the closed model']);
  });
});

describe('loadScenario', () => {
  it('loads a YAML file and records its path and sha256', async () => {
    const path = await write('ok.yaml', VALID_YAML);
    const loaded = await loadScenario(path);
    expect(loaded.scenario.name).toBe('yaml-ok');
    expect(loaded.scenario.phases).toEqual([{ duration: '2s', rate: 5 }]);
    expect(loaded.file).toBe(path);
    expect(loaded.sha256).toBe(createHash('sha256').update(VALID_YAML).digest('hex'));
  });

  it('loads the same scenario written as JSON', async () => {
    const yamlLoaded = await loadScenario(await write('same.yaml', VALID_YAML));
    const json = JSON.stringify({
      name: 'yaml-ok',
      sessions: { reader: { steps: [{ get: '/maps/{isbn}/{edition}/{lang}/{range}.json' }, { think: '20s..40s' }] } },
      load: { model: 'open' },
      phases: [{ duration: '2s', rate: 5 }],
    });
    const jsonLoaded = await loadScenario(await write('same.json', json));
    expect(jsonLoaded.scenario).toEqual(yamlLoaded.scenario);
  });

  it('reports malformed YAML as one line with line and column', async () => {
    const path = await write('dup.yaml', 'name: a\nname: b\n');
    const err = await configError(loadScenario(path));
    expect(err.message).toBe(`malformed YAML in ${path}: line 2, column 1: Map keys must be unique`);
    expect(err.message).not.toContain('\n');
    expect(err.details).toEqual([]);
    expect(err.exitCode).toBe(104);
  });

  it('reports an unclosed flow sequence as one line with its position', async () => {
    const path = await write('unclosed.yaml', 'name: t\nsessions:\n  reader:\n    steps: [ {get: /x}\nload: {model: open}\n');
    const err = await configError(loadScenario(path));
    expect(err.message).toMatch(new RegExp(`^malformed YAML in ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: \\S`));
    expect(err.message).not.toContain('\n');
    for (const d of err.details) expect(d).toMatch(/^line \d+, column \d+: /);
  });

  it('reports malformed JSON with the file name', async () => {
    const path = await write('bad.json', '{"name": "t",');
    const err = await configError(loadScenario(path));
    expect(err.message.startsWith(`malformed JSON in ${path}: `)).toBe(true);
    expect(err.message).not.toContain('\n');
  });

  it('validates YAML content with paths', async () => {
    const path = await write('neg.yaml', VALID_YAML.replace('rate: 5', 'rate: -5'));
    const err = await configError(loadScenario(path));
    expect(err.details).toEqual(['phases[0].rate: expected a positive number']);
  });

  it('fails on a missing file with exit 104 and the path', async () => {
    const path = join(dir, 'does-not-exist.yaml');
    const err = await configError(loadScenario(path));
    expect(err.message).toMatch(/^cannot read scenario .*does-not-exist\.yaml: .*ENOENT/);
    expect(err.exitCode).toBe(104);
  });

  it('rejects an unsupported file type', async () => {
    const path = await write('scenario.txt', VALID_YAML);
    const err = await configError(loadScenario(path));
    expect(err.message).toBe(`unsupported scenario file type .txt for ${path}: use .yaml, .json or .ts`);
  });

  it('loads a .ts scenario exporting defineScenario({...}) through tsx', async () => {
    const loaded = await loadScenario(join(FIXTURES, 'scenario-define.ts'));
    expect(loaded.scenario.name).toBe('ts-fixture');
    expect(loaded.scenario.timeScale).toBe(0.5);
    expect(loaded.scenario.load.model).toBe('closed');
    expect(loaded.scenario.load.connections).toBe(4);
    expect(loaded.scenario.phases).toEqual([{ duration: '3s', vus: 2 }]);
    expect(loaded.scenario.sessions.reader?.steps).toEqual([{ get: '/maps/{isbn}/{edition}/{lang}/{range}.json' }, { think: '2s' }]);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads a .ts scenario exporting a plain object', async () => {
    const loaded = await loadScenario(join(FIXTURES, 'scenario-plain-default.ts'));
    expect(loaded.scenario.name).toBe('ts-plain');
    expect(loaded.scenario.phases).toEqual([{ duration: '2s', rate: 4 }]);
  });

  it('validates a .ts scenario like any other, with paths', async () => {
    const file = join(FIXTURES, 'scenario-invalid.ts');
    const err = await configError(loadScenario(file));
    expect(err.message).toBe(`invalid scenario ${file}: 2 problems`);
    expect(err.details).toEqual(['sessions.reader.steps[0].extra: unknown key', 'phases[0].rate: expected a positive number']);
  });

  it('says so when a .ts module has no default export', async () => {
    const file = join(FIXTURES, 'scenario-no-default.ts');
    const err = await configError(loadScenario(file));
    expect(err.message).toBe(`cannot load scenario module ${file}: the module has no default export (export default defineScenario({...}))`);
    expect(err).toBeInstanceOf(CdnbenchError);
  });
});
