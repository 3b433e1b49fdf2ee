/** Shared pieces of the benchmarks: a server child process, formatting. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A server running in a child process. */
export interface ChildServer {
  url: string;
  bodyBytes: number;
  child: ChildProcess;
  stop(): void;
}

/** Starts `bench/<script>.js` (compiled) in a child process and waits for its port. */
export async function startChildServer(script: string, args: string[] = []): Promise<ChildServer> {
  const child = fork(fileURLToPath(new URL(`./${script}.js`, import.meta.url)), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const info = await new Promise<{ port: number; bytes: number }>((resolve, reject) => {
    child.once('message', (m: unknown) => resolve(m as { port: number; bytes: number }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${info.port}`, bodyBytes: info.bytes, child, stop: () => child.kill('SIGTERM') };
}

/** Formats a number with a fixed number of decimals, right-aligned. */
export function fmt(n: number | null, digits = 0, width = 9): string {
  return (n === null ? '—' : n.toFixed(digits)).padStart(width);
}
