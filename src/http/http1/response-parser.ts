/**
 * An incremental HTTP/1.1 response parser specialised for measuring: it frames the body (Content-Length,
 * chunked, or until close), counts bytes, and turns into strings only the few headers a run asks for.
 * General parsers (llhttp through undici, http-parser-js in autocannon) build every header; on a core
 * shared with the recorder that is the difference between keeping up with autocannon and not.
 *
 * One response at a time: a connection sends a request only when the previous response has completed.
 */

/** What the parser reports; called synchronously from feed(). */
export interface ResponseEvents {
  /** The final (non-1xx) response head; `headBytes` counts every head byte including skipped 1xx heads. */
  onHead(status: number, reason: string, headers: Record<string, string>, headBytes: number): void;
  /** The response is complete; `keepAlive` is false when the connection must be closed after it. */
  /** `framingBytes` are the chunked encoding's size lines and CRLFs: on the wire, not in the body. */
  onComplete(bodyBytes: number, framingBytes: number, keepAlive: boolean): void;
}

/** A malformed response; the connection is unusable after it. */
export class ResponseParseError extends Error {
  /** Matches undici's code for llhttp errors, so error classification treats both alike. */
  readonly code = 'HPE_INVALID_RESPONSE';
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
const MAX_HEAD_BYTES = 64 * 1024;

const enum State {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailer,
  UntilClose,
  Done,
}

/** Parser for the response to one request; reset() before the next request on the same connection. */
export class ResponseParser {
  private state = State.Head;
  private head: Buffer | null = null;
  private headBytes = 0;
  private remaining = 0;
  private bodyBytes = 0;
  private framingBytes = 0;
  private keepAlive = true;
  private line = '';
  private noBody = false;
  /** Header-name lengths worth decoding (framing headers and wanted ones): most lines are skipped unread. */
  private readonly readLengths = new Uint8Array(256);

  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly events: ResponseEvents,
  ) {
    for (const name of ['content-length', 'transfer-encoding', 'connection', ...wanted]) if (name.length < 256) this.readLengths[name.length] = 1;
  }

  /** Prepares for the next response; `noBody` for requests whose response never has one (HEAD). */
  reset(noBody = false): void {
    this.state = State.Head;
    this.head = null;
    this.headBytes = 0;
    this.remaining = 0;
    this.bodyBytes = 0;
    this.framingBytes = 0;
    this.keepAlive = true;
    this.line = '';
    this.noBody = noBody;
  }

  /** True once the current response has completed. */
  get done(): boolean {
    return this.state === State.Done;
  }

