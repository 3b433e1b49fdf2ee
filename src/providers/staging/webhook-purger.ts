/**
 * Invalidation through a webhook: POST `{"urls":[…],"tags":[…],"all":bool}` as JSON, with the secret
 * from an environment variable in the configured header. 2xx is success; a JSON answer's string `id`
 * becomes the receipt's id. The secret never appears in a receipt, an error message or a log line.
 */
import { request } from 'undici';
import { describeError } from '../../errors.js';
import type { PurgeReceipt } from '../adapter.js';
import type { z } from 'zod';
import type { webhookSchema } from './staging-profile.js';

/** A validated webhook section. */
export type WebhookConfig = z.output<typeof webhookSchema>;

/** What a purge hook is asked to invalidate (URLs absolute). */
export interface HookRequest {
  urls: string[];
  tags: string[];
  all: boolean;
  /** Publish hooks only: the scenario paths of the objects to change. */
  paths?: string[];
}

/** Sends one invalidation to the webhook; never throws. */
export async function webhookPurge(cfg: WebhookConfig, req: HookRequest, env: NodeJS.ProcessEnv = process.env): Promise<PurgeReceipt> {
  const started = performance.now();
  const apiMs = (): number => performance.now() - started;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'cdnbench-purge' };
  if (cfg.authEnv !== undefined) {
    const secret = env[cfg.authEnv];
    if (secret === undefined || secret === '') return { ok: false, apiMs: 0, error: `environment variable ${cfg.authEnv} is not set` };
    headers[cfg.authHeader.toLowerCase()] = `${cfg.authPrefix}${secret}`;
  }
  try {
    const res = await request(cfg.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(req),
      headersTimeout: cfg.timeout,
      bodyTimeout: cfg.timeout,
      signal: AbortSignal.timeout(cfg.timeout),
    });
    const text = await res.body.text();
    if (res.statusCode < 200 || res.statusCode >= 300) return { ok: false, apiMs: apiMs(), error: `webhook answered ${res.statusCode}` };
    const id = idOf(text);
    return { ok: true, apiMs: apiMs(), ...(id === undefined ? {} : { id }) };
  } catch (err) {
    // undici's messages name the failure (ECONNREFUSED, timeout), never the request headers.
    return { ok: false, apiMs: apiMs(), error: `webhook failed: ${describeError(err).split('\n')[0] ?? 'error'}` };
  }
}

function idOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.length <= 200 ? id : undefined;
  } catch {
    return undefined;
  }
}
