import { describe, expect, it } from 'vitest';
import { MAX_RANGES, parseRangeHeader } from './byte-range.js';

const SIZE = 1000;
const parse = (h: string | undefined): ReturnType<typeof parseRangeHeader> => parseRangeHeader(h, SIZE);

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', [[0, 99]]],
    ['bytes=900-', [[900, 999]]],
    ['bytes=-100', [[900, 999]]],
    ['bytes=-5000', [[0, 999]]],
    ['bytes=990-5000', [[990, 999]]],
    ['bytes=999-999', [[999, 999]]],
    ['BYTES=0-0', [[0, 0]]],
    ['bytes=0-1, 5-6', [[0, 1], [5, 6]]],
    ['bytes=0-1,,5-6,', [[0, 1], [5, 6]]],
    ['bytes=0-1,2000-3000', [[0, 1]]],
    ['bytes=0-99999999999999999999', [[0, 999]]],
  ])('%s', (header, spans) => {
    expect(parse(header)).toEqual({ kind: 'ranges', ranges: spans.map(([start, end]) => ({ start, end })) });
  });

  it.each(['bytes=1000-', 'bytes=1000-1001', 'bytes=-0', 'bytes=5000-,2000-3000'])('unsatisfiable: %s', (header) => {
    expect(parse(header)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([undefined, '', 'bytes', 'bytes=', 'items=0-1', 'bytes=5-1', 'bytes=a-b', 'bytes=1-2-3', 'bytes= -', 'bytes=0-1,x', 'bytes=+1-2', 'bytes=0x1-2'])(
    'ignored (full response): %j',
    (header) => {
      expect(parse(header)).toEqual({ kind: 'full' });
    },
  );

  it('ignores range sets longer than MAX_RANGES', () => {
    const many = `bytes=${Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i}-${i}`).join(',')}`;
    expect(parse(many)).toEqual({ kind: 'full' });
  });
});
