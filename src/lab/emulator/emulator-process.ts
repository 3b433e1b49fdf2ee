/**
 * Entry point of an emulator forked on its own (`child_process.fork('dist/src/lab/emulator/emulator-process.js')`),
 * so the PoPs get a core apart from the load engine.
 *
 * Protocol: the parent sends one IPC message `{ profile, originUrl, seed?, host?, controlToken? }` (or
 * passes the same object as JSON in argv[2], for manual runs); the child answers `{ type: 'ready', pops,
 * controlUrl, shieldUrl, controlToken }` (the control server's bearer token, random when none was given) (also printed as one JSON line on stdout when started from argv) or `{ type: 'failed',
 * message }` and exits 1. It exits 0 when the parent disconnects (the IPC channel closes even when the
 * parent is killed, so no emulator outlives its run), on SIGTERM, or on a `{ type: 'shutdown' }` message.
 */
import { z } from 'zod';
import { emulatorProfileSchema } from './emulator-profile.js';
import { type RunningEmulator, startEmulator } from './emulator.js';

const startMessage = z.strictObject({
  profile: emulatorProfileSchema,
  originUrl: z.url({ protocol: /^https?$/ }),
  seed: z.number().int().optional(),
  host: z.string().min(1).optional(),
  controlToken: z.string().min(16).optional(),
});

/** The first message (or argv[2] JSON) the process expects. */
export type EmulatorStartMessage = z.input<typeof startMessage>;

/** What the process answers. */
export type EmulatorProcessMessage =
  | { type: 'ready'; pops: { id: string; url: string }[]; controlUrl: string; shieldUrl: string | null; controlToken: string }
  | { type: 'failed'; message: string };

let running: RunningEmulator | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running?.close().catch(() => undefined);
  process.exit(code);
}

function reply(msg: EmulatorProcessMessage, toStdout: boolean): void {
  if (process.send !== undefined && process.connected) process.send(msg);
  if (toStdout) process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function start(raw: unknown, toStdout: boolean): Promise<void> {
  const parsed = startMessage.safeParse(raw);
  if (!parsed.success) {
    const message = `invalid start message: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
    reply({ type: 'failed', message }, toStdout);
    return shutdown(1);
  }
  const m = parsed.data;
  try {
    running = await startEmulator({ profile: m.profile, originUrl: m.originUrl, ...(m.seed === undefined ? {} : { seed: m.seed }), ...(m.host === undefined ? {} : { host: m.host }), ...(m.controlToken === undefined ? {} : { controlToken: m.controlToken }) });
    reply({ type: 'ready', pops: running.pops, controlUrl: running.controlUrl, shieldUrl: running.shieldUrl, controlToken: running.controlToken }, toStdout);
  } catch (err) {
    reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, toStdout);
    await shutdown(1);
  }
}

process.on('SIGTERM', () => void shutdown(0));
process.on('disconnect', () => void shutdown(0));

const argv = process.argv[2];
if (argv !== undefined) {
  let raw: unknown;
  try {
    raw = JSON.parse(argv);
  } catch {
    raw = undefined;
  }
  void start(raw, true);
  // Started by hand: Ctrl-C stops it. Under fork the parent's group gets SIGINT too and decides itself.
  if (process.send === undefined) process.on('SIGINT', () => void shutdown(0));
} else if (process.send === undefined) {
  process.stderr.write('emulator-process: expected a start message over IPC (fork) or as JSON in argv[2]\n');
  process.exit(2);
} else {
  process.once('message', (raw: unknown) => void start(raw, false));
  process.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'shutdown') void shutdown(0);
  });
}
