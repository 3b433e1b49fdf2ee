import { describe, expect, it } from 'vitest';
import { ResponseParseError, ResponseParser } from './response-parser.js';

interface Parsed {
  status: number;
  reason: string;
  headers: Record<string, string>;
  headBytes: number;
  bodyBytes: number;
  framingBytes: number;
  keepAlive: boolean;
}

function parserFor(wanted: string[]): { parser: ResponseParser; out: Partial<Parsed>[] } {
  const out: Partial<Parsed>[] = [];
  const parser = new ResponseParser(new Set(wanted), {
    onHead: (status, reason, headers, headBytes) => out.push({ status, reason, headers, headBytes }),
    onComplete: (bodyBytes, framingBytes, keepAlive) => Object.assign(out[out.length - 1] ?? {}, { bodyBytes, framingBytes, keepAlive }),
  });
  return { parser, out };
}

/** Feeds `wire` split at every possible pair of points: framing must not depend on how reads fall. */
function everySplit(wire: string, wanted: string[], check: (p: Partial<Parsed>) => void): void {
  const bytes = Buffer.from(wire, 'latin1');
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j += Math.max(1, Math.floor(bytes.length / 7))) {
      const { parser, out } = parserFor(wanted);
      for (const part of [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]) if (part.length > 0) parser.feed(part);
      expect(parser.done, `split at ${i},${j}`).toBe(true);
      expect(out).toHaveLength(1);
      check(out[0] as Partial<Parsed>);
    }
  }
}

const HEAD = 'HTTP/1.1 200 OK\r\nServer: t\r\nCache-Status: edge; hit\r\nCF-Cache-Status: HIT\r\n';

describe('ResponseParser', () => {
  it('frames a Content-Length body and keeps only the wanted headers, however the reads fall', () => {
    const head = `${HEAD}Content-Length: 11\r\n\r\n`;
    everySplit(`${head}hello world`, ['cache-status', 'cf-cache-status'], (p) => {
      expect(p).toEqual({
        status: 200, reason: 'OK', headers: { 'cache-status': 'edge; hit', 'cf-cache-status': 'HIT' },
        headBytes: head.length, bodyBytes: 11, framingBytes: 0, keepAlive: true,
      });
    });
  });

  it('decodes chunked bodies with extensions and trailers, counting framing apart from the body', () => {
    const head = `${HEAD}Transfer-Encoding: chunked\r\n\r\n`;
    const chunks = '5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n';
    everySplit(head + chunks, [], (p) => {
      expect(p.bodyBytes).toBe(11);
      expect(p.framingBytes).toBe(chunks.length - 11);
      expect(p.headBytes).toBe(head.length);
    });
  });

  it('skips interim 1xx heads, counting their bytes', () => {
    const early = 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n';
    const final = 'HTTP/1.1 204 No Content\r\n\r\n';
    everySplit(early + final, ['link'], (p) => {
      expect(p.status).toBe(204);
      expect(p.headers).toEqual({});
      expect(p.headBytes).toBe(early.length + final.length);
      expect(p.bodyBytes).toBe(0);
    });
  });

  it('knows 304 has no body even with a Content-Length, and joins repeated wanted headers', () => {
    const wire = 'HTTP/1.1 304 Not Modified\r\nETag: "a"\r\nVary: x\r\nVary: y\r\nContent-Length: 99\r\n\r\n';
    everySplit(wire, ['etag', 'vary'], (p) => {
      expect(p.status).toBe(304);
      expect(p.headers).toEqual({ etag: '"a"', vary: 'x, y' });
      expect(p.bodyBytes).toBe(0);
    });
  });

  it('reads a body without length until close, and says the connection is done', () => {
    const { parser, out } = parserFor([]);
    parser.feed(Buffer.from('HTTP/1.0 200 OK\r\n\r\nabc'));
    parser.feed(Buffer.from('de'));
    expect(parser.done).toBe(false);
    expect(parser.readsUntilClose).toBe(true);
    expect(parser.end()).toBe(true);
    expect(out[0]).toMatchObject({ bodyBytes: 5, keepAlive: false });
  });

  it('honours Connection: close and HTTP/1.0 keep-alive', () => {
    const a = parserFor([]);
    a.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
    expect(a.out[0]?.keepAlive).toBe(false);
    const b = parserFor([]);
    b.parser.feed(Buffer.from('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx'));
    expect(b.out[0]?.keepAlive).toBe(true);
  });

  it('a cut-short body is not a complete response', () => {
    const { parser } = parserFor([]);
    parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(parser.end()).toBe(false);
  });

  it.each([
    ['garbage status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['non-numeric status', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['header without colon', 'HTTP/1.1 200 OK\r\nBroken\r\n\r\n'],
    ['bad content-length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['conflicting content-lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'],
    ['bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['bytes after the response', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy'],
  ])('rejects %s', (_name, wire) => {
    const { parser } = parserFor([]);
    expect(() => parser.feed(Buffer.from(wire))).toThrow(ResponseParseError);
  });

  it('rejects an endless head instead of buffering it', () => {
    const { parser } = parserFor([]);
    parser.feed(Buffer.from('HTTP/1.1 200 OK\r\n'));
    const line = Buffer.from(`X-Pad: ${'a'.repeat(1000)}\r\n`);
    expect(() => {
      for (let i = 0; i < 100; i++) parser.feed(line);
    }).toThrow(/64 KiB/);
  });

  it('parses the next response after reset()', () => {
    const { parser, out } = parserFor(['x-n']);
    for (let i = 0; i < 3; i++) {
      parser.reset();
      parser.feed(Buffer.from(`HTTP/1.1 200 OK\r\nX-N: ${i}\r\nContent-Length: 1\r\n\r\n${i}`));
    }
    expect(out.map((o) => o.headers?.['x-n'])).toEqual(['0', '1', '2']);
  });
});
