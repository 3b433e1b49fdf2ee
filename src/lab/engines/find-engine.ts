/**
 * Finds an engine's binary before any load, so a missing engine is one clear line (`varnishd not found:
 * apt-get install varnish`, exit 104) instead of a failed start in the middle of a comparison. Varnish also
 * needs vmod xkey (Debian `varnish-modules`) for tag purges; its absence is reported the same way.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { ENGINE_BINARIES, type LabEngine } from './engine-spec.js';

/** Searched after PATH: Debian installs varnishd and nginx in /usr/sbin, which a normal user's PATH may lack. */
export const SBIN_DIRS: readonly string[] = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Where vmod directories live on Debian-like systems (`/usr/lib/<triplet>/varnish/vmods`) and in source builds. */
const VMOD_PARENTS: readonly string[] = ['/usr/lib', '/usr/local/lib', '/usr/lib64'];

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in PATH, then in `extraDirs`; null when there is none. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env, extraDirs: readonly string[] = SBIN_DIRS): string | null {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** An engine's binary, or the one-line reason it cannot be used. */
export type EngineLookup = { path: string } | { problem: string };

/** Resolves an engine's binary: the override variable when set (it must point at an executable), else PATH and sbin. */
export function resolveEngineBinary(engine: LabEngine, env: NodeJS.ProcessEnv = process.env, extraDirs: readonly string[] = SBIN_DIRS): EngineLookup {
  const spec = ENGINE_BINARIES[engine];
  const override = env[spec.envVar];
  if (override !== undefined && override !== '') {
    if (isAbsolute(override) && isExecutableFile(override)) return { path: override };
    return { problem: `${spec.binary} not found at ${override} (from ${spec.envVar}): give an absolute path to an executable, or unset it and apt-get install ${spec.debianPackage}` };
  }
  const path = findExecutable(spec.binary, env, extraDirs);
  return path === null ? { problem: `${spec.binary} not found: apt-get install ${spec.debianPackage}` } : { path };
}

/** Directories holding Varnish's bundled vmods (recognised by libvmod_std.so). */
export function varnishVmodDirs(parents: readonly string[] = VMOD_PARENTS): string[] {
  const found: string[] = [];
  for (const parent of parents) {
    const direct = join(parent, 'varnish', 'vmods');
    if (existsSync(join(direct, 'libvmod_std.so'))) found.push(direct);
    let entries: string[] = [];
    try {
      entries = readdirSync(parent);
    } catch {
      continue;
    }
    for (const e of entries) {
      const dir = join(parent, e, 'varnish', 'vmods');
      if (existsSync(join(dir, 'libvmod_std.so'))) found.push(dir);
    }
  }
  return found;
}

/**
 * Every reason the engine cannot run here (empty when it can). For Varnish, vmod xkey must sit beside the
 * standard vmods; when no vmod directory is found at all (a custom build), the VCL compiler decides.
 */
export function engineProblems(engine: LabEngine, env: NodeJS.ProcessEnv = process.env, vmodParents: readonly string[] = VMOD_PARENTS): string[] {
  const lookup = resolveEngineBinary(engine, env);
  if ('problem' in lookup) return [lookup.problem];
  if (engine === 'varnish') {
    const dirs = varnishVmodDirs(vmodParents);
    if (dirs.length > 0 && !dirs.some((d) => existsSync(join(d, 'libvmod_xkey.so')))) return ['vmod xkey not found: apt-get install varnish-modules'];
  }
  return [];
}

/** True when the engine can run on this machine (tests use it to decide between running and a visible skip). */
export function engineAvailable(engine: LabEngine): boolean {
  return engineProblems(engine).length === 0;
}
