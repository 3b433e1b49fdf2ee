/**
 * A count of running tasks with a wait for "fewer than N running".
 *
 * Why not `await Promise.race(set)` in a loop: every race adds a reaction to every promise still in the
 * set, and those reactions live until each promise settles. With thousands of sessions in flight that is
 * O(n²) promises: 6,000 listeners of a burst held 2.36 million Promise + PromiseReaction pairs (≈ 216 MB of
 * heap, ≈ 120 KB per session) and stalled the event loop for seconds. Here each task costs one reaction.
 */
export class InFlight {
  private running = 0;
  private waiters: { limit: number; resolve: () => void }[] = [];

  /** Tasks running now. */
  get size(): number {
    return this.running;
  }

  /** Counts `task` as running until it settles (a rejection is the task's own business, never thrown here). */
  add(task: Promise<unknown>): void {
    this.running++;
    const done = (): void => {
      this.running--;
      this.wake();
    };
    task.then(done, done);
  }

  /** Resolves once fewer than `limit` tasks run (at once when already so); `below(1)` waits for all. */
  below(limit: number): Promise<void> {
    if (this.running < limit) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push({ limit, resolve }));
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const still: { limit: number; resolve: () => void }[] = [];
    for (const w of this.waiters) {
      if (this.running < w.limit) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}
