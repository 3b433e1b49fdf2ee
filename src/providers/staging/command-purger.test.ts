import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandPurge } from './command-purger.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-purge-cmd-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A script that records its arguments and stdin as JSON, prints an id and exits with $EXIT_WITH. */
async function recorder(): Promise<string> {
  const script = join(dir, 'record.mjs');
  await writeFile(script, `import { writeFileSync } from 'node:fs';
let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (stdin += c));
process.stdin.on('end', () => {
  writeFileSync(${JSON.stringify(join(dir, 'got.json'))}, JSON.stringify({ args: process.argv.slice(2), stdin }));
  console.log('purge-123');
  process.exit(Number(process.argv[2] === '--fail' ? 3 : 0));
});
if (process.stdin.isTTY !== undefined || process.argv.includes('--no-stdin')) process.stdin.emit('end');
`);
  return script;
}

/** True when the process exists and is not a zombie (an orphan's zombie waits for a reaper, e.g. in containers). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

const req = { urls: ['https://cdn.example.com/a', 'https://cdn.example.com/b'], tags: ['isbn-1'], all: true };

describe('commandPurge', () => {
  it('passes URLs and tags as --url/--tag/--all arguments; exit 0 is ok and the first stdout line the id', async () => {
    const script = await recorder();
    const r = await commandPurge({ argv: [process.execPath, script, '--no-stdin'], input: 'args', timeout: 10_000 }, req);
    expect(r).toMatchObject({ ok: true, id: 'purge-123' });
    const got = JSON.parse(await readFile(join(dir, 'got.json'), 'utf8')) as { args: string[] };
    expect(got.args).toEqual(['--no-stdin', '--url', 'https://cdn.example.com/a', '--url', 'https://cdn.example.com/b', '--tag', 'isbn-1', '--all']);
  });

  it('writes the JSON request on stdin in stdin mode; a non-zero exit is a failed receipt', async () => {
    const script = await recorder();
    const r = await commandPurge({ argv: [process.execPath, script, '--fail'], input: 'stdin', timeout: 10_000 }, req);
    expect(r).toMatchObject({ ok: false, error: 'purge command exited with code 3' });
    const got = JSON.parse(await readFile(join(dir, 'got.json'), 'utf8')) as { args: string[]; stdin: string };
    expect(got.args).toEqual(['--fail']);
    expect(JSON.parse(got.stdin)).toEqual(req);
  });

  it('kills a command that outlives its timeout, with the processes it started', async () => {
    const pidFile = join(dir, 'child.pid');
    // The command starts a grandchild that would outlive it; both must be gone after the timeout.
    const script = join(dir, 'hang.mjs');
    await writeFile(script, `import { spawn } from 'node:child_process'; import { writeFileSync } from 'node:fs';
const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
setInterval(() => {}, 1000);
`);
    const started = Date.now();
    const r = await commandPurge({ argv: [process.execPath, script], input: 'args', timeout: 500 }, req);
    expect(r).toMatchObject({ ok: false, error: 'purge command timed out after 500 ms' });
    expect(Date.now() - started).toBeLessThan(8000);
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 300));
    const alive = running(grandchild);
    if (alive) process.kill(grandchild, 'SIGKILL'); // never leave it behind, even when the test fails
    expect(alive).toBe(false);
  });

  it('reports a command that cannot start', async () => {
    const r = await commandPurge({ argv: [join(dir, 'missing-binary')], input: 'args', timeout: 1000 }, req);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/failed to start/);
  });
});
