/**
 * The real caching engines cdnbench runs as lab PoPs (DOMAIN.md §3–§5): which binary each needs, the
 * environment variable that points at a custom build, and the Debian package that provides it.
 */

/** The engines, by the `engine:` value of a `lab-engine` profile. */
export const LAB_ENGINES = ['varnish', 'nginx', 'ats'] as const;

/** One of the lab engines. */
export type LabEngine = (typeof LAB_ENGINES)[number];

/** Where an engine's binary comes from. */
export interface EngineBinary {
  /** Executable name looked up on PATH and in the sbin directories. */
  readonly binary: string;
  /** Environment variable holding an explicit path (a custom build), checked first. */
  readonly envVar: string;
  /** Debian package that installs the binary (named in the missing-binary error). */
  readonly debianPackage: string;
  /** Header dialect the generated configuration speaks. */
  readonly dialect: 'varnish' | 'nginx' | 'ats';
}

/** Binary, override variable, package and dialect of every engine. */
export const ENGINE_BINARIES: Readonly<Record<LabEngine, EngineBinary>> = {
  varnish: { binary: 'varnishd', envVar: 'CDNBENCH_VARNISHD', debianPackage: 'varnish', dialect: 'varnish' },
  nginx: { binary: 'nginx', envVar: 'CDNBENCH_NGINX', debianPackage: 'nginx', dialect: 'nginx' },
  ats: { binary: 'traffic_server', envVar: 'CDNBENCH_TRAFFIC_SERVER', debianPackage: 'trafficserver', dialect: 'ats' },
};

/** The id the shield instance names itself with (to the origin and in response headers); no PoP may take it. */
export const ENGINE_SHIELD_ID = 'shield';
