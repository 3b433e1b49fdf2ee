/**
 * bench:crowd's memory figure: RSS per idle open connection of a crowd, measured in this process against
 * the tile server in a child (so the server's sockets are not counted): RSS before and after opening N idle
 * HTTP/1.1 crowd connections (crowd-lane channels, exactly what a warm crowd holds), divided by N.
 */
import { EdgeClient } from '../src/http/edge-client.js';
import type { CrowdLane } from '../src/http/crowd-lane.js';
import { startChildServer } from './bench-util.js';

/** RSS and heap per idle connection, bytes, over `n` connections. */
export interface IdleMemory {
  connections: number;
  rssPerConnection: number;
  heapPerConnection: number;
  failed: number;
}

function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return new Promise((r) => setTimeout(() => {
    gc?.();
    r();
  }, 300));
}

/** Opens `n` idle crowd connections to a child server and measures what they cost. */
export async function idleConnectionMemory(n: number): Promise<IdleMemory> {
  const server = await startChildServer('tile-server');
  try {
    const client = new EdgeClient({ id: 'bench', url: server.url }, { connections: 1, http2: false, timeoutMs: 10_000, wantedHeaders: new Set(['cache-status']), userAgent: 'cdnbench-bench' });
    await settle();
    const before = process.memoryUsage();
    const lane: CrowdLane = client.crowdLane({ listeners: n, protocol: 'http1', streamsPerConnection: 1, sourceAddress: () => undefined });
    let failed = 0;
    // 256 connects at a time, as the crowd executor paces them.
    let next = 0;
    await Promise.all(Array.from({ length: 256 }, async () => {
      for (let i = next++; i < n; i = next++) if ((await lane.channels[i]?.warm()) !== null) failed++;
    }));
    await settle();
    const after = process.memoryUsage();
    lane.close();
    await client.close();
    return { connections: n, rssPerConnection: (after.rss - before.rss) / n, heapPerConnection: (after.heapUsed - before.heapUsed) / n, failed };
  } finally {
    server.stop();
  }
}
