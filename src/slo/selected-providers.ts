/** Which providers a threshold's `provider:` tag filter applies to. */

/** The providers a `provider:` filter selects (all when absent or "*"). */
export function selectedProviders<P extends { id: string }>(filters: Readonly<Record<string, string>>, providers: readonly P[]): P[] {
  const want = filters.provider;
  return want === undefined || want === '*' ? [...providers] : providers.filter((p) => p.id === want);
}
