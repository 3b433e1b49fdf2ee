/**
 * One way of writing PoP names across the report (issue 15): header dialects name the same PoP "fra", "FRA" or
 * "FRA50-C1" (CloudFront's airport code, a number and a suffix). The report writes each as its lower-case
 * three-letter airport code when it is one; when two of a provider's PoPs would get the same code, both keep
 * their full name (lower-cased) so they stay apart.
 */

const AIRPORT = /^([A-Za-z]{3})(?:\d{1,3}(?:-[A-Za-z0-9]+)?)?$/;

/** Display labels of a provider's raw PoP names, in the same order. */
export function popLabels(names: readonly string[]): string[] {
  const code = (n: string): string | null => AIRPORT.exec(n)?.[1]?.toLowerCase() ?? null;
  const counts = new Map<string, number>();
  for (const n of names) {
    const c = code(n);
    if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return names.map((n) => {
    const c = code(n);
    return c !== null && counts.get(c) === 1 ? c : n.toLowerCase();
  });
}
