/**
 * Entry point of the engine-lab process a `lab-engine` provider forks: cdnbench's origin plus the engine
 * instances, apart from the load generator so it keeps its own core (as the emulator lab does). The
 * config arrives as the first IPC message. It is also the engines' supervisor: when cdnbench goes away
 * for any reason — even SIGKILL — the IPC channel closes and this process stops every engine's process
 * group and removes the temp directory before exiting, so no engine outlives a run.
 */
import { describeError } from '../../errors.js';
import { EngineLab } from './engine-lab.js';
import type { EngineLabConfig, EngineLabMessage } from './engine-lab-protocol.js';

/** After a shutdown starts, exit by this time whatever happens (every engine gets SIGKILL within 3 s). */
const SHUTDOWN_LIMIT_MS = 10_000;

const starting = new AbortController();
let lab: EngineLab | null = null;
let start: Promise<void> | null = null;
let stopping = false;

function send(msg: EngineLabMessage): void {
  if (process.connected) process.send?.(msg);
}

function isShutdown(m: unknown): boolean {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'shutdown';
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), SHUTDOWN_LIMIT_MS).unref();
  // A start in progress stops what it started once the abort reaches it.
  starting.abort();
  await start?.catch(() => undefined);
  await lab?.close();
  process.exit(code);
}

async function run(config: EngineLabConfig): Promise<void> {
  try {
    const started = await EngineLab.start(config, { onSpawn: (pgid) => send({ type: 'spawned', pgid }), signal: starting.signal });
    lab = started;
    if (stopping) return;
    started.watch((id, code) => send({ type: 'engine-exited', id, code }));
    send({ type: 'ready', endpoints: started.endpoints });
  } catch (err) {
    if (!stopping) send({ type: 'failed', message: describeError(err) });
  }
}

process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
process.on('SIGINT', () => undefined); // cdnbench decides when the lab stops
process.on('message', (m: unknown) => {
  if (isShutdown(m)) void shutdown(0);
  else if (start === null) start = run(m as EngineLabConfig);
});
