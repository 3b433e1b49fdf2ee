/**
 * Starts and stops a lab process (origin + emulated PoPs) from the engine process, and talks to it
 * over IPC. The child is killed when this process exits for any reason, and the child exits by itself
 * when the IPC channel closes, so no lab process outlives its parent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CdnbenchError } from '../errors.js';
import type { EmulatorProfile } from './emulator/emulator-profile.js';
import { isLabMessage, type EmulatorEndpoints, type LabConfig, type LabMessage, type LabRequest } from './lab-protocol.js';

const LAB_ENTRY = fileURLToPath(new URL('./lab-process.js', import.meta.url));
const START_TIMEOUT_MS = 20_000;

type Pending = { resolve: (m: LabMessage) => void; reject: (e: Error) => void };
type LabCall = { type: 'start-emulator'; id: string; profile: EmulatorProfile } | { type: 'stop-emulator'; id: string } | { type: 'shutdown' };

/** A running lab process. */
export class LabHost {
  private nextRid = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;
  private readonly killOnExit = (): void => {
    if (!this.exited) this.child.kill('SIGKILL');
  };

  private constructor(
    private readonly child: ChildProcess,
    /** Base URL of the lab origin. */
    readonly originUrl: string,
    /** Bearer token of the origin's control API. */
    readonly token: string,
  ) {
    process.once('exit', this.killOnExit);
    child.on('message', (m: unknown) => {
      if (!isLabMessage(m) || !('rid' in m)) return;
      const p = this.pending.get(m.rid);
      this.pending.delete(m.rid);
      p?.resolve(m);
    });
    child.once('exit', () => {
      this.exited = true;
      process.off('exit', this.killOnExit);
      for (const p of this.pending.values()) p.reject(new Error('the lab process exited'));
      this.pending.clear();
    });
  }

  /** Forks the lab process and waits until its origin answers. */
  static async start(config: LabConfig): Promise<LabHost> {
    // Its own process group: a terminal's Ctrl-C goes to cdnbench alone, which stops the lab in order.
    const child = fork(LAB_ENTRY, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], detached: true });
    child.send(config);
    const ready = await new Promise<LabMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the lab did not start within 20 s')), START_TIMEOUT_MS);
      child.once('message', (m: unknown) => {
        clearTimeout(timer);
        if (isLabMessage(m)) resolve(m);
        else reject(new Error('unexpected message from the lab'));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the lab process exited with code ${code}`));
      });
    }).catch((err: unknown) => {
      child.kill('SIGKILL');
      throw new CdnbenchError('PROVIDER_START_FAILED', `cannot start the lab: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (ready.type !== 'ready') {
      child.kill('SIGKILL');
      throw new CdnbenchError('PROVIDER_START_FAILED', `cannot start the lab: ${ready.type === 'failed' ? ready.message : 'no ready message'}`);
    }
    return new LabHost(child, ready.originUrl, config.token);
  }

  private call(req: LabCall): Promise<LabMessage> {
    if (this.exited) return Promise.reject(new Error('the lab process is not running'));
    const rid = this.nextRid++;
    return new Promise((resolve, reject) => {
      this.pending.set(rid, { resolve, reject });
      this.child.send({ ...req, rid } satisfies LabRequest);
    });
  }

  /** Starts an emulated provider's PoPs; resolves with their endpoints. */
  async startEmulator(id: string, profile: EmulatorProfile): Promise<EmulatorEndpoints> {
    const m = await this.call({ type: 'start-emulator', id, profile });
    if (m.type === 'ok' && m.endpoints !== undefined) return m.endpoints;
    throw new CdnbenchError('PROVIDER_START_FAILED', `cannot start emulator ${id}: ${m.type === 'error' ? m.message : 'no endpoints'}`);
  }

  /** Stops the lab process; kills it if it does not exit within 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await Promise.race([this.call({ type: 'shutdown' }).catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    if (this.child.connected) this.child.disconnect();
    await exited;
    clearTimeout(timer);
  }
}
