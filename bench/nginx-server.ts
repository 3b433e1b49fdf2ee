/**
 * A throwaway nginx serving one small tile on loopback, for benchmarks that must not be limited by
 * the server (nginx answers a cached small file far faster than any Node server on the same core).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running nginx. */
export interface NginxServer {
  url: string;
  bodyBytes: number;
  stop(): void;
}

/** True when an nginx binary is on PATH. */
export function hasNginx(): boolean {
  return spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts nginx (one worker) serving `body` at /maps/tile.json as a cache HIT. */
export async function startNginx(body: Buffer): Promise<NginxServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cdnbench-nginx-'));
  const port = await freePort();
  mkdirSync(join(dir, 'www/maps'), { recursive: true });
  writeFileSync(join(dir, 'www/maps/tile.json'), body);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1; daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 60s;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}/www; location / { add_header Cache-Status "bench; hit"; } } }\n`,
  );
  const child: ChildProcess = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/maps/tile.json`);
      await r.arrayBuffer();
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    bodyBytes: body.length,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
