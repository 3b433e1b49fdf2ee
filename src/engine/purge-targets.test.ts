import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../catalog/index.js';
import type { Sample } from '../result/sample.js';
import { PurgeFiller, purgeRequestOf } from './purge-targets.js';
import { UsedObjects } from './used-objects.js';

const catalog = buildCatalog({ seed: 7, books: 5, tracks: 10, albums: 1, languages: ['en', 'de'], zipfExponent: 1.5, pagesPerTile: 10 });

function used(paths: Record<string, number>, status = 200): UsedObjects {
  const u = new UsedObjects();
  for (const [path, n] of Object.entries(paths)) {
    for (let i = 0; i < n; i++) u.add({ path, status } as Sample);
  }
  return u;
}

describe('PurgeFiller', () => {
  it('fills URL templates with the objects the sessions used, most requested first, at most `objects`', () => {
    const f = new PurgeFiller(used({ '/meta/111.json': 2, '/meta/222.json': 5, '/meta/333.json': 1, '/other/1.json': 9 }), catalog, 'run-1');
    const r = f.fill({ urls: ['/meta/{isbn}.json', '/static/a.css'], tags: ['book-{isbn}', 'static'], objects: 2 });
    expect(r).toEqual({ urls: ['/meta/222.json', '/meta/111.json', '/static/a.css'], tags: ['book-222', 'book-111', 'static'], all: false, watch: ['/meta/222.json', '/meta/111.json', '/static/a.css'] });
    if ('error' in r) throw new Error(r.error);
    expect(purgeRequestOf(r)).toEqual({ urls: r.urls, tags: r.tags });
  });

  it('ignores failed requests, and falls back to the catalog\'s top book and the run id', () => {
    const f = new PurgeFiller(used({ '/meta/999.json': 3 }, 404), catalog, 'run-1');
    const book = catalog.books[0];
    if (book === undefined) throw new Error('no book');
    const r = f.fill({ urls: ['/meta/{isbn}/{lang}.json'], tags: ['r-{run}'], objects: 3 });
    expect(r).toEqual({ urls: [`/meta/${book.isbn}/${book.languages[0] ?? ''}.json`], tags: ['r-run-1'], all: false, watch: [`/meta/${book.isbn}/${book.languages[0] ?? ''}.json`] });
  });

  it('never returns a URL with {…} left: a template no used object matches and the catalog cannot fill is an error', () => {
    const f = new PurgeFiller(used({ '/maps/1.json': 1 }), catalog, 'run-1');
    expect(f.fill({ urls: ['/maps/{isbn}/{page}.json'], objects: 3 })).toEqual({ error: 'no object the sessions requested matches /maps/{isbn}/{page}.json, and its variables cannot be filled otherwise' });
  });

  it('fills poll paths of a tag purge separately from the (absent) URLs', () => {
    const f = new PurgeFiller(used({ '/a/1.json': 1, '/a/2.json': 4 }), catalog, 'run-1');
    expect(f.fill({ tags: ['t'], all: false, objects: 1, watch: ['/a/{page}.json'] })).toEqual({ urls: [], tags: ['t'], all: false, watch: ['/a/2.json'] });
  });
});
