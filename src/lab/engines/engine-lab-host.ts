/**
 * cdnbench's side of an engine lab: forks the engine-lab process, waits until every instance answers,
 * and stops it. Two guards against orphans besides the orderly stop: the engine-lab process stops the
 * engines when this process disappears (IPC closes), and when this process exits with the lab still
 * running (a second Ctrl-C, an uncaught error) it SIGKILLs every engine process group it was told about
 * and asks the engine lab to clean up.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CdnbenchError } from '../../errors.js';
import { killGroup } from './engine-process.js';
import { isEngineLabMessage, type EngineLabConfig, type EngineLabEndpoints, type EngineLabRequest } from './engine-lab-protocol.js';

const ENTRY = fileURLToPath(new URL('./engine-lab-process.js', import.meta.url));

/** Longest start: three instances compiling VCL or initialising caches on a loaded two-core machine. */
const START_TIMEOUT_MS = 120_000;

/** How long an orderly stop may take before the engine lab is killed (its engines get SIGKILL by group). */
const STOP_TIMEOUT_MS = 12_000;

/** Options of a start. */
export interface EngineLabStartOptions {
  /** Aborts a start in progress (SIGINT). */
  signal?: AbortSignal;
  /** One line to the user when an engine exits during the run. */
  log(line: string): void;
}

/** A running engine lab. */
export class EngineLabHost {
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly pgids: Set<number>,
    /** Where origin, PoPs and shield answer. */
    readonly endpoints: EngineLabEndpoints,
    private readonly onProcessExit: () => void,
  ) {
    this.exit = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    void this.exit.then(() => {
      this.exited = true;
    });
  }

  /** Forks the engine lab and resolves once every instance answers; rejects (everything stopped) otherwise. */
  static async start(config: EngineLabConfig, opts: EngineLabStartOptions): Promise<EngineLabHost> {
    // Its own process group: a terminal's Ctrl-C reaches cdnbench alone, which stops the engines in order.
    const child = fork(ENTRY, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], detached: true });
    const pgids = new Set<number>();
    const onProcessExit = (): void => {
      for (const g of pgids) killGroup(g, 'SIGKILL');
      child.kill('SIGTERM'); // removes the temp directory and stops the origin
    };
    process.once('exit', onProcessExit);
    child.on('message', (m: unknown) => {
      if (!isEngineLabMessage(m)) return;
      if (m.type === 'spawned') pgids.add(m.pgid);
      else if (m.type === 'engine-exited') opts.log(`${config.engine} ${m.id} exited during the run${m.code === null ? '' : ` (code ${m.code})`}`);
    });
    child.send(config);
    let timer: NodeJS.Timeout | undefined;
    let onAbort = (): void => undefined;
    try {
      const endpoints = await new Promise<EngineLabEndpoints>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        onAbort = () => reject(new Error('interrupted'));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        if (opts.signal?.aborted === true) onAbort();
        child.on('message', (m: unknown) => {
          if (!isEngineLabMessage(m)) return;
          if (m.type === 'ready') resolve(m.endpoints);
          else if (m.type === 'failed') reject(new Error(m.message));
        });
        child.once('exit', (code) => reject(new Error(`the engine lab exited with code ${code}`)));
      });
      return new EngineLabHost(child, pgids, endpoints, onProcessExit);
    } catch (err) {
      const host = new EngineLabHost(child, pgids, { originUrl: '', root: '', pops: [], shieldUrl: null }, onProcessExit);
      await host.stop();
      throw new CdnbenchError('PROVIDER_START_FAILED', `cannot start ${config.engine}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops every instance and the origin; SIGKILLs whatever is left after the timeout. Idempotent. */
  async stop(): Promise<void> {
    if (!this.exited) {
      if (this.child.connected) this.child.send({ type: 'shutdown' } satisfies EngineLabRequest);
      else this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await this.exit;
      clearTimeout(timer);
    }
    // An engine lab that stopped cleanly (exit 0) stopped its engines; one that was killed or failed may not have.
    if (this.child.exitCode !== 0) for (const g of this.pgids) killGroup(g, 'SIGKILL');
    process.off('exit', this.onProcessExit);
    if (this.child.connected) this.child.disconnect();
  }
}
