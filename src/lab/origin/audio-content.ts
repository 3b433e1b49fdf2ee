/**
 * Deterministic audio bytes without audio files: one 64 KiB pseudo-random block from the seed, and byte i
 * of track×bitrate is block[(i + offset(track, kbps)) mod 64 KiB]. Different files start at different
 * offsets, so two files rarely agree on a slice, yet a 3.36 MB download costs no memory at all.
 */
import { hashString, Rng } from '../../util/rng.js';
import type { BodySource } from './body-source.js';

/** Size of the repeating block; also the largest chunk a response is written in. */
export const AUDIO_BLOCK_BYTES = 65_536;

/** The generator of every audio file of one origin seed. */
export class AudioContent {
  /** The block written twice in a row, so any 64 KiB window is one contiguous, zero-copy view. */
  private readonly doubled: Buffer;

  constructor(seed: number) {
    const rng = new Rng(seed).fork('audio-block');
    const block = Buffer.allocUnsafe(AUDIO_BLOCK_BYTES);
    for (let i = 0; i < AUDIO_BLOCK_BYTES; i += 4) block.writeUInt32LE(rng.nextUint32(), i);
    this.doubled = Buffer.concat([block, block]);
  }

  /** Where file (track, kbps) starts inside the block. */
  offset(trackId: string, kbps: number): number {
    return hashString(`${trackId}@${kbps}`) % AUDIO_BLOCK_BYTES;
  }

  /** The bytes start…end (inclusive) of file (track, kbps) as views of at most 64 KiB; never copy them. */
  *chunks(trackId: string, kbps: number, start: number, end: number): Generator<Buffer> {
    const offset = this.offset(trackId, kbps);
    for (let pos = start; pos <= end; ) {
      const at = (pos + offset) % AUDIO_BLOCK_BYTES;
      const len = Math.min(AUDIO_BLOCK_BYTES, end - pos + 1);
      yield this.doubled.subarray(at, at + len);
      pos += len;
    }
  }

  /** A copy of bytes start…end (inclusive): for tests and small checks, not for serving. */
  bytes(trackId: string, kbps: number, start: number, end: number): Buffer {
    return Buffer.concat([...this.chunks(trackId, kbps, start, end)]);
  }

  /** The file as a body source of `size` bytes. */
  source(trackId: string, kbps: number, size: number): BodySource {
    return { size, chunks: (start, end) => this.chunks(trackId, kbps, start, end) };
  }
}
