// One partition's log as the leader holds it: segments of offset-range chunks below the high
// watermark (visible to consumers) and pending appends above it (waiting for replication).
// Retention deletes whole segments, the cleaner compacts closed ones, a leader change can truncate.
import type { Batch, Composition, Txn } from './records';
import { emptyComposition } from './records';

/** A run of consecutive offsets appended in the same tick (merged further as it ages). */
export interface Chunk {
  base: number;
  /** Offsets spanned; records removed by compaction leave gaps (size >= uniques + dups). */
  size: number;
  uniques: number;
  dups: number;
  ooo: number;
  aborted: number;
  /** Duplicate copies inside an aborted transaction. */
  abortedDups: number;
  bytes: number;
  bornMs: number;
  appendMs: number;
  segmentBase: number;
  txn: Txn | null;
  /** Uniques in all chunks before this one (running total; differences give range counts fast). */
  cumU: number;
}

export interface Segment {
  base: number;
  end: number;
  bytes: number;
  /** Timestamp of the first record: segment.ms rolls from here. */
  firstMs: number;
  /** Largest timestamp: retention.ms deletes the segment once this is old enough. */
  lastMs: number;
}

/** An append above the high watermark, one per producer batch, replicated as a whole. */
export interface PendingEntry {
  base: number;
  size: number;
  uniques: number;
  dups: number;
  ooo: number;
  bytes: number;
  bornMs: number;
  appendMs: number;
  txn: Txn | null;
  batch: Batch | null;
  /** The first copy of the batch in the log (a retry without idempotence adds duplicate copies). */
  uniqueCopy: boolean;
}

export interface LogLimits {
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  deletePolicy: boolean;
}

const TICK_BUCKET_MS = 100;

/** Chunks may merge when they belong to the same transaction or to none that is still open. */
const sameTxnState = (a: Txn | null, b: Txn | null): boolean => a === b || ((a === null || a.state !== 'open') && (b === null || b.state !== 'open'));
const CHUNK_SOFT_CAP = 96;

/** Integer share of `count` over the first `k` of `size` offsets; differences of it add up exactly. */
const share = (count: number, k: number, size: number): number => (k >= size ? count : Math.floor((count * k) / size));

export class PartitionLog {
  logStart = 0;
  hw = 0;
  leo = 0;
  chunks: Chunk[] = [];
  segments: Segment[] = [];
  pending: PendingEntry[] = [];
  /** Cleaner checkpoint: offsets below were compacted. */
  firstDirty = 0;
  /** Uniques ever made visible here (replicated past the high watermark). */
  visibleEver = 0;
  /**
   * Offsets where consumer groups' counts start (their `resv`). Counts inside a chunk are shared
   * out by offset, so a chunk a pin falls inside must keep its shape: it is never merged.
   */
  pins: number[] = [];
  private readonly openTxns = new Map<Txn, number>();
  /** Running total of uniques up to the high watermark (see Chunk.cumU). */
  private totalU = 0;
  private visibleBytesTotal = 0;
  private pendingBytesTotal = 0;

  // ------------------------------------------------------------ appends and replication

  append(entry: Omit<PendingEntry, 'base'>): PendingEntry {
    const full = entry as PendingEntry;
    full.base = this.leo;
    this.leo += full.size;
    this.pendingBytesTotal += full.bytes;
    this.pending.push(full);
    if (full.txn && full.txn.state === 'open' && !this.openTxns.has(full.txn)) this.openTxns.set(full.txn, full.base);
    return full;
  }

  /** Pending offsets replicated up to `offset` (an entry boundary) become visible. */
  commitTo(offset: number, limits: LogLimits): PendingEntry[] {
    const committed: PendingEntry[] = [];
    let i = 0;
    while (i < this.pending.length && this.pending[i].base + this.pending[i].size <= offset) {
      const e = this.pending[i++];
      this.addVisible(e, limits);
      committed.push(e);
    }
    if (i > 0) this.pending.splice(0, i);
    if (committed.length > 0) this.hw = committed[committed.length - 1].base + committed[committed.length - 1].size;
    if (this.chunks.length > 2 * CHUNK_SOFT_CAP) this.mergeOldChunks();
    return committed;
  }