  /** True while the body runs until the server closes the connection. */
  get readsUntilClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** Consumes bytes; throws ResponseParseError on malformed input or bytes after the response. */
  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case State.Head:
          at = this.feedHead(chunk, at);
          break;
        case State.Length: {
          const n = Math.min(this.remaining, chunk.length - at);
          this.bodyBytes += n;
          this.remaining -= n;
          at += n;
          if (this.remaining === 0) this.complete();
          break;
        }
        case State.UntilClose:
          this.bodyBytes += chunk.length - at;
          at = chunk.length;
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, chunk.length - at);
          this.bodyBytes += n;
          this.remaining -= n;
          at += n;
          if (this.remaining === 0) this.state = State.ChunkDataEnd;
          break;
        }
        case State.ChunkSize:
        case State.ChunkDataEnd:
        case State.Trailer:
          at = this.feedChunkLine(chunk, at);
          break;
        case State.Done:
          throw new ResponseParseError('bytes after the end of the response');
      }
    }
  }

  /** Ends a body that runs until close; false when the response was cut short instead. */
  end(): boolean {
    if (this.state === State.UntilClose) {
      this.keepAlive = false;
      this.complete();
      return true;
    }
    return this.state === State.Done;
  }

  private feedHead(chunk: Buffer, at: number): number {
    if (this.head !== null) {
      // A head split over reads (rare for small objects): search the joined bytes from the seam.
      const prev = this.head.length;
      const buf = Buffer.concat([this.head, chunk.subarray(at)]);
      const end = buf.indexOf(CRLFCRLF, Math.max(0, prev - 3));
      if (end < 0) return this.keepPartialHead(buf, chunk.length);
      this.head = null;
      this.headBytes += end + 4;
      this.parseHead(buf, 0, end);
      return at + end + 4 - prev;
    }
    const end = chunk.indexOf(CRLFCRLF, at);
    if (end < 0) return this.keepPartialHead(chunk.subarray(at), chunk.length);
    this.headBytes += end + 4 - at;
    this.parseHead(chunk, at, end);
    return end + 4;
  }

  private keepPartialHead(part: Buffer, consumed: number): number {
    if (part.length > MAX_HEAD_BYTES) throw new ResponseParseError('response head larger than 64 KiB');
    // Copied: the connection's read buffer is reused for the next read.
    this.head = Buffer.from(part);
    return consumed;
  }

  private parseHead(buf: Buffer, start: number, end: number): void {
    // "HTTP/1.1 200 OK": the version is checked loosely, the status strictly.
    if (end - start < 12 || buf.toString('latin1', start, start + 7) !== 'HTTP/1.') throw new ResponseParseError('not an HTTP/1.x status line');
    const d0 = buf[start + 9]! - 48;
    const d1 = buf[start + 10]! - 48;
    const d2 = buf[start + 11]! - 48;
    if (d0 < 1 || d0 > 5 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw new ResponseParseError('invalid status code');
    const status = d0 * 100 + d1 * 10 + d2;
    let lineEnd = buf.indexOf(13, start);
    const reason = lineEnd > start + 12 ? buf.toString('latin1', start + 13, lineEnd) : '';
    if (status >= 100 && status < 200) {
      // Interim responses (100, 103 Early Hints) precede the real one; 101 would switch protocols.
      if (status === 101) throw new ResponseParseError('unexpected protocol switch');
      return;
    }
    const headers: Record<string, string> = {};
    let length = -1;
    let chunked = false;
    if (buf[start + 7] === 48) this.keepAlive = false; // HTTP/1.0 closes unless told otherwise
    while (lineEnd < end) {
      const ls = lineEnd + 2;
      lineEnd = buf.indexOf(13, ls);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const colon = buf.indexOf(58, ls);
      if (colon < 0 || colon > lineEnd) throw new ResponseParseError('header line without a colon');
      // A name no header of interest can have (by its length) is not decoded at all: a string less per line.
      if (colon - ls >= 256 || this.readLengths[colon - ls] === 0) continue;
      const name = buf.toString('latin1', ls, colon).toLowerCase();
      let vs = colon + 1;
      while (vs < lineEnd && (buf[vs] === 32 || buf[vs] === 9)) vs++;
      let ve = lineEnd;
      while (ve > vs && (buf[ve - 1] === 32 || buf[ve - 1] === 9)) ve--;
      if (name === 'content-length') {
        const n = Number(buf.toString('latin1', vs, ve));
        if (!Number.isSafeInteger(n) || n < 0 || (length >= 0 && n !== length)) throw new ResponseParseError('invalid content-length');
        length = n;
      } else if (name === 'transfer-encoding') {
        chunked = buf.toString('latin1', vs, ve).toLowerCase().endsWith('chunked');
      } else if (name === 'connection') {
        const v = buf.toString('latin1', vs, ve).toLowerCase();
        if (v.includes('close')) this.keepAlive = false;
        else if (v.includes('keep-alive')) this.keepAlive = true;
      }
      if (this.wanted.has(name)) {
        const value = buf.toString('latin1', vs, ve);
        const prev = headers[name];
        headers[name] = prev === undefined ? value : `${prev}, ${value}`;
      }
    }
    this.events.onHead(status, reason, headers, this.headBytes);
    if (this.noBody || status === 204 || status === 304) this.complete();
    else if (chunked) this.state = State.ChunkSize;
    else if (length >= 0) {
      this.remaining = length;
      this.state = State.Length;
      if (length === 0) this.complete();
    } else this.state = State.UntilClose;
  }

  /** Size lines, the CRLF after each chunk's data and trailer lines: short, so kept as a string. */
  private feedChunkLine(chunk: Buffer, at: number): number {
    const nl = chunk.indexOf(10, at);
    const end = nl < 0 ? chunk.length : nl + 1;
    this.line += chunk.toString('latin1', at, end);
    this.framingBytes += end - at;
    if (this.line.length > 4096) throw new ResponseParseError('chunk line too long');
    if (nl < 0) return end;
    const line = this.line.trimEnd();
    this.line = '';
    if (this.state === State.ChunkDataEnd) {
      if (line !== '') throw new ResponseParseError('missing CRLF after chunk data');
      this.state = State.ChunkSize;
    } else if (this.state === State.ChunkSize) {
      const semi = line.indexOf(';');
      const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new ResponseParseError('invalid chunk size');
      const size = parseInt(hex, 16);
      if (size === 0) this.state = State.Trailer;
      else {
        this.remaining = size;
        this.state = State.ChunkData;
      }
    } else if (line === '') {
      this.complete();
    }
    return end;
  }

  private complete(): void {
    this.state = State.Done;
    this.events.onComplete(this.bodyBytes, this.framingBytes, this.keepAlive);
  }
}
