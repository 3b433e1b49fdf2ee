/**
 * Two real Varnish instances as the "PoPs" of a staging CDN, configured by the test itself (its own VCL,
 * not the lab engines' generated one): both listen on one port, at 127.0.0.2 and 127.0.0.3, in front of a
 * test origin; `X-Cache: HIT|MISS` from `obj.hits`; `PURGE` from loopback purges the URL (Host + path +
 * query, Varnish's default hash). Each instance runs in the foreground in its own process group, killed
 * group and all on close, so no varnishd outlives the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { resolveEngineBinary } from '../../src/lab/engines/find-engine.js';

/** The two PoP addresses. */
export const POP_IPS = ['127.0.0.2', '127.0.0.3'] as const;

/** Two running Varnish PoPs. */
export interface VarnishPops {
  port: number;
  close(): Promise<void>;
}

/** The test's VCL: cache everything the origin sends for an hour, purge on PURGE from loopback. */
export function testVcl(originPort: number): string {
  return `vcl 4.1;
backend origin { .host = "127.0.0.1"; .port = "${originPort}"; }
acl purgers { "127.0.0.0"/8; }
sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) { return (synth(405, "not allowed")); }
    return (purge);
  }
}
sub vcl_backend_response {
  set beresp.ttl = 1h;
  set beresp.grace = 0s;
}
sub vcl_deliver {
  if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
`;
}

async function freePortOn(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function answering(ip: string, port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await request(`http://${ip}:${port}/__ready`, { headersTimeout: 1000, bodyTimeout: 1000 });
      await r.body.dump();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`varnishd on ${ip}:${port} did not answer within the start timeout`);
}

/** Starts both PoPs in `dir` in front of the origin at 127.0.0.1:`originPort`. */
export async function startVarnishPops(dir: string, originPort: number): Promise<VarnishPops> {
  const bin = resolveEngineBinary('varnish');
  if ('problem' in bin) throw new Error(bin.problem);
  const vcl = join(dir, 'test.vcl');
  await writeFile(vcl, testVcl(originPort));
  const port = await freePortOn(POP_IPS[0]);
  const children: ChildProcess[] = [];
  let errors = '';
  const close = async (): Promise<void> => {
    for (const c of children) killGroup(c, 'SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => {
      const t = setTimeout(() => { killGroup(c, 'SIGKILL'); r(); }, 5000);
      c.once('exit', () => { clearTimeout(t); r(); });
    }))));
  };
  try {
    for (const ip of POP_IPS) {
      const work = join(dir, `varnish-${ip}`);
      await mkdir(work, { recursive: true });
      const args = ['-F', '-j', 'none', '-a', `${ip}:${port}`, '-f', vcl, '-n', work, '-s', 'malloc,32m', '-T', 'none', '-p', 'vsl_space=1M'];
      const child = spawn(bin.path, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.setEncoding('utf8').on('data', (c: string) => (errors += c.slice(0, 2000)));
      children.push(child);
    }
    const deadline = Date.now() + 30_000;
    for (const ip of POP_IPS) await answering(ip, port, deadline);
  } catch (err) {
    await close();
    throw new Error(`${err instanceof Error ? err.message : String(err)}; varnishd said: ${errors.trim().slice(0, 500)}`);
  }
  return { port, close };
}