  /** Where a follower fetching from `from` towards `upTo` stops: pending entries replicate whole. */
  fetchBoundary(from: number, upTo: number): number {
    if (upTo <= this.hw) return upTo;
    let reach = Math.max(from, this.hw);
    for (const e of this.pending) {
      if (e.base + e.size > upTo) break;
      reach = e.base + e.size;
    }
    return reach;
  }

  private addVisible(e: PendingEntry, limits: LogLimits): void {
    let seg = this.segments[this.segments.length - 1];
    const segEmpty = !seg || seg.end === seg.base;
    // Kafka rolls before an append that would overflow segment.bytes, or once segment.ms has passed.
    if (!seg || (!segEmpty && (seg.bytes + e.bytes > limits.segmentBytes || e.appendMs - seg.firstMs > limits.segmentMs))) {
      seg = { base: e.base, end: e.base, bytes: 0, firstMs: e.appendMs, lastMs: e.appendMs };
      this.segments.push(seg);
    } else if (segEmpty) {
      seg.base = e.base;
      seg.end = e.base;
      seg.firstMs = e.appendMs;
    }
    seg.end = e.base + e.size;
    seg.bytes += e.bytes;
    seg.lastMs = Math.max(seg.lastMs, e.appendMs);
    this.visibleEver += e.uniques;
    this.visibleBytesTotal += e.bytes;
    this.pendingBytesTotal -= e.bytes;
    const last = this.chunks[this.chunks.length - 1];
    if (
      last && last.segmentBase === seg.base && last.txn === e.txn && last.base + last.size === e.base &&
      Math.floor(last.appendMs / TICK_BUCKET_MS) === Math.floor(e.appendMs / TICK_BUCKET_MS) && !this.pinned(last.base, e.base + e.size)
    ) {
      const n = last.uniques + e.uniques;
      last.bornMs = n > 0 ? (last.bornMs * last.uniques + e.bornMs * e.uniques) / n : last.bornMs;
      last.size += e.size;
      last.uniques = n;
      last.dups += e.dups;
      last.ooo += e.ooo;
      last.bytes += e.bytes;
      last.appendMs = Math.max(last.appendMs, e.appendMs);
      if (e.txn?.state === 'aborted') {
        last.aborted += e.uniques;
        last.abortedDups += e.dups;
      }
    } else {
      const aborted = e.txn?.state === 'aborted';
      this.chunks.push({
        base: e.base, size: e.size, uniques: e.uniques, dups: e.dups, ooo: e.ooo, aborted: aborted ? e.uniques : 0, abortedDups: aborted ? e.dups : 0,
        bytes: e.bytes, bornMs: e.bornMs, appendMs: e.appendMs, segmentBase: seg.base, txn: e.txn, cumU: this.totalU,
      });
    }
    this.totalU += e.uniques;
  }

