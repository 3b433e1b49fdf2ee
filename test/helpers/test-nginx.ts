/**
 * The test's own nginx (its own configuration, not the lab engines' generated ones): a plain reverse
 * proxy with caching off in front of a test origin, logging `$request_uri $status` per request so the
 * test can count what passed through it. Started in a temporary prefix, stopped by its process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { resolveEngineBinary } from '../../src/lab/engines/find-engine.js';
import { freeLoopbackPort } from '../../src/lab/engines/free-port.js';

/** A running nginx. */
export interface TestNginx {
  url: string;
  /** Requests per `$request_uri` from its access log. */
  accessCounts(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

function config(dir: string, port: number, originPort: number): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  log_format counted '$request_uri $status';
  access_log ${dir}/access.log counted;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream origin { server 127.0.0.1:${originPort}; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Starts nginx in `dir` proxying to the origin on `originPort`; throws the install hint when nginx is missing. */
export async function startTestNginx(dir: string, originPort: number): Promise<TestNginx> {
  const bin = resolveEngineBinary('nginx');
  if ('problem' in bin) throw new Error(bin.problem);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const port = await freeLoopbackPort();
  await writeFile(join(dir, 'nginx.conf'), config(dir, port, originPort));
  const child: ChildProcess = spawn(bin.path, ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, Date.now() + 15_000);
  return {
    url: `http://127.0.0.1:${port}`,
    accessCounts: async () => {
      const counts = new Map<string, number>();
      for (const line of (await readFile(join(dir, 'access.log'), 'utf8')).split('\n')) {
        const uri = line.split(' ')[0];
        if (uri !== undefined && uri !== '') counts.set(uri, (counts.get(uri) ?? 0) + 1);
      }
      return counts;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}
