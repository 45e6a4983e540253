// Fixed-size per-tick history of the charted metrics (the host owns it; webviews get copies).
import type { MetricMap } from './types';

export interface HistoryWindow {
  t: number[];
  series: Record<string, number[]>;
}

export class MetricHistory {
  private readonly ticks: number[] = [];
  private readonly columns = new Map<string, (number | null)[]>();
  private start = 0; // index of the oldest sample once the buffer is full
  private count = 0;

  constructor(
    readonly capacity: number,
    private readonly secondsPerTick: number,
  ) {}

  push(tick: number, values: MetricMap, names: readonly string[]): void {
    const slot = this.count < this.capacity ? this.count : this.start;
    for (const name of names) {
      if (!this.columns.has(name)) this.columns.set(name, new Array<number | null>(this.capacity).fill(null));
    }
    this.ticks[slot] = tick;
    for (const [name, column] of this.columns) {
      const v = values[name];
      column[slot] = v === undefined || !Number.isFinite(v) ? null : v;
    }
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Samples with tick > afterTick, oldest first (all of them when afterTick is -1). */
  since(afterTick: number): HistoryWindow {
    const t: number[] = [];
    const series: Record<string, number[]> = {};
    for (const name of this.columns.keys()) series[name] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.capacity;
      if (this.ticks[slot] <= afterTick) continue;
      t.push(this.ticks[slot] * this.secondsPerTick);
      for (const [name, column] of this.columns) series[name].push(column[slot] as number);
    }
    return { t, series };
  }

  latestTick(): number {
    return this.count === 0 ? -1 : this.ticks[(this.start + this.count - 1) % this.capacity];
  }
}