  /** Keep memory bounded: merge neighbouring old chunks of the same segment (born times averaged). */
  private mergeOldChunks(): void {
    const keepFrom = this.chunks.length - CHUNK_SOFT_CAP;
    const out: Chunk[] = [];
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i];
      const prev = out[out.length - 1];
      if (i < keepFrom && prev && prev.segmentBase === c.segmentBase && sameTxnState(prev.txn, c.txn) && prev.base + prev.size === c.base && !this.pinned(prev.base, c.base + c.size)) {
        if (prev.txn !== c.txn) prev.txn = null;
        const n = prev.uniques + c.uniques;
        prev.bornMs = n > 0 ? (prev.bornMs * prev.uniques + c.bornMs * c.uniques) / n : prev.bornMs;
        prev.size += c.size;
        prev.uniques = n;
        prev.dups += c.dups;
        prev.ooo += c.ooo;
        prev.aborted += c.aborted;
        prev.abortedDups += c.abortedDups;
        prev.bytes += c.bytes;
        prev.appendMs = Math.max(prev.appendMs, c.appendMs);
      } else {
        out.push(c);
      }
    }
    this.chunks = out;
  }

  private pinned(from: number, to: number): boolean {
    for (const pin of this.pins) if (pin > from && pin < to) return true;
    return false;
  }

  // ------------------------------------------------------------ queries

  /** Last stable offset: read_committed consumers stop at the first record of an open transaction. */
  lso(): number {
    let lso = this.hw;
    for (const first of this.openTxns.values()) if (first < lso) lso = first;
    return lso;
  }

  /** Counts of the visible offsets [a, b), clamped to [logStart, hw). */
  composition(a: number, b: number, out: Composition = emptyComposition()): Composition {
    const from = Math.max(a, this.logStart);
    const to = Math.min(b, this.hw);
    if (to <= from) return out;
    for (let i = this.chunkIndexAt(from); i < this.chunks.length; i++) {
      const c = this.chunks[i];
      if (c.base >= to) break;
      const k1 = Math.max(from, c.base) - c.base;
      const k2 = Math.min(to, c.base + c.size) - c.base;
      if (k2 <= k1) continue;
      const u = share(c.uniques, k2, c.size) - share(c.uniques, k1, c.size);
      out.uniques += u;
      out.dups += share(c.dups, k2, c.size) - share(c.dups, k1, c.size);
      out.ooo += share(c.ooo, k2, c.size) - share(c.ooo, k1, c.size);
      out.aborted += share(c.aborted, k2, c.size) - share(c.aborted, k1, c.size);
      out.abortedDups += share(c.abortedDups, k2, c.size) - share(c.abortedDups, k1, c.size);
      out.bytes += share(c.bytes, k2, c.size) - share(c.bytes, k1, c.size);
      out.bornSum += u * c.bornMs;
    }
    return out;
  }

  /** Send time of the record at `offset` (for the age of the oldest waiting record). */
  bornAt(offset: number): number | undefined {
    if (offset < this.logStart || offset >= this.hw) return undefined;
    const c = this.chunks[this.chunkIndexAt(offset)];
    return c ? c.bornMs : undefined;
  }

  private chunkIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  visibleBytes(): number {
    return this.visibleBytesTotal;
  }

  pendingBytes(): number {
    return this.pendingBytesTotal;
  }

  /** Uniques in the visible offsets [a, b): the same numbers as composition(), in O(log chunks). */
  uniquesBetween(a: number, b: number): number {
    const from = Math.max(a, this.logStart);
    const to = Math.min(b, this.hw);
    if (to <= from) return 0;
    return this.cumulativeAt(to) - this.cumulativeAt(from);
  }

  private cumulativeAt(offset: number): number {
    if (offset >= this.hw) return this.totalU;
    const c = this.chunks[this.chunkIndexAt(offset)];
    if (!c) return this.totalU;
    return c.cumU + share(c.uniques, Math.max(0, offset - c.base), c.size);
  }

  /** After counts changed inside the log (compaction, truncation): rebuild the running totals. */
  private recount(): void {
    let total = this.chunks.length > 0 ? this.chunks[0].cumU : this.totalU;
    let bytes = 0;
    for (const c of this.chunks) {
      c.cumU = total;
      total += c.uniques;
    }
    for (const s of this.segments) bytes += s.bytes;
    this.totalU = total;
    this.visibleBytesTotal = bytes;
    let pending = 0;
    for (const e of this.pending) pending += e.bytes;
    this.pendingBytesTotal = pending;
  }

  // ------------------------------------------------------------ retention (UnifiedLog.deleteOldSegments)

  /** New log start offset retention would give now; segments below it would be deleted. */
  retentionTarget(nowMs: number, limits: LogLimits): number {
    if (!limits.deletePolicy || this.segments.length === 0) return this.logStart;
    let n = 0;
    // retention.ms: the segment's largest timestamp must be older than retention.ms.
    if (limits.retentionMs >= 0) {
      while (n < this.segments.length && this.deletable(n) && nowMs - this.segments[n].lastMs > limits.retentionMs) n++;
    }
    // retention.bytes: delete oldest segments while the partition stays at or above the limit without them.
    if (limits.retentionBytes >= 0) {
      let diff = this.visibleBytes() + this.pendingBytes() - limits.retentionBytes;
      for (let i = 0; i < n; i++) diff -= this.segments[i].bytes;
      while (n < this.segments.length && this.deletable(n) && diff - this.segments[n].bytes >= 0) {
        diff -= this.segments[n].bytes;
        n++;
      }
    }
    return n === 0 ? this.logStart : n < this.segments.length ? this.segments[n].base : this.hw;
  }

  /** Only segments wholly below the high watermark; the last one only if nothing is pending and it is not empty. */
  private deletable(i: number): boolean {
    const s = this.segments[i];
    if (i < this.segments.length - 1) return true;
    return this.pending.length === 0 && s.end > s.base;
  }

  /** Delete segments wholly below `offset` (from retentionTarget). Returns the number deleted. */
  deleteBefore(offset: number): number {
    let n = 0;
    while (n < this.segments.length && this.segments[n].end <= offset && this.segments[n].end > this.segments[n].base) n++;
    if (n === 0) return 0;
    const newStart = this.segments[n - 1].end;
    this.segments.splice(0, n);
    let c = 0;
    while (c < this.chunks.length && this.chunks[c].base < newStart) c++;
    this.chunks.splice(0, c);
    this.logStart = newStart;
    if (this.firstDirty < newStart) this.firstDirty = newStart;
    let bytes = 0;
    for (const s of this.segments) bytes += s.bytes;
    this.visibleBytesTotal = bytes;
    return n;
  }

  // ------------------------------------------------------------ compaction (LogCleaner, simplified)

  /** The cleanable range ends before the active segment and the first unstable offset. */
  private cleanableEnd(): number {
    const active = this.segments[this.segments.length - 1];
    return Math.min(active ? active.base : this.logStart, this.lso());
  }

  dirtyRatio(): number {
    const end = this.cleanableEnd();
    const from = Math.max(this.firstDirty, this.logStart);
    if (end <= from) return 0;
    const total = this.composition(this.logStart, end).bytes;
    return total > 0 ? this.composition(from, end).bytes / total : 0;
  }

  /**
   * Keep (in expectation) only the latest record per key in [logStart, cleanableEnd).
   * Model: keys uniform over `keys` values; a record survives if its key does not reappear later
   * in the dirty section, probability q^later with q = 1 - 1/keys (the hot-key skew is ignored).
   */
  compact(keys: number): number {
    const end = this.cleanableEnd();
    if (end <= Math.max(this.firstDirty, this.logStart)) return 0;
    const q = keys <= 1 ? 0 : 1 - 1 / keys;
    const pow = (j: number) => (j === 0 ? 1 : q === 0 ? 0 : Math.pow(q, j));
    let dirtyTotal = 0;
    for (const c of this.chunks) if (c.base >= this.firstDirty && c.base < end) dirtyTotal += c.uniques + c.dups;
    let later = 0;
    let cumulative = 0;
    let removedTotal = 0;
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const c = this.chunks[i];
      if (c.base >= end) continue;
      const n = c.uniques + c.dups;
      if (n === 0) continue;
      let survivors: number;
      if (c.base >= this.firstDirty) {
        survivors = q === 1 ? n : (pow(later) * (1 - pow(n))) / (1 - q);
        later += n;
      } else {
        survivors = n * pow(dirtyTotal);
      }
      const keep = Math.min(n, Math.round(cumulative + survivors) - Math.round(cumulative));
      cumulative += survivors;
      const removed = n - keep;
      if (removed <= 0) continue;
      const dupsRemoved = Math.min(c.dups, removed);
      const uniquesAfter = c.uniques - (removed - dupsRemoved);
      c.ooo = c.uniques > 0 ? Math.floor((c.ooo * uniquesAfter) / c.uniques) : 0;
      c.aborted = c.uniques > 0 ? Math.floor((c.aborted * uniquesAfter) / c.uniques) : 0;
      c.bytes = Math.round((c.bytes * keep) / n);
      c.dups -= dupsRemoved;
      c.abortedDups = Math.min(c.abortedDups, c.dups);
      c.uniques = uniquesAfter;
      removedTotal += removed;
    }
    for (const s of this.segments) {
      if (s.base >= end) break;
      s.bytes = 0;
    }
    for (const c of this.chunks) {
      if (c.base >= end) break;
      const s = this.segments.find((x) => x.base === c.segmentBase);
      if (s) s.bytes += c.bytes;
    }
    this.firstDirty = end;
    this.recount();
    return removedTotal;
  }

  // ------------------------------------------------------------ transactions

  /**
   * A transaction finished: read_committed readers may pass it; an abort marks its records aborted.
   * When the records will be produced again (`txn.resend`), the aborted copies become duplicates;
   * returns how many records stopped counting as records of their own here.
   */
  resolveTxn(txn: Txn): number {
    const first = this.openTxns.get(txn);
    if (first === undefined) return 0;
    this.openTxns.delete(txn);
    if (txn.state !== 'aborted') return 0;
    let converted = 0;
    let visible = 0;
    for (let i = this.chunkIndexAt(first); i < this.chunks.length; i++) {
      const c = this.chunks[i];
      if (c.txn !== txn) continue;
      if (txn.resend) {
        visible += c.uniques;
        c.dups += c.uniques;
        c.uniques = 0;
        c.ooo = 0;
        c.aborted = 0;
      } else c.aborted = c.uniques;
      c.abortedDups = c.dups;
    }
    if (txn.resend) {
      for (const e of this.pending) {
        if (e.txn !== txn) continue;
        converted += e.uniques;
        e.dups += e.uniques;
        e.uniques = 0;
        e.ooo = 0;
      }
    }
    if (visible > 0) {
      this.visibleEver -= visible;
      this.recount();
    }
    return converted + visible;
  }

  // ------------------------------------------------------------ leader change

  /** The new leader's log ends at `offset`: everything above is gone (pending first, then visible). */
  truncateTo(offset: number, nowMs: number): void {
    while (this.pending.length > 0 && this.pending[this.pending.length - 1].base >= offset) {
      const e = this.pending.pop() as PendingEntry;
      if (e.batch) e.batch.owner.truncated(e.batch, e.uniqueCopy, nowMs);
    }
    if (offset < this.hw) {
      while (this.chunks.length > 0 && this.chunks[this.chunks.length - 1].base >= offset) this.chunks.pop();
      const last = this.chunks[this.chunks.length - 1];
      if (last && last.base + last.size > offset) {
        const k = offset - last.base;
        last.uniques = share(last.uniques, k, last.size);
        last.dups = share(last.dups, k, last.size);
        last.ooo = share(last.ooo, k, last.size);
        last.aborted = share(last.aborted, k, last.size);
        last.abortedDups = share(last.abortedDups, k, last.size);
        last.bytes = share(last.bytes, k, last.size);
        last.size = k;
      }
      while (this.segments.length > 0 && this.segments[this.segments.length - 1].base >= offset && this.segments.length > 1) this.segments.pop();
      const seg = this.segments[this.segments.length - 1];
      if (seg) {
        seg.end = Math.min(seg.end, offset);
        seg.bytes = 0;
        for (const c of this.chunks) if (c.segmentBase === seg.base) seg.bytes += c.bytes;
      }
      this.hw = Math.max(offset, this.logStart);
    }
    this.leo = Math.max(offset, this.hw);
    for (const [txn, first] of this.openTxns) if (first >= offset) this.openTxns.delete(txn);
    if (this.firstDirty > offset) this.firstDirty = offset;
    this.recount();
  }

  // ------------------------------------------------------------ data present before t=0

  /** Records written before the run, spread evenly over `spanMs` ending at `endMs`, in closed segments. */
  preload(records: number, recordBytes: number, spanMs: number, endMs: number, limits: LogLimits): void {
    if (records <= 0) return;
    const perSegment = Math.max(1, Math.floor(limits.segmentBytes / recordBytes));
    const byTime = Math.max(1, Math.ceil(spanMs / Math.max(1, limits.segmentMs)));
    const segmentsCount = Math.max(byTime, Math.ceil(records / perSegment));
    let written = 0;
    for (let s = 0; s < segmentsCount; s++) {
      const n = Math.round(((s + 1) * records) / segmentsCount) - written;
      if (n <= 0) continue;
      const t0 = endMs - spanMs + (s * spanMs) / segmentsCount;
      const t1 = endMs - spanMs + ((s + 1) * spanMs) / segmentsCount;
      const base = this.leo;
      this.segments.push({ base, end: base + n, bytes: n * recordBytes, firstMs: t0, lastMs: t1 });
      this.chunks.push({ base, size: n, uniques: n, dups: 0, ooo: 0, aborted: 0, abortedDups: 0, bytes: n * recordBytes, bornMs: (t0 + t1) / 2, appendMs: t1, segmentBase: base, txn: null, cumU: this.totalU });
      this.totalU += n;
      this.visibleBytesTotal += n * recordBytes;
      this.leo += n;
      written += n;
    }
    this.hw = this.leo;
    this.visibleEver += written;
    // Start a fresh active segment so new writes never land in the preloaded ones.
    this.segments.push({ base: this.leo, end: this.leo, bytes: 0, firstMs: endMs, lastMs: endMs });
  }
}
