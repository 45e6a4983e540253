// Small rolling statistics for metrics: sums over the last N ticks and a latency histogram.

/** Sum of the last `size` values pushed (one per tick). */
export class RollingSum {
  private readonly values: Float64Array;
  private next = 0;
  total = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }

  push(v: number): void {
    this.total += v - this.values[this.next];
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
    if (Math.abs(this.total) < 1e-9) this.total = 0;
  }
}

const BUCKETS_PER_OCTAVE = 4;
const BUCKETS = 26 * BUCKETS_PER_OCTAVE;

const bucketOf = (ms: number): number => Math.min(BUCKETS - 1, Math.max(0, Math.floor(Math.log2(Math.max(1, ms)) * BUCKETS_PER_OCTAVE)));
const upperMs = (bucket: number): number => Math.pow(2, (bucket + 1) / BUCKETS_PER_OCTAVE);

/** Latency distribution of the last `ticks` ticks, log-spaced buckets (about 19% wide). */
export class LatencyWindow {
  private readonly rows: Float64Array[];
  private readonly rowUsed: boolean[];
  private readonly totals = new Float64Array(BUCKETS);
  private current = 0;
  private count = 0;

  constructor(readonly ticks: number) {
    this.rows = Array.from({ length: ticks }, () => new Float64Array(BUCKETS));
    this.rowUsed = new Array<boolean>(ticks).fill(false);
  }

  add(ms: number, weight: number): void {
    if (weight <= 0) return;
    const b = bucketOf(ms);
    this.rows[this.current][b] += weight;
    this.rowUsed[this.current] = true;
    this.totals[b] += weight;
    this.count += weight;
  }

  /** Start a new tick: the oldest tick falls out of the window. */
  advance(): void {
    this.current = (this.current + 1) % this.ticks;
    if (!this.rowUsed[this.current]) return;
    this.rowUsed[this.current] = false;
    const row = this.rows[this.current];
    for (let b = 0; b < BUCKETS; b++) {
      if (row[b] === 0) continue;
      this.totals[b] -= row[b];
      this.count -= row[b];
      row[b] = 0;
    }
  }

  /** The q-quantile (0..1), as the upper edge of its bucket; 0 when empty. */
  quantile(q: number): number {
    if (this.count <= 1e-9) return 0;
    const target = this.count * q;
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.totals[b];
      if (seen >= target) return Math.round(upperMs(b));
    }
    return Math.round(upperMs(BUCKETS - 1));
  }
}
