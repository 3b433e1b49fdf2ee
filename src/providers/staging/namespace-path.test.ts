import { describe, expect, it } from 'vitest';
import { namespacedPath, pathNamespace } from './namespace-path.js';

describe('namespacedPath', () => {
  it('leaves paths alone without base path or cache busting', () => {
    expect(namespacedPath(pathNamespace('', undefined, 'r1'), '/meta/1.json')).toBe('/meta/1.json');
  });
  it('puts the base path and the run prefix before the path, and the run query after it', () => {
    const ns = pathNamespace('/v1', { pathPrefix: '/cb/{run}', query: 'cb' }, 'run 7');
    expect(namespacedPath(ns, '/meta/1.json')).toBe('/v1/cb/run%207/meta/1.json?cb=run%207');
  });
  it('appends to an existing query with &', () => {
    expect(namespacedPath(pathNamespace('', { query: 'bust' }, 'r1'), '/a?x=1')).toBe('/a?x=1&bust=r1');
  });
});
