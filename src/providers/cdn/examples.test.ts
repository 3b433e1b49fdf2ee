/**
 * The example profiles in providers/examples/ are what users copy: each must load as its vendor's adapter,
 * purge, need credentials, and be priced (except Akamai, which has no public price list).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../util/package-root.js';
import { isCredentialChecked, isPriced, isPurger } from '../adapter.js';
import { builtinProviderIds, defaultLabProviderIds, loadProviderProfile } from '../resolve-providers.js';

const DIR = join(PACKAGE_ROOT, 'providers', 'examples');
const VENDORS = ['akamai', 'bunny', 'cloudflare', 'cloudfront', 'fastly', 'google-cloud-cdn'];
// The folder also holds staging and multi-CDN examples (tested with their kinds); these are the vendors'.
const files = readdirSync(DIR).filter((f) => VENDORS.includes(basename(f, '.yaml')));

describe('example CDN profiles', () => {
  it('covers the six vendors', () => {
    expect(files.map((f) => basename(f, '.yaml')).sort()).toEqual(VENDORS);
  });

  for (const f of files) {
    it(`${f} loads as a purging, credentialed adapter`, () => {
      const p = loadProviderProfile(join(DIR, f));
      expect(p.kind).toBe(basename(f, '.yaml'));
      expect(isPurger(p)).toBe(true);
      expect(isCredentialChecked(p)).toBe(true);
      expect(isPriced(p)).toBe(p.kind !== 'akamai');
      expect(p.edges().length).toBeGreaterThan(0);
    });
  }

  it('are not built-in profiles: a plain `run` never picks them', () => {
    expect(builtinProviderIds()).not.toContain('cloudflare');
    expect(defaultLabProviderIds().every((id) => !files.includes(`${id}.yaml`))).toBe(true);
  });
});
