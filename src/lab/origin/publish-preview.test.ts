import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/catalog-config.js';
import { publishRequestSchema } from './control-schemas.js';
import { OriginState } from './origin-state.js';

const config = { ...DEFAULT_CATALOG, books: 20, tracks: 10, albums: 2 };

describe('publish preview', () => {
  it.each(['in-place', 'new-edition'] as const)('names exactly what the next %s publish changes, and changes nothing itself', (mode) => {
    const state = new OriginState(config, 7);
    const req = (preview: boolean) => publishRequestSchema.parse({ rank: 3, changePercent: 10, mode, preview });
    const p1 = state.publish(req(true));
    const p2 = state.publish(req(true));
    expect(p2).toEqual({ ...p1, publishedAt: p2.publishedAt }); // a preview changes nothing
    const real = state.publish(req(false));
    expect(real.changedTiles).toEqual(p1.changedTiles);
    expect(real.changedPaths).toEqual(p1.changedPaths);
    expect(real.edition).toEqual(p1.edition);
    expect(real.tags).toEqual(p1.tags);
    // The next publish of the same book picks again: the preview follows the publish count.
    const next = state.publish(req(true));
    expect(state.publish(req(false)).changedTiles).toEqual(next.changedTiles);
  });
});
