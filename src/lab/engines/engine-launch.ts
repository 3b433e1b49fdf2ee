/**
 * What a config generator is given (one engine instance: a PoP or the shield) and what it returns (the
 * files of its private directory and its command line). Generators are pure functions, so the unit tests
 * read exactly what the engine will be started with.
 */

/** One engine instance to configure. */
export interface EngineInstance {
  /** PoP id (`fra`) or `shield`: named to the origin (`x-cdnbench-edge`) and to clients (`x-cdnbench-pop`). */
  id: string;
  /** Loopback port it listens on. */
  port: number;
  /** Its private directory (absolute); every file it reads or writes lives here. */
  dir: string;
  /** Where misses go: cdnbench's origin, or the shield instance. */
  upstream: { host: string; port: number };
  /** Bound of its cache storage, bytes. */
  cacheBytes: number;
  /**
   * True when cdnbench runs as root. nginx would then run its workers as `nobody`, who cannot enter a
   * private temp directory; the generated config keeps them as root instead (Varnish runs with `-j none`
   * and Traffic Server with `user_id #-1`, never switching user).
   */
  privileged: boolean;
}

/** Engine-specific behaviour a profile chooses. */
export interface EngineTuning {
  /** nginx `proxy_cache_lock` (request coalescing). */
  cacheLock: boolean;
  /** Traffic Server read-while-writer (DOMAIN.md §5). */
  readWhileWriter: boolean;
  /**
   * Secret value of the `x-cdnbench-refresh` header that makes nginx refetch and re-store an object
   * (`proxy_cache_bypass`): only cdnbench knows it, so no client can force refreshes.
   */
  refreshToken: string;
}

/** A file a generator writes into the instance directory. */
export interface EngineFile {
  /** Path relative to the instance directory. */
  path: string;
  content: string;
  /** File mode; 0o600 for files holding the refresh token. */
  mode?: number;
}

/** How to start one instance. */
export interface EngineLaunch {
  /** Directories to create (relative to the instance directory) before the engine starts. */
  dirs: string[];
  files: EngineFile[];
  /** Arguments after the binary; they name the instance directory, so `pgrep -f <dir>` finds the engine. */
  args: string[];
  /** Log files (relative) whose last lines explain a failed start. */
  logs: string[];
}

/** Builds an engine's launch for one instance. */
export type ConfigGenerator = (inst: EngineInstance, tuning: EngineTuning) => EngineLaunch;

/** The request path a readiness probe asks for: answered by the origin's control API (401, never counted). */
export const READY_PATH = '/__cdnbench/ready';
