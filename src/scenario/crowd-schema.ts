/**
 * The `crowd:` section of a scenario: N listeners released within a window (the album drop's instant),
 * each on its own connection (HTTP/1.1) or as a stream of a shared connection (HTTP/2), connections opened
 * before the window (warm) or at each listener's instant (cold). docs/scenario-file.md "Crowds".
 */
import { z } from 'zod';
import { parseDuration } from '../util/duration.js';
import { formatCount, MAX_CROWD_LISTENERS, MAX_CROWD_WINDOW_MS, MAX_STREAMS_PER_CONNECTION } from './bounds.js';

/** The crowd section's schema. */
export const crowdSchema = z
  .strictObject({
    listeners: z.number().int().positive().max(MAX_CROWD_LISTENERS).describe(`Listeners released (at most ${formatCount(MAX_CROWD_LISTENERS)}); each runs one session of the session models`),
    within: z
      .string()
      .refine((s) => (parseDuration(s) ?? 0) > 0 && (parseDuration(s) ?? Infinity) <= MAX_CROWD_WINDOW_MS, { message: `expected a duration above zero and at most ${MAX_CROWD_WINDOW_MS / 1000}s, like 1s or 200ms` })
      .describe('Window the listeners\' intended instants are spread over (load.arrival: constant = evenly, poisson = seeded uniform draws)'),
    connect: z.enum(['warm', 'cold']).default('warm').describe('warm: every connection is opened (TLS included) before the window and kept idle; cold: each listener connects at its instant'),
    protocol: z.enum(['http1', 'http2']).default('http1').describe('http1: one connection per listener; http2: streamsPerConnection listeners share a connection'),
    streamsPerConnection: z.number().int().positive().max(MAX_STREAMS_PER_CONNECTION).default(100).describe('HTTP/2: listeners (streams) per connection'),
  })
  .describe('Release a crowd of listeners within a window instead of phases (the album drop at scale)');

/** A validated crowd section. */
export type CrowdInput = z.output<typeof crowdSchema>;
