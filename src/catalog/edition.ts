/**
 * Edition hashes: the `{edition-hash}` path segment of mapping-tile URLs (DOMAIN.md §1). Content-addressed
 * URLs let an edition rollout avoid purges, so the hash must be reproducible from the ISBN alone.
 */
import { createHash } from 'node:crypto';

/** 12 lowercase hex characters (48 bits) identifying edition `editionNumber` of the book `isbn`. */
export function editionHash(isbn: string, editionNumber: number): string {
  return createHash('sha256').update(`${isbn}:${editionNumber}`).digest('hex').slice(0, 12);
}
