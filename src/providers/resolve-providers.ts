/**
 * Turns `--provider` names/paths and `--target` URLs into adapters, validating every profile before
 * any load starts (InvalidConfigError, exit 104, with every problem's path).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { InvalidConfigError, describeError } from '../errors.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { parseYamlText } from '../util/yaml-file.js';
import { formatZodIssues } from '../util/zod-issues.js';
import type { ProviderAdapter } from './adapter.js';
import { PROVIDER_KINDS, type ProviderKind } from './provider-kinds.js';
import { TargetProvider } from './target/target-provider.js';

/** Folder of the built-in provider profiles. */
export const BUILTIN_PROVIDERS_DIR = join(PACKAGE_ROOT, 'providers');

/** Names of the built-in profiles (file names without extension). */
export function builtinProviderIds(): string[] {
  if (!existsSync(BUILTIN_PROVIDERS_DIR)) return [];
  return readdirSync(BUILTIN_PROVIDERS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => basename(f, extname(f)))
    .sort();
}

function profilePath(ref: string): string {
  if (/[/\\]|\.(ya?ml|json)$/.test(ref)) return ref;
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = join(BUILTIN_PROVIDERS_DIR, ref + ext);
    if (existsSync(p)) return p;
  }
  const known = builtinProviderIds();
  throw new InvalidConfigError(`unknown provider ${JSON.stringify(ref)} (built-in: ${known.length > 0 ? known.join(', ') : 'none'}; or give a profile file path)`, [], 'INVALID_PROVIDER');
}

/** Loads and validates one provider profile by built-in name or file path. */
export function loadProviderProfile(ref: string): ProviderAdapter {
  return loadProfileVia(ref, []);
}

/**
 * `via` lists the profiles that refer to this one (a multi-CDN's members), so a profile that includes
 * itself is an error, not an endless loop.
 */
function loadProfileVia(ref: string, via: readonly string[]): ProviderAdapter {
  const path = profilePath(ref);
  if (via.includes(resolvePath(path))) throw new InvalidConfigError(`provider profile ${path} includes itself (${[...via, path].join(' → ')})`, [], 'INVALID_PROVIDER');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InvalidConfigError(`cannot read provider profile ${path}: ${describeError(err).split('\n')[0]}`, [], 'INVALID_PROVIDER');
  }
  const raw = parseYamlText(text, `provider profile ${path}`, 'INVALID_PROVIDER');
  const load = (member: string): ProviderAdapter =>
    loadProfileVia(/[/\\]|\.(ya?ml|json)$/.test(member) && !isAbsolute(member) ? join(dirname(path), member) : member, [...via, resolvePath(path)]);
  return adapterOf(raw, path, basename(path, extname(path)), load);
}

/**
 * A provider from a profile given as an object (what a profile file holds, e.g. `{ kind: 'target', edges: [...] }`),
 * validated like a file; its id defaults to `fallbackId`. Multi-CDN members are named by built-in name or path.
 */
export function providerFromProfile(raw: unknown, fallbackId = 'provider'): ProviderAdapter {
  return adapterOf(raw, `(${fallbackId})`, fallbackId, (member) => loadProfileVia(member, []));
}

function adapterOf(raw: unknown, path: string, fallbackId: string, load: (member: string) => ProviderAdapter): ProviderAdapter {
  const kindName = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  const kinds: Record<string, ProviderKind> = PROVIDER_KINDS;
  const kind = typeof kindName === 'string' ? kinds[kindName] : undefined;
  if (kind === undefined) {
    throw new InvalidConfigError(`invalid provider profile ${path}: kind must be one of ${Object.keys(kinds).join(', ')}`, [], 'INVALID_PROVIDER');
  }
  const parsed = kind.schema.safeParse(raw);
  if (!parsed.success) {
    const details = formatZodIssues(parsed.error);
    throw new InvalidConfigError(`invalid provider profile ${path}: ${details.length} problem${details.length === 1 ? '' : 's'}`, details, 'INVALID_PROVIDER');
  }
  const declared = (parsed.data as { id?: unknown }).id;
  return kind.create(parsed.data, typeof declared === 'string' ? declared : fallbackId, { file: path, load });
}

/** Every provider of a run (profile names or paths, or adapters already made): profiles first, then one `target` provider made of all --target URLs. */
export function resolveProviders(providerRefs: readonly (string | ProviderAdapter)[], targets: readonly string[]): ProviderAdapter[] {
  const providers = providerRefs.map((p) => (typeof p === 'string' ? loadProviderProfile(p) : p));
  if (targets.length > 0) providers.push(TargetProvider.fromUrls('target', targets));
  const ids = new Set<string>();
  for (const p of providers) {
    if (ids.has(p.id)) throw new InvalidConfigError(`provider ${p.id} is named twice`, [], 'INVALID_PROVIDER');
    ids.add(p.id);
  }
  return providers;
}

/** The built-in emulated archetypes: what `run` uses when no --provider or --target is given. */
export function defaultLabProviderIds(): string[] {
  return builtinProviderIds().filter((id) => {
    try {
      const raw = parseYamlText(readFileSync(profilePath(id), 'utf8'), id, 'INVALID_PROVIDER');
      return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'emulator';
    } catch {
      return false;
    }
  });
}
