// "In the last minute" views of cumulative counters (records lost, duplicated, reordered), so an
// SLO can ask for a clean minute after a fix instead of a clean history.
import { TICK_MS } from '../../engine/types';

export const RECENT_WINDOW_TICKS = 60000 / TICK_MS;

/** Increase of one cumulative counter over the last `RECENT_WINDOW_TICKS` ticks. */
class WindowedCounter {
  private readonly history = new Float64Array(RECENT_WINDOW_TICKS);
  private next = 0;
  private filled = 0;
  private latest = 0;

  push(cumulative: number): void {
    this.latest = cumulative;
    this.history[this.next] = cumulative;
    this.next = (this.next + 1) % RECENT_WINDOW_TICKS;
    this.filled = Math.min(this.filled + 1, RECENT_WINDOW_TICKS);
  }

  /** Counter now minus the counter one window ago (counters start at 0). */
  increase(): number {
    const oldest = this.filled < RECENT_WINDOW_TICKS ? 0 : this.history[this.next];
    return Math.max(0, this.latest - oldest);
  }
}

/** Named windowed counters; a counter starts the first time it is pushed. */
export class RecentCounters {
  private readonly counters = new Map<string, WindowedCounter>();

  push(name: string, cumulative: number): void {
    let c = this.counters.get(name);
    if (!c) {
      c = new WindowedCounter();
      this.counters.set(name, c);
    }
    c.push(cumulative);
  }

  increase(name: string): number {
    return this.counters.get(name)?.increase() ?? 0;
  }
}
