/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) for end-to-end tests: started on a
 * loopback ephemeral port with no persistence file (metrics in memory only) and, optionally, basic auth;
 * stopped (SIGTERM, then SIGKILL) by `stop()`. `pushgatewayBinary()` finds it; tests must fail, not skip,
 * when it is missing and CDNBENCH_REQUIRE_ENGINES=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { request } from 'undici';

/** A running Pushgateway. */
export interface Pushgateway {
  url: string;
  /** GET /metrics (with the basic-auth header when auth is on). */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/** Basic-auth user and password plus the bcrypt hash of the password, as the web config wants it. */
export interface PushgatewayAuth {
  user: string;
  password: string;
  bcrypt: string;
}

/** Absolute path of prometheus-pushgateway (or pushgateway) on PATH or in /usr/bin; null when absent. */
export function pushgatewayBinary(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const name of ['prometheus-pushgateway', 'pushgateway']) {
    for (const d of dirs) if (d !== '' && existsSync(join(d, name))) return join(d, name);
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts a Pushgateway and waits until /-/ready answers (a port taken in between is retried). */
export async function startPushgateway(binary: string, auth: PushgatewayAuth | null = null): Promise<Pushgateway> {
  const dir = await mkdtemp(join(tmpdir(), 'cdnbench-pushgateway-'));
  const args: string[] = ['--persistence.file=', `--log.level=warn`];
  if (auth !== null) {
    await writeFile(join(dir, 'web.yaml'), `basic_auth_users:\n  ${auth.user}: ${auth.bcrypt}\n`);
    args.push(`--web.config.file=${join(dir, 'web.yaml')}`);
  }
  const headers: Record<string, string> = auth === null ? {} : { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` };
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(binary, [...args, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (log += c));
    const url = `http://127.0.0.1:${port}`;
    const stop = async (): Promise<void> => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    };
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const ready = await request(`${url}/-/ready`, { headers }).then(
        async (r) => {
          await r.body.dump();
          return r.statusCode === 200;
        },
        () => false,
      );
      if (ready) {
        return {
          url,
          metrics: async () => {
            const r = await request(`${url}/metrics`, { headers });
            const text = await r.body.text();
            if (r.statusCode !== 200) throw new Error(`GET /metrics answered ${r.statusCode}: ${text}`);
            return text;
          },
          stop,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop();
    if (!/address already in use/.test(log)) throw new Error(`the Pushgateway did not become ready: ${log.trim().split('\n').slice(-3).join(' | ')}`);
  }
  throw new Error('the Pushgateway found no free port in 3 attempts');
}

/** One sample of a Prometheus text exposition. */
export interface ScrapedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comment lines skipped, label escapes undone). */
export function parseExposition(text: string): ScrapedSample[] {
  const out: ScrapedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (m === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const raw = m[3] ?? '';
    out.push({ name: m[1] ?? '', labels, value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw) });
  }
  return out;
}
