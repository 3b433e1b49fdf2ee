import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogAggregator, typeOfPath } from './log-aggregate.js';
import { readLines } from './read-lines.js';

const rec = (path: string, status = 200, bytes = 100, range: string | null = null): { timeMs: number; method: string; path: string; status: number; bytes: number; range: string | null } =>
  ({ timeMs: 0, method: 'GET', path, status, bytes, range });

describe('per-path aggregation', () => {
  it('counts requests, mean bytes, the status mix and ranges, most requested first', () => {
    const a = new LogAggregator(10);
    a.add(rec('/b.png', 200, 30_000));
    a.add(rec('/a.json', 200, 100));
    a.add(rec('/a.json', 304, 0, 'bytes=0-9'));
    expect(a.lines(16_384)).toEqual([
      { path: '/a.json', requests: 2, bytes: 50, statuses: { 200: 1, 304: 1 }, class: 'other', type: 'json', size: 'small', ranges: ['bytes=0-9'] },
      { path: '/b.png', requests: 1, bytes: 30_000, statuses: { 200: 1 }, class: 'other', type: 'image', size: 'large', ranges: [] },
    ]);
  });

  it('holds at most maxPaths paths and counts what it left out', () => {
    const a = new LogAggregator(2);
    for (const p of ['/1', '/2', '/3', '/3', '/4', '/1']) a.add(rec(p));
    expect(a.lines(1).map((l) => [l.path, l.requests])).toEqual([['/1', 2], ['/2', 1]]);
    expect([a.overflowRequests, a.overflowPaths, a.records]).toEqual([3, 2, 6]);
  });

  it('types paths by extension', () => {
    expect(['/', '/x.m4s', '/y.woff2', '/z'].map(typeOfPath)).toEqual(['html', 'video', 'font', 'other']);
  });
});

describe('readLines', () => {
  it('splits chunks at newlines (CRLF too) including a last line without one, across chunk borders', async () => {
    const lines: string[] = [];
    for await (const l of readLines(Readable.from([Buffer.from('a\r\nb'), Buffer.from('c\n\nd')]))) lines.push(l);
    expect(lines).toEqual(['a', 'bc', '', 'd']);
  });
});
