/**
 * An engine lab in one process: cdnbench's origin serving the scenario's catalog, and one engine instance
 * per PoP (plus the optional shield) in front of it, each in its own directory under one temp directory.
 * Instances are started shield first (the PoPs' upstream), then the PoPs in parallel; each must answer
 * through to the origin before the lab is ready, and the origin's counters are zeroed afterwards so the
 * readiness probes are not counted as fetches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../../errors.js';
import { startOrigin, type RunningOrigin } from '../origin/index.js';
import { ENGINE_CONFIGS } from './engine-configs.js';
import type { EngineLabConfig, EngineLabEndpoints } from './engine-lab-protocol.js';
import { spawnEngine, waitUntilAnswering, type EngineProcess } from './engine-process.js';
import { ENGINE_BINARIES, ENGINE_SHIELD_ID } from './engine-spec.js';
import { freeLoopbackPort } from './free-port.js';

/** How long one instance may take to answer (Varnish compiles its VCL with cc first). */
const READY_TIMEOUT_MS = 60_000;

/** Starts on a new port when an instance fails this many times in a row (a port taken in between). */
const ATTEMPTS = 3;

/** Callbacks of a starting lab. */
export interface EngineLabHooks {
  /** Called with each instance's process group as soon as it is spawned, before it answers. */
  onSpawn(pgid: number): void;
  signal?: AbortSignal;
}

/** A running engine lab. */
export class EngineLab {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly origin: RunningOrigin,
    private readonly processes: EngineProcess[],
    /** Where everything answers. */
    readonly endpoints: EngineLabEndpoints,
  ) {}

  /** Starts the origin and every instance; on failure everything started so far is stopped. */
  static async start(config: EngineLabConfig, hooks: EngineLabHooks): Promise<EngineLab> {
    const origin = await startOrigin({
      catalog: config.catalog, token: config.token, seed: config.seed,
      ...(config.originLatency === undefined ? {} : { latency: config.originLatency }),
    });
    const root = mkdtempSync(join(tmpdir(), `cdnbench-${config.engine}-`));
    const processes: EngineProcess[] = [];
    const originHop = { host: '127.0.0.1', port: origin.port };
    const start = async (id: string, upstream: { host: string; port: number }): Promise<EngineProcess> => {
      const p = await startInstance(config, root, id, upstream, hooks);
      processes.push(p);
      return p;
    };
    try {
      const shield = config.shield ? await start(ENGINE_SHIELD_ID, originHop) : null;
      const upstream = shield === null ? originHop : { host: '127.0.0.1', port: Number(new URL(shield.url).port) };
      // Settled, not Promise.all: a PoP still starting when another fails must be stopped too.
      const settled = await Promise.allSettled(config.pops.map((id) => start(id, upstream)));
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const pops = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      origin.state.reset(false);
      return new EngineLab(origin, processes, {
        originUrl: origin.url, root, pops: pops.map((p) => ({ id: p.id, url: p.url })), shieldUrl: shield?.url ?? null,
      });
    } catch (err) {
      await Promise.allSettled(processes.map((p) => p.stop()));
      await origin.close();
      rmSync(root, { recursive: true, force: true });
      throw err;
    }
  }

  /** Calls `onExit` when an instance's process exits before the lab is closed. */
  watch(onExit: (id: string, code: number | null) => void): void {
    for (const p of this.processes) {
      void p.exited.then((code) => {
        if (this.closing === undefined) onExit(p.id, code);
      });
    }
  }

  /** Stops every instance (by process group), the origin, and removes the temp directory; idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled(this.processes.map((p) => p.stop()));
      await this.origin.close().catch(() => undefined);
      rmSync(this.endpoints.root, { recursive: true, force: true });
    })();
    return this.closing;
  }
}

/** Starts one instance and waits until it answers; retries on a new port when the port was taken meanwhile. */
async function startInstance(config: EngineLabConfig, root: string, id: string, upstream: { host: string; port: number }, hooks: EngineLabHooks): Promise<EngineProcess> {
  const name = `${ENGINE_BINARIES[config.engine].binary} ${id}`;
  for (let attempt = 1; ; attempt++) {
    const dir = join(root, id);
    rmSync(dir, { recursive: true, force: true });
    const inst = { id, port: await freeLoopbackPort(), dir, upstream, cacheBytes: config.cacheBytes, privileged: process.getuid?.() === 0 };
    const proc = spawnEngine(config.binary, inst, ENGINE_CONFIGS[config.engine](inst, config.tuning));
    hooks.onSpawn(proc.pgid);
    try {
      await waitUntilAnswering(proc, name, READY_TIMEOUT_MS, hooks.signal);
      return proc;
    } catch (err) {
      await proc.stop();
      const message = describeError(err);
      if (attempt >= ATTEMPTS || hooks.signal?.aborted === true || !/in use|bind/i.test(message)) throw new Error(message);
    }
  }
}
