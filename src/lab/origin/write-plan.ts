/**
 * Writes a planned response. Small bodies go out in one `end()` call with the headers; large ones (audio)
 * are streamed in 64 KiB views, waiting for 'drain' whenever the socket's buffer is full, so a slow client
 * costs the origin neither memory nor CPU.
 */
import type { ServerResponse } from 'node:http';
import type { BodyPart, ResponsePlan } from './response-plan.js';

/** Bodies up to this size are concatenated and sent in one write. */
const SINGLE_WRITE_BYTES = 65_536;

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function stream(res: ServerResponse, parts: readonly BodyPart[]): Promise<void> {
  for (const part of parts) {
    for (const chunk of part.source.chunks(part.start, part.end)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drained(res);
    }
  }
  if (!res.destroyed) res.end();
}

/** Sends `plan` on `res`; returns once the body is handed to the socket (or the client went away). */
export async function writePlan(res: ServerResponse, plan: ResponsePlan): Promise<void> {
  if (res.destroyed) return;
  res.writeHead(plan.status, plan.headers);
  if (plan.bodyBytes === 0) {
    res.end();
    return;
  }
  if (plan.bodyBytes <= SINGLE_WRITE_BYTES) {
    const chunks = plan.parts.flatMap((p) => [...p.source.chunks(p.start, p.end)]);
    const [only] = chunks;
    res.end(chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks));
    return;
  }
  await stream(res, plan.parts);
}
