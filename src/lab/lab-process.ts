/**
 * Entry point of the lab process forked for a run: origin + emulated PoPs, apart from the load engine
 * so the generator keeps its own core. The config (with the origin token) arrives as the first IPC
 * message, never on the command line. The process exits when its parent goes away (the IPC channel
 * closes even when the parent is killed), so no lab process outlives the run.
 */
import { describeError } from '../errors.js';
import type { LabConfig, LabMessage, LabRequest } from './lab-protocol.js';
import { LabServices } from './lab-services.js';

function send(msg: LabMessage): void {
  process.send?.(msg);
}

let lab: LabServices | null = null;
let stopping = false;

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await lab?.close();
  process.exit(0);
}

async function handle(req: LabRequest, services: LabServices): Promise<void> {
  try {
    if (req.type === 'start-emulator') send({ rid: req.rid, type: 'ok', endpoints: await services.startEmulator(req.id, req.profile) });
    else if (req.type === 'stop-emulator') {
      await services.stopEmulator(req.id);
      send({ rid: req.rid, type: 'ok' });
    } else {
      send({ rid: req.rid, type: 'ok' });
      await shutdown();
    }
  } catch (err) {
    send({ rid: req.rid, type: 'error', message: describeError(err) });
  }
}

process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group; the parent decides when the lab stops.
process.once('message', (raw: unknown) => {
  void (async () => {
    try {
      const services = await LabServices.start(raw as LabConfig);
      lab = services;
      process.on('message', (m: unknown) => void handle(m as LabRequest, services));
      send({ type: 'ready', originUrl: services.originUrl });
    } catch (err) {
      send({ type: 'failed', message: describeError(err) });
      process.exit(1);
    }
  })();
});
