/** Locates files shipped with cdnbench (scenarios/, providers/, package.json) from the running module. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  // Works from src/ (vitest, tsx) and from dist/src/ (the built CLI).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'providers'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot locate the cdnbench package root');
}

/** Absolute path of the cdnbench package root. */
export const PACKAGE_ROOT = findRoot();

/** The package version from package.json. */
export const VERSION: string = ((): string => {
  const pkg: unknown = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const v = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
  return typeof v === 'string' ? v : '0.0.0';
})();
