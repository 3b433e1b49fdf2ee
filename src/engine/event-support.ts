/**
 * Checks, before any load, that a provider can carry out every event of a scenario; and carries
 * them out at their time during the run. A scenario asking for a capability the provider lacks is a
 * configuration error (exit 104), never a silent no-op.
 */
import { isOriginControlled, isPurger, isScenarioEventHandler, type ProviderAdapter } from '../providers/adapter.js';
import { isContentPublisher } from '../providers/content-publisher.js';
import { purgeRequestOf, type PurgeFiller } from './purge-targets.js';
import { isRolloutEvent, purgeKindOf, type RolloutEvent } from './rollout-probe.js';
import type { CompiledEvent } from '../scenario/compile-plan.js';
import type { ScenarioEvent } from '../scenario/schema.js';

/** One line per event the provider cannot carry out; empty when all are supported. */
export function unsupportedEvents(provider: ProviderAdapter, events: readonly CompiledEvent[]): string[] {
  const problems: string[] = [];
  events.forEach(({ event }, i) => {
    const reason = eventSupport(provider, event);
    if (reason !== null) problems.push(`events[${i}] (${event.action}): provider ${provider.id} ${reason}`);
  });
  return problems;
}

function eventSupport(provider: ProviderAdapter, event: ScenarioEvent): string | null {
  if (isRolloutEvent(event)) {
    if (!isOriginControlled(provider)) return hookRolloutSupport(provider, event);
    const kind = purgeKindOf(event.strategy);
    if (kind === null) return null;
    if (!isPurger(provider)) return 'has no invalidation API';
    return provider.purgeKinds.includes(kind) ? null : `cannot purge by ${kind}`;
  }
  if (event.action === 'purge') {
    if (!isPurger(provider)) return 'has no invalidation API';
    const needs: ('url' | 'tag' | 'all')[] = [];
    if ((event.urls ?? []).length > 0) needs.push('url');
    if ((event.tags ?? []).length > 0) needs.push('tag');
    if (event.all === true) needs.push('all');
    const missing = needs.filter((k) => !provider.purgeKinds.includes(k));
    return missing.length === 0 ? null : `cannot purge by ${missing.join(', ')}`;
  }
  if (!isScenarioEventHandler(provider)) return `cannot carry out ${event.action} events (only the lab can)`;
  return provider.eventSupport(event);
}

/** Whether a rollout can be measured through the provider's publish hook (its origin is the user's). */
function hookRolloutSupport(provider: ProviderAdapter, event: RolloutEvent): string | null {
  if (!isContentPublisher(provider)) {
    return 'cannot measure a content change: its origin is not cdnbench\'s and it has no publish hook (give its staging profile `publish: {webhook|command}` that changes content at your origin, measure a plain purge with `action: purge` and `probe:`, or use the lab)';
  }
  const kind = purgeKindOf(event.strategy);
  if (kind === null) return 'cannot publish versioned URLs: new edition-hash URLs exist only at cdnbench\'s origin (use purge-url, purge-tag or purge-all)';
  if ((event.urls ?? []).length === 0) return 'needs `urls` on the publish event: the objects its publish hook changes';
  if (kind === 'tag' && (event.tags ?? []).length === 0) return 'needs `tags` on a purge-tag publish event';
  if (!isPurger(provider)) return 'has no invalidation API';
  return provider.purgeKinds.includes(kind) ? null : `cannot purge by ${kind}`;
}

/**
 * Carries out one event; failures are reported through `log`, never thrown into the run. Resolves with
 * the number of URL paths invalidated (what path-priced invalidation APIs bill).
 */
export async function fireEvent(provider: ProviderAdapter, event: ScenarioEvent, log: (line: string) => void, filler: PurgeFiller): Promise<number> {
  try {
    if (event.action === 'purge' && isPurger(provider)) {
      // Template variables are filled from the objects the sessions used; a purge is never sent with `{…}`.
      const filled = filler.fill({ urls: event.urls, tags: event.tags, all: event.all, objects: event.objects });
      if ('error' in filled) {
        log(`purge on ${provider.id} not sent: ${filled.error}`);
        return 0;
      }
      const receipt = await provider.purge(purgeRequestOf(filled));
      if (!receipt.ok) log(`purge on ${provider.id} failed: ${receipt.error ?? 'unknown error'}`);
      return receipt.ok ? filled.urls.length + (filled.all ? 1 : 0) : 0;
    }
    if (isScenarioEventHandler(provider)) await provider.handleEvent(event);
  } catch (err) {
    log(`${event.action} event on ${provider.id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return 0;
}
