/**
 * `cdnbench lab up|down|status`: a background lab (origin + emulated archetypes) for manual use —
 * point a browser, curl, k6 or `run --provider <profile.yaml>` at it. `down` leaves no process behind.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_CATALOG } from '../catalog/catalog-config.js';
import { CdnbenchError, UsageError } from '../errors.js';
import { isProcessAlive, labStatePath, readLabState, type LabState } from '../lab/lab-state.js';
import { EmulatorProvider } from '../providers/emulator/emulator-provider.js';
import { defaultLabProviderIds, loadProviderProfile } from '../providers/resolve-providers.js';
import { Output, type OutputOptions } from './output.js';

interface LabArgs extends OutputOptions {
  action: 'up' | 'down' | 'status';
  provider: string[];
  originPort: number;
  seed: number;
}

const DAEMON = fileURLToPath(new URL('../lab/lab-daemon.js', import.meta.url));

function describeState(s: LabState): string {
  const lines = [`lab running (pid ${s.pid}, since ${s.startedAt})`, `origin   ${s.originUrl}   token: ${s.token}`];
  for (const p of s.providers) {
    lines.push(`${p.id.padEnd(16)} ${p.pops.map((pop) => `${pop.id}=${pop.url}`).join('  ')}   purge/control: ${p.controlUrl}`);
  }
  lines.push('purge/control calls need Authorization: Bearer <token> and content-type: application/json; cross-site requests are refused');
  return lines.join('\n');
}

async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function up(args: LabArgs, out: Output): Promise<void> {
  const statePath = labStatePath();
  const existing = readLabState(statePath);
  if (existing !== null && isProcessAlive(existing.pid)) {
    throw new UsageError(`a lab is already running (pid ${existing.pid}); run cdnbench lab down first`);
  }
  rmSync(statePath, { force: true });
  mkdirSync(dirname(statePath), { recursive: true });
  const refs = args.provider.length > 0 ? args.provider : defaultLabProviderIds();
  const providers = refs.map(loadProviderProfile).map((p) => {
    if (!(p instanceof EmulatorProvider)) throw new UsageError(`lab up runs emulated providers only; ${p.id} is a ${p.kind}`);
    return { id: p.id, profile: p.profile };
  });
  const token = process.env.CDNBENCH_ORIGIN_TOKEN ?? randomBytes(16).toString('hex');
  const configPath = join(tmpdir(), `cdnbench-lab-config-${randomBytes(6).toString('hex')}.json`);
  const config = { catalog: { ...DEFAULT_CATALOG, seed: args.seed }, token, seed: args.seed, originPort: args.originPort };
  writeFileSync(configPath, JSON.stringify({ config, providers, statePath }), { mode: 0o600 });
  const logPath = `${statePath}.log`;
  const log = openSync(logPath, 'w');
  const child = spawn(process.execPath, [DAEMON, configPath], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  const found = await waitFor<LabState | 'exited'>(() => readLabState(statePath) ?? (exited ? 'exited' : null), 20_000);
  const state = found === 'exited' ? null : found;
  if (state === null) {
    if (child.pid !== undefined && isProcessAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
    throw new CdnbenchError('PROVIDER_START_FAILED', `the lab did not start (see ${logPath})`);
  }
  out.answer(`${describeState(state)}\nstop it with: cdnbench lab down`, { running: true, ...state });
}

async function down(out: Output): Promise<void> {
  const statePath = labStatePath();
  const state = readLabState(statePath);
  if (state === null || !isProcessAlive(state.pid)) {
    rmSync(statePath, { force: true });
    out.answer('no lab running', { running: false });
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  const gone = await waitFor(() => (isProcessAlive(state.pid) ? null : true), 5000);
  if (gone === null) process.kill(state.pid, 'SIGKILL');
  rmSync(statePath, { force: true });
  rmSync(`${statePath}.log`, { force: true });
  out.answer(`lab stopped (pid ${state.pid})`, { running: false, stopped: state.pid });
}

/** The lab command module. */
export const labCommand: CommandModule<object, LabArgs> = {
  command: 'lab <action>',
  describe: 'Start, stop or inspect a background lab (origin + emulated PoPs) for manual use',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['up', 'down', 'status'] as const, demandOption: true })
      .option('provider', { type: 'string', array: true, default: [], describe: 'Emulated profiles to start [default: all five archetypes]' })
      .option('origin-port', { type: 'number', default: 8080, describe: 'Port of the lab origin (0 = any free port)' })
      .option('seed', { type: 'number', default: DEFAULT_CATALOG.seed, describe: 'Catalog seed' }) as unknown as Argv<LabArgs>,
  handler: async (args) => {
    const out = new Output(args);
    if (args.action === 'up') return up(args, out);
    if (args.action === 'down') return down(out);
    const state = readLabState();
    if (state !== null && isProcessAlive(state.pid)) out.answer(describeState(state), { running: true, ...state });
    else out.answer('no lab running', { running: false });
  },
};
