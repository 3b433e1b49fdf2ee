/** Turns zod issues into the one-problem-per-line form every config error uses: `phases[1].rate: expected …`. */
import type { z } from 'zod';

/** Formats an issue path as `providers[0].series[3].requests`; record keys that are not identifiers are quoted. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per problem; unknown keys are listed one by one so each gets its own path. */
export function formatZodIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatIssuePath([...issue.path, key])}: unknown key`);
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest instead of zod's bare "Invalid input".
      const best = [...issue.errors].sort((a, b) => deepest(b) - deepest(a))[0] ?? [];
      if (best.length === 0) lines.push(`${formatIssuePath(issue.path)}: ${issue.message}`);
      for (const sub of best) lines.push(`${formatIssuePath([...issue.path, ...sub.path])}: ${sub.message}`);
    } else {
      lines.push(`${formatIssuePath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

function deepest(issues: readonly { path: readonly PropertyKey[] }[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}
