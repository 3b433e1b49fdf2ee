/**
 * Entry point of a background lab started by `cdnbench lab up`: origin plus the chosen emulated
 * providers, detached from the terminal. Reads its config from a 0600 file (then deletes it), writes
 * the state file when ready, and removes it when stopped by `lab down` (SIGTERM).
 */
import { readFileSync, rmSync } from 'node:fs';
import { describeError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { EmulatorProfile } from './emulator/emulator-profile.js';
import type { LabConfig } from './lab-protocol.js';
import { LabServices } from './lab-services.js';
import type { LabState } from './lab-state.js';

interface DaemonConfig {
  config: LabConfig;
  providers: { id: string; profile: EmulatorProfile }[];
  statePath: string;
}

const configPath = process.argv[2] ?? '';
const daemon = JSON.parse(readFileSync(configPath, 'utf8')) as DaemonConfig;
rmSync(configPath, { force: true });

let services: LabServices | null = null;
const stop = async (code: number): Promise<void> => {
  await services?.close();
  rmSync(daemon.statePath, { force: true });
  process.exit(code);
};
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.on('SIGHUP', () => undefined);

try {
  services = await LabServices.start(daemon.config);
  const providers = [];
  for (const p of daemon.providers) providers.push(await services.startEmulator(p.id, p.profile));
  const state: LabState = { pid: process.pid, startedAt: new Date().toISOString(), originUrl: services.originUrl, token: daemon.config.token, providers };
  await writeFileAtomic(daemon.statePath, `${JSON.stringify(state, null, 2)}\n`, 0o600);
} catch (err) {
  process.stderr.write(`cdnbench lab: ${describeError(err)}\n`);
  await stop(1);
}
