/**
 * A provider whose profile can change content at the user's own origin (a staging profile's `publish`
 * hook: a webhook or command that uploads a new version). A `publish` event with a strategy then measures
 * a content change on that provider: prime, publish, purge, poll until every PoP serves the new version.
 */
import type { ProviderAdapter, PurgeReceipt } from './adapter.js';

/** What a publish hook is asked to change. */
export interface ContentChange {
  /** Scenario paths of the objects to change. */
  paths: string[];
  /** Tags the change concerns (for hooks that publish by tag). */
  tags: string[];
}

/** A provider with a publish hook. */
export interface ContentPublisher {
  /** Asks the hook to change the objects; resolves when the hook says it is done. Never throws. */
  publishContent(change: ContentChange): Promise<PurgeReceipt>;
}

/** True when the provider can change content at its origin through a hook. */
export function isContentPublisher(p: ProviderAdapter): p is ProviderAdapter & ContentPublisher {
  return typeof (p as Partial<ContentPublisher>).publishContent === 'function';
}
