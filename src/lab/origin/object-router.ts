/** Maps a request path to the object it names (DOMAIN.md §1 URL layout), or to a 404. */
import { audioObject } from './audio-objects.js';
import { metaObject, syncObject } from './book-objects.js';
import { NO_STORE } from './cache-policy.js';
import { deltaObject, tileObject } from './map-objects.js';
import type { ObjectContext } from './object-context.js';
import type { ErrorReply, Representation } from './representation.js';

/** Generic 404s are not stored: a path unknown now (a new edition's tiles) may exist after a publish. */
const NOT_FOUND: ErrorReply = { status: 404, cacheControl: NO_STORE, error: 'not found' };

function find(ctx: ObjectContext, seg: readonly string[], accept: string | undefined, nowMs: number): Representation | ErrorReply | undefined {
  const [, root, a = '', b = '', c = '', d = ''] = seg;
  switch (`${root ?? ''}/${seg.length}`) {
    case 'maps/6':
      return c === 'delta' ? deltaObject(ctx, a, b, d) : tileObject(ctx, a, b, c, d, accept);
    case 'meta/3':
      return metaObject(ctx, a);
    case 'sync/4':
      return syncObject(ctx, a, b, nowMs);
    case 'audio/4':
      return audioObject(ctx, a, b, nowMs);
    default:
      return undefined;
  }
}

/** The representation for `pathname` (no query string), a drop 404, or the generic 404. */
export function resolveObject(ctx: ObjectContext, pathname: string, accept: string | undefined, nowMs: number): Representation | ErrorReply {
  return find(ctx, pathname.split('/'), accept, nowMs) ?? NOT_FOUND;
}
