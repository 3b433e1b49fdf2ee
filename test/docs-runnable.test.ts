/**
 * Docs cannot rot: every fenced block whose info string is `sh runnable` in README.md and docs/*.md runs
 * here, with `cdnbench` on PATH being this build, in a fresh folder per document (blocks of one document
 * run in order and share it; documents run side by side, as their runs mostly wait on the lab). A block passes with exit 0, or with one of the codes its info string allows
 * (`sh runnable expect=0,99` for a check whose verdict depends on the machine). Blocks may only run
 * cdnbench, and never with --target: the load stays on the built-in lab.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, PACKAGE_ROOT, assertCliBuilt } from './helpers/cli.js';
import { runCommand } from './helpers/run-command.js';

interface Block {
  line: number;
  script: string;
  expect: number[];
}

const FENCE = /^```sh runnable(?: expect=([\d,]+))?\s*\n([\s\S]*?)^```\s*$/gm;

function runnableBlocks(file: string): Block[] {
  const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  return [...text.matchAll(FENCE)].map((m) => ({
    line: text.slice(0, m.index).split('\n').length,
    script: m[2] ?? '',
    expect: (m[1] ?? '0').split(',').map(Number),
  }));
}

const DOCS = ['README.md', ...readdirSync(join(PACKAGE_ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const BLOCKS = DOCS.map((file) => ({ file, blocks: runnableBlocks(file) })).filter((d) => d.blocks.length > 0);

let root = '';
let bin = '';

beforeAll(async () => {
  assertCliBuilt();
  root = await mkdtemp(join(tmpdir(), 'cdnbench-docs-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'cdnbench'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  await chmod(join(bin, 'cdnbench'), 0o755);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** GitHub's anchor of a heading. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
}

const withoutCode = (text: string): string => text.replace(/```[\s\S]*?```/g, '');

describe('runnable docs', () => {
  it('every relative link of the README and docs/ reaches a file, and a heading when it names one', () => {
    const anchors = new Map<string, Set<string>>();
    for (const f of DOCS) {
      const text = withoutCode(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));
      anchors.set(normalize(f), new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => slug(m[1] ?? ''))));
    }
    const broken: string[] = [];
    for (const f of DOCS) {
      for (const m of withoutCode(readFileSync(join(PACKAGE_ROOT, f), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1] ?? '';
        if (/^https?:/.test(link)) continue;
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? normalize(f) : normalize(join(dirname(f), path));
        if (!existsSync(join(PACKAGE_ROOT, target))) broken.push(`${f}: ${link} (no such file)`);
        else if (anchor !== undefined && anchors.has(target) && !anchors.get(target)?.has(anchor)) broken.push(`${f}: ${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README and docs/ hold runnable blocks, each only cdnbench commands against the lab', () => {
    expect(BLOCKS.find((d) => d.file === 'README.md')?.blocks.length ?? 0).toBeGreaterThanOrEqual(3);
    for (const { file, blocks } of BLOCKS) {
      for (const b of blocks) {
        const commands = b.script.replace(/\\\n/g, ' ').split('\n').filter((l) => l.trim() !== '');
        for (const c of commands) expect(c, `${file}:${b.line}`).toMatch(/^cdnbench /);
        expect(b.script, `${file}:${b.line}`).not.toMatch(/--target/);
      }
    }
  });

  for (const { file, blocks } of BLOCKS) {
    describe.concurrent(file, () => {
      let cwd = '';
      beforeAll(async () => {
        cwd = join(root, file.replace(/[/.]/g, '-'));
        await mkdir(cwd);
      });
      for (const block of blocks) {
        it.sequential(`line ${block.line}: ${block.script.split('\n')[0] ?? ''}`, async () => {
          const r = await runCommand('bash', ['-euo', 'pipefail', '-c', block.script], {
            cwd, timeoutMs: 150_000, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, CDNBENCH_HOME: PACKAGE_ROOT, GITHUB_STEP_SUMMARY: undefined },
          });
          expect(block.expect, `exit ${String(r.code)}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`).toContain(r.code);
        }, 180_000);
      }
    });
  }
});
