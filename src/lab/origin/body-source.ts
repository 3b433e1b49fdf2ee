/**
 * Response bodies as byte sources of known size that yield any inclusive slice in chunks. Small
 * documents are one Buffer; audio is generated on the fly (audio-content.ts), so range responses and full
 * downloads share one code path and nothing large is ever held in memory.
 */

/** A body of `size` bytes. */
export interface BodySource {
  /** Total length in bytes. */
  readonly size: number;
  /** The bytes start…end (inclusive, 0 <= start <= end < size) as consecutive chunks. */
  chunks(start: number, end: number): Iterable<Buffer>;
}

/** A source over an in-memory buffer: one zero-copy view per slice. */
export function bufferSource(data: Buffer): BodySource {
  return {
    size: data.length,
    chunks: (start, end) => [data.subarray(start, end + 1)],
  };
}
