/** Infers an object class from a path (template) by the catalog's URL layout (DOMAIN.md §1). */
import type { ObjectClass } from '../result/sample.js';

const RULES: readonly [RegExp, ObjectClass][] = [
  [/^\/maps\/[^/]+\/[^/]+\/delta\//, 'edition-delta'],
  [/^\/maps\//, 'mapping-tile'],
  [/^\/audio\/[^/]+\/seek\.json/, 'seek-table'],
  [/^\/audio\//, 'audio-range'],
  [/^\/(meta|metadata)\//, 'metadata'],
  [/^\/sync\//, 'sync-state'],
];

/** The class of a path such as /maps/{isbn}/…; "other" when no rule matches. */
export function inferObjectClass(path: string): ObjectClass {
  for (const [re, cls] of RULES) if (re.test(path)) return cls;
  return 'other';
}
