/**
 * The one way cdnbench turns YAML text from a user's file into a value: every YAML failure, including an
 * alias bomb ("billion laughs"), becomes an InvalidConfigError (exit 104) naming the file, line and column.
 */
import { parseDocument } from 'yaml';
import { InvalidConfigError, describeError, type ErrorCode } from '../errors.js';

/**
 * How many alias dereferences a document may make while it is turned into a value. The `yaml` package's
 * default; a scenario, SLO file or profile needs far fewer, and a nine-level bomb needs hundreds of millions.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Parses YAML text from `label` (e.g. `the/file.yaml`, `SLO file x.yaml`) or throws an InvalidConfigError
 * "malformed YAML in <label>: line L, column C: <reason>" with the given code; later problems go to `details`.
 */
export function parseYamlText(text: string, label: string, code: ErrorCode): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The first error is the cause; later ones are mostly its echoes, so show at most three.
    const details = doc.errors.slice(0, 3).map((e) => {
      const pos = e.linePos?.[0];
      const msg = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code;
      return `${pos ? `line ${pos.line}, column ${pos.col}` : 'yaml'}: ${msg}`;
    });
    throw new InvalidConfigError(`malformed YAML in ${label}: ${details[0] ?? 'parse error'}`, details.slice(1), code);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (err) {
    // `yaml` raises a ReferenceError when the alias budget is spent: the document is an expansion bomb.
    const reason = /alias/i.test(describeError(err))
      ? `too many alias expansions (over ${MAX_YAML_ALIAS_COUNT}; a YAML alias bomb?)`
      : describeError(err).split('\n')[0] ?? 'cannot convert the document';
    throw new InvalidConfigError(`malformed YAML in ${label}: ${reason}`, [], code);
  }
}
