import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorProcessMessage } from './emulator-process.js';
import { get, TestOrigin, testProfile } from '../../../test/helpers/test-origin.js';

const ENTRY = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));
let origin: TestOrigin;

beforeAll(async () => {
  origin = await TestOrigin.start();
  origin.set('/x', { headers: { 'cache-control': 'max-age=60' }, body: 'hello' });
});
afterAll(async () => {
  await origin.close();
});

function spawn(): ChildProcess {
  // tsx runs the TypeScript entry as `node dist/…/emulator-process.js` would run the build.
  return fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

function firstMessage(child: ChildProcess): Promise<EmulatorProcessMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as EmulatorProcessMessage));
    child.once('exit', (code) => reject(new Error(`child exited ${code ?? 'by signal'} before answering`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('emulator-process (forked entry)', () => {
  it('starts from an IPC message, answers with endpoints, serves, and exits 0 when the parent disconnects', async () => {
    const child = spawn();
    const ready = firstMessage(child);
    child.send({ profile: testProfile({ pops: [{ id: 'fra' }, { id: 'iad' }], shield: true }), originUrl: origin.url, seed: 5, controlToken: 'process-test-token-0123' });
    const msg = await ready;
    if (msg.type !== 'ready') throw new Error(`not ready: ${msg.message}`);
    expect(msg.pops.map((p) => p.id)).toEqual(['fra', 'iad']);
    expect(msg.shieldUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(`${msg.pops[1]?.url ?? ''}/x`)).body.toString()).toBe('hello');
    expect(msg.controlToken).toBe('process-test-token-0123');
    expect((await get(`${msg.controlUrl}/__cdnbench/stats`, { authorization: 'Bearer process-test-token-0123' })).status).toBe(200);
    expect((await get(`${msg.controlUrl}/__cdnbench/stats`)).status).toBe(401);
    const exited = exitCode(child);
    child.disconnect();
    expect(await exited).toBe(0);
    await expect(get(`${msg.pops[0]?.url ?? ''}/x`)).rejects.toThrow();
  }, 20_000);

  it('answers failed and exits 1 on an invalid start message', async () => {
    const child = spawn();
    const answer = firstMessage(child);
    const exited = exitCode(child);
    child.send({ profile: { kind: 'emulator' }, originUrl: origin.url });
    const msg = await answer;
    expect(msg.type).toBe('failed');
    expect(await exited).toBe(1);
  }, 20_000);

  it('exits 0 on SIGTERM', async () => {
    const child = spawn();
    const ready = firstMessage(child);
    child.send({ profile: testProfile(), originUrl: origin.url });
    expect((await ready).type).toBe('ready');
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
