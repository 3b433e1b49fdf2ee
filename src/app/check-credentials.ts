/**
 * Credentials before load: every provider that needs them (the real CDNs) reads and checks them before a
 * run sends anything — a missing or malformed credential is a configuration error (exit 104) with one line
 * per problem. `run … --check-credentials` goes further (each provider's cheapest authenticated call, where
 * it has one) and stops there. Reports say where a credential came from, never what it is.
 */
import { InvalidConfigError } from '../errors.js';
import { isCredentialChecked, isStartable, type ProviderAdapter } from '../providers/adapter.js';

/** Per provider, what was found; and every problem, prefixed with the provider's id. */
export interface CredentialSummary {
  lines: string[];
  problems: string[];
}

/** Checks every provider's credentials (`verify`: also online); never throws. */
export async function checkCredentials(providers: readonly ProviderAdapter[], verify: boolean): Promise<CredentialSummary> {
  const lines: string[] = [];
  const problems: string[] = [];
  for (const p of providers) {
    if (!isCredentialChecked(p)) {
      lines.push(`${p.id}: no credentials needed (${p.kind})`);
      continue;
    }
    const r = await p.checkCredentials({ verify });
    for (const l of r.lines) lines.push(`${p.id}: ${l}`);
    for (const l of r.problems) {
      lines.push(`${p.id}: PROBLEM: ${l}`);
      problems.push(`${p.id}: ${l}`);
    }
  }
  return { lines, problems };
}

/** Throws InvalidConfigError (exit 104) listing every credential problem; nothing when all are usable. */
export function assertCredentials(summary: CredentialSummary): void {
  const [first, ...rest] = summary.problems;
  if (first !== undefined) throw new InvalidConfigError(`credentials: ${first}`, rest, 'INVALID_PROVIDER');
}

/** Closes what a check opened (API connections of verify calls). */
export async function releaseProviders(providers: readonly ProviderAdapter[]): Promise<void> {
  await Promise.all(providers.filter(isStartable).map((p) => p.stop().catch(() => undefined)));
}
