/**
 * The lab's services in one process: the instrumented origin and any number of emulated providers
 * in front of it. Used by the forked lab process (one provider per run) and by `lab up` (all of them).
 */
import { describeError } from '../errors.js';
import { startEmulator, type RunningEmulator } from './emulator/index.js';
import type { EmulatorProfile } from './emulator/emulator-profile.js';
import type { EmulatorEndpoints, LabConfig } from './lab-protocol.js';
import { startOrigin, type RunningOrigin } from './origin/index.js';

/** A running origin plus emulators. */
export class LabServices {
  private readonly emulators = new Map<string, RunningEmulator>();

  private constructor(
    private readonly origin: RunningOrigin,
    private readonly seed: number,
    private readonly token: string,
  ) {}

  /** Starts the origin. */
  static async start(config: LabConfig): Promise<LabServices> {
    const origin = await startOrigin({
      catalog: config.catalog, token: config.token, seed: config.seed, port: config.originPort ?? 0,
      ...(config.originLatency === undefined ? {} : { latency: config.originLatency }),
    }).catch((err: unknown) => {
      throw new Error(`origin: ${describeError(err)}`);
    });
    return new LabServices(origin, config.seed, config.token);
  }

  /** Base URL of the origin. */
  get originUrl(): string {
    return this.origin.url;
  }

  /** Starts (or restarts) an emulated provider in front of the origin. */
  async startEmulator(id: string, profile: EmulatorProfile): Promise<EmulatorEndpoints> {
    await this.stopEmulator(id);
    // One token for the whole lab: the origin's control API and every emulator's purge/control server.
    const em = await startEmulator({ profile, originUrl: this.origin.url, seed: this.seed, controlToken: this.token });
    this.emulators.set(id, em);
    return { id, pops: em.pops, controlUrl: em.controlUrl, shieldUrl: em.shieldUrl };
  }

  /** Stops one emulated provider. */
  async stopEmulator(id: string): Promise<void> {
    const em = this.emulators.get(id);
    this.emulators.delete(id);
    await em?.close();
  }

  /** Stops everything. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.emulators.values()].map((e) => e.close()));
    this.emulators.clear();
    await this.origin.close().catch(() => undefined);
  }
}
