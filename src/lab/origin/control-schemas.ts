/**
 * Request bodies of the control API (zod, strict: a misspelt field is an error, not a silent default)
 * and the error type control operations throw to become a 4xx reply.
 */
import { z } from 'zod';

/** `POST /__cdnbench/publish`. */
export const publishRequestSchema = z.strictObject({
  isbn: z.string().min(1).optional(),
  rank: z.number().int().nonnegative().optional(),
  changePercent: z.number().positive().max(100).default(3),
  mode: z.enum(['in-place', 'new-edition']).default('in-place'),
  /** Report what the publish would change (tiles, paths under the edition it would use, tags) without changing anything. */
  preview: z.boolean().default(false),
});

/** A publish request (defaults applied). */
export type PublishRequest = z.output<typeof publishRequestSchema>;

/** `POST /__cdnbench/drop`. */
export const dropRequestSchema = z.strictObject({
  album: z.string().min(1),
  at: z.number().int().nonnegative().optional(),
});

/** A drop request. */
export type DropRequest = z.output<typeof dropRequestSchema>;

/** `POST /__cdnbench/fault`. */
export const faultRequestSchema = z.strictObject({
  kind: z.enum(['error', 'slow', 'clear']),
  durationMs: z.number().nonnegative().optional(),
  status: z.number().int().min(400).max(599).default(503),
  delayMs: z.number().nonnegative().default(0),
});

/** A fault request (defaults applied). */
export type FaultRequest = z.output<typeof faultRequestSchema>;

/** A control operation refused for a reason the caller can fix; becomes a JSON error with `status`. */
export class ControlRequestError extends Error {
  override readonly name = 'ControlRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
