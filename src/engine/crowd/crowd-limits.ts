/**
 * What the machine allows a crowd: file descriptors (one per connection) and ephemeral ports (about 28k
 * per source address and destination). Checked before any connection is opened, so a crowd this process
 * cannot hold fails with one clear line naming the limit instead of thousands of EMFILE errors.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { InvalidConfigError } from '../../errors.js';
import { formatCount } from '../../scenario/bounds.js';

/** Descriptors kept for everything else the process opens (lab control, result files, the report). */
const FD_RESERVE = 256;
/** Share of the ephemeral port range a crowd uses per source address: the rest is left to TIME_WAIT and others. */
const PORT_SHARE = 0.9;

/** The soft open-files limit of this process (node raised it to the hard limit at start); null when unknown. */
export function openFilesLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.trim().split(/\s+/)[3];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}

/** Ports a crowd may take per source address (and destination): 90 % of the kernel's ephemeral range. */
export function portsPerSource(): number {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo !== undefined && hi !== undefined && hi > lo) return Math.floor((hi - lo + 1) * PORT_SHARE);
  } catch {
    // Not Linux: assume the IANA range.
  }
  return Math.floor(16_384 * PORT_SHARE);
}

/** True for an IPv4 loopback address or localhost: the only targets a crowd may bind extra 127.0.0.x sources for. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** Throws (exit 104) when `connections` would not fit under the open-files limit. */
export function checkOpenFiles(connections: number, limit = openFilesLimit()): void {
  const problem = openFilesProblem(connections, limit);
  if (problem !== null) throw new InvalidConfigError(problem);
}

/** Why `connections` would not fit under the open-files limit; null when they fit (or the limit is unknown). */
export function openFilesProblem(connections: number, limit = openFilesLimit()): string | null {
  if (limit === null || connections + FD_RESERVE <= limit) return null;
  return (
    `the crowd needs ${formatCount(connections)} connections but this process may open at most ${formatCount(limit)} files (ulimit -n; ${FD_RESERVE} are kept for other files): raise the hard limit (e.g. ulimit -Hn ${connections + 1024} as root, or LimitNOFILE) or release fewer listeners / use protocol: http2`
  );
}

/** The plan's crowd problems this machine has, checked before any load (engines.ts); empty when none. */
export function crowdProblems(crowd: { listeners: number; protocol: 'http1' | 'http2'; streamsPerConnection: number } | null): string[] {
  if (crowd === null) return [];
  const connections = crowd.protocol === 'http1' ? crowd.listeners : Math.ceil(crowd.listeners / crowd.streamsPerConnection);
  const problem = openFilesProblem(connections);
  return problem === null ? [] : [`crowd: ${problem}`];
}

/**
 * The source address of each HTTP/1.1 connection: the kernel's choice while every PoP gets at most
 * `budget` connections (ports are allocated per destination), else 127.0.0.2, .3, … each bound by at most
 * `budget` connections (a bound source allocates its ports once for all destinations). Only on loopback;
 * elsewhere too many connections to one PoP is an error.
 */
export function sourcePlan(perPop: readonly number[], hosts: readonly string[], budget = portsPerSource()): { sources: number; addressOf(globalIndex: number): string | undefined } {
  const most = Math.max(0, ...perPop);
  if (most <= budget) return { sources: 1, addressOf: () => undefined };
  if (!hosts.every(isLoopbackHost)) {
    throw new InvalidConfigError(`the crowd puts ${formatCount(most)} connections on one PoP, more than one source address has ephemeral ports for (${formatCount(budget)}); extra source addresses are bound only on loopback: use protocol: http2 or fewer listeners`);
  }
  const total = perPop.reduce((a, b) => a + b, 0);
  const sources = Math.ceil(total / budget);
  if (sources > 250) throw new InvalidConfigError(`the crowd needs ${sources} loopback source addresses (${formatCount(budget)} ports each); at most 250`);
  return { sources, addressOf: (i) => `127.0.0.${2 + Math.floor(i / budget)}` };
}
