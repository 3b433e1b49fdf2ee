import { describe, expect, it } from 'vitest';
import { cleanTarget, cloudfrontParser, combinedParser, detectFormat, jsonParser, jsonTime } from './log-formats.js';

describe('access-log lines', () => {
  const combined = '203.0.113.9 - alice [04/Dec/2026:05:00:01 +0100] "GET /img/a.png?session=42 HTTP/1.1" 206 5120 "https://ref.example/" "Mozilla/5.0"';

  it('reads the combined format: time with its offset, path without the query unless kept, nothing personal', () => {
    const r = combinedParser(false)(combined);
    expect(r).toEqual({ timeMs: Date.UTC(2026, 11, 4, 4, 0, 1), method: 'GET', path: '/img/a.png', status: 206, bytes: 5120, range: null });
    expect(combinedParser(true)(combined)?.path).toBe('/img/a.png?session=42');
    expect(combinedParser(false)('not a log line')).toBeNull();
    expect(combinedParser(false)(combined.replace('5120', '-'))?.bytes).toBe(0);
  });

  it('reads CloudFront standard logs by their #Fields header, ranges included', () => {
    const cf = cloudfrontParser(false);
    cf.fields('#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query sc-range-start sc-range-end');
    const line = ['2026-12-04', '05:00:02', 'FRA56-P1', '1024', '198.51.100.7', 'GET', 'd1.cloudfront.net', '/audio/x.mp3', '206', '-', 'Mozilla', 'token=abc', '0', '1023'].join('\t');
    expect(cf.parse(line)).toEqual({ timeMs: Date.UTC(2026, 11, 4, 5, 0, 2), method: 'GET', path: '/audio/x.mp3', status: 206, bytes: 1024, range: 'bytes=0-1023' });
    expect(cloudfrontParser(true).parse).toBeTypeOf('function');
    expect(cf.parse('#Version: 1.0')).toBeNull();
  });

  it('reads Cloudflare Logpush and Fastly JSON lines', () => {
    const cfl = '{"ClientIP":"198.51.100.1","ClientRequestMethod":"GET","ClientRequestPath":"/a.json","ClientRequestQuery":"?u=1","EdgeResponseStatus":200,"EdgeResponseBytes":300,"EdgeStartTimestamp":1796360400000000000}';
    expect(jsonParser(false)(cfl)).toEqual({ timeMs: 1796360400000, method: 'GET', path: '/a.json', status: 200, bytes: 300, range: null });
    expect(jsonParser(true)(cfl)?.path).toBe('/a.json?u=1');
    const fastly = '{"timestamp":"2026-12-04T05:00:00Z","url":"/b.css?v=2","status":"304","response_body_size":0,"request_method":"GET","range":"bytes=0-99"}';
    expect(jsonParser(false)(fastly)).toEqual({ timeMs: Date.UTC(2026, 11, 4, 5), method: 'GET', path: '/b.css', status: 304, bytes: 0, range: 'bytes=0-99' });
    expect(jsonParser(false)('{"nopath":1}')).toBeNull();
  });

  it('detects the format from the first line and reads epoch times at any precision', () => {
    expect(detectFormat('#Version: 1.0')).toBe('cloudfront');
    expect(detectFormat('{"a":1}')).toBe('json');
    expect(detectFormat(combined)).toBe('combined');
    expect(jsonTime(1796360400)).toBe(1796360400000);
    expect(jsonTime(1796360400123)).toBe(1796360400123);
    expect(jsonTime('1796360400123456')).toBe(1796360400123.456);
    expect(cleanTarget('https://h.example/x?y', false)).toBe('/x');
    expect(cleanTarget('*', false)).toBeNull();
  });
});
