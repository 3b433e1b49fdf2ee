/**
 * The control API under `/__cdnbench/`: stats, reset, publish, drop, fault (bearer token required) and
 * health (open, reveals nothing). The token is checked before anything else, including the body and the
 * route, so an unauthenticated caller learns nothing and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { formatZodIssues } from '../../util/zod-issues.js';
import { bearerMatches } from './auth.js';
import { NO_STORE } from './cache-policy.js';
import { ControlRequestError, dropRequestSchema, faultRequestSchema, publishRequestSchema } from './control-schemas.js';
import type { OriginState } from './origin-state.js';
import { CONTROL_PREFIX } from './paths.js';
import { ORIGIN_HEADER } from './response-plan.js';

/** Control request bodies are small JSON documents; anything bigger is refused. */
const MAX_BODY_BYTES = 64 * 1024;

interface Route {
  method: 'GET' | 'POST';
  run(state: OriginState, query: URLSearchParams, body: () => Promise<unknown>): Promise<unknown>;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ControlRequestError(400, `invalid request body: ${formatZodIssues(parsed.error).join('; ')}`);
  return parsed.data;
}

const ROUTES: Readonly<Record<string, Route>> = {
  stats: { method: 'GET', run: async (s, q) => s.stats(q.get('prefix') ?? undefined) },
  reset: {
    method: 'POST',
    run: async (s, q) => {
      const everything = q.get('state') === '1';
      s.reset(everything);
      return { reset: everything ? 'counters+state' : 'counters' };
    },
  },
  publish: { method: 'POST', run: async (s, _q, body) => s.publish(parseWith(publishRequestSchema, await body())) },
  drop: { method: 'POST', run: async (s, _q, body) => s.drop(parseWith(dropRequestSchema, await body())) },
  fault: { method: 'POST', run: async (s, _q, body) => s.fault(parseWith(faultRequestSchema, await body())) },
};

/** Sends a JSON control answer (never cacheable). */
function reply(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'cache-control': NO_STORE,
    [ORIGIN_HEADER]: '1',
    ...headers,
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ControlRequestError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlRequestError(400, 'request body is not valid JSON');
  }
}

/** Handles a request whose path starts with `/__cdnbench` (query string already split off). */
export async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, query: string, state: OriginState, token: string): Promise<void> {
  const name = pathname.startsWith(CONTROL_PREFIX) ? pathname.slice(CONTROL_PREFIX.length) : '';
  if (name === 'health') {
    req.resume();
    if (req.method === 'GET' || req.method === 'HEAD') reply(res, 200, { ok: true });
    else reply(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    return;
  }
  if (!bearerMatches(req.headers.authorization, token)) {
    req.resume();
    reply(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer realm="cdnbench-origin"' });
    return;
  }
  const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
  if (route === undefined) {
    req.resume();
    reply(res, 404, { error: `unknown control path ${pathname}` });
    return;
  }
  // HEAD is GET without a body (Node drops the body of HEAD responses itself).
  if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD')) {
    req.resume();
    reply(res, 405, { error: `${pathname} takes ${route.method}` }, { allow: route.method === 'GET' ? 'GET, HEAD' : route.method });
    return;
  }
  try {
    reply(res, 200, await route.run(state, new URLSearchParams(query), () => readJson(req)));
  } catch (err) {
    if (err instanceof ControlRequestError) {
      reply(res, err.status, { error: err.message }, err.status === 413 ? { connection: 'close' } : {});
      return;
    }
    reply(res, 500, { error: 'internal error' });
  }
}
