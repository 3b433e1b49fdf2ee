import { describe, expect, it } from 'vitest';
import { refusal as usage } from '../../test/helpers/refusal.js';
import { checkOutPath } from './out-option.js';


describe('-o/--out', () => {
  it('takes paths, and refuses k6 output plugins with a hint', () => {
    expect(checkOutPath('reports/x')).toBe('reports/x');
    expect(checkOutPath('./a=b')).toBe('./a=b');
    expect(usage(() => checkOutPath('json=res.json'))).toBe('2 -o/--out takes a folder or file path, not a k6 output plugin "json=res.json"; for a JSON summary use --summary-export res.json, and --report csv for CSV');
    expect(usage(() => checkOutPath('influxdb=http://x'))).toBe('2 -o/--out takes a folder or file path, not a k6 output plugin "influxdb=http://x"');
  });
});
