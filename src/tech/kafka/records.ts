// Shared record-level shapes. Records are modelled in aggregates (a batch, a chunk of offsets),
// never one object per record.

/** A producer transaction (one per transactional instance at a time). */
export interface Txn {
  id: number;
  state: 'open' | 'committed' | 'aborted';
  /**
   * Its records will be produced again if it aborts (a read-process-write application whose input
   * offsets were not committed): an aborted copy is then a duplicate, not a record of its own.
   */
  resend?: boolean;
}

/** Told when copies of a batch become replicated (visible) or are cut off by a leader change. */
export interface BatchOwner {
  committed(batch: Batch, nowMs: number): void;
  truncated(batch: Batch, wasUniqueCopy: boolean, nowMs: number): void;
}

/** The records one producer drained for one partition in one tick (one or more real batches). */
export interface Batch {
  owner: BatchOwner;
  topic: string;
  partition: number;
  records: number;
  /** Records that are copies of records produced before (a processor re-sending outputs after a crash). */
  dups: number;
  /** Real Kafka batches this aggregate stands for (batch-size-avg = bytes / batches). */
  batches: number;
  wireBytes: number;
  /** Mean send() time of its records, for end-to-end latency. */
  bornMs: number;
  /** Oldest send() time: delivery.timeout.ms counts from here. */
  firstBornMs: number;
  keyed: boolean;
  attempts: number;
  /** Copies currently in the partition log (pending or visible). A second copy is a duplicate. */
  copies: number;
  acked: boolean;
  done: boolean;
  /** Records of this app+partition appended before this batch was first sent (reordering estimate). */
  overtakeMark: number;
  txn: Txn | null;
}

/** Counts of a range of offsets. ooo and aborted are subsets of uniques, abortedDups of dups. */
export interface Composition {
  uniques: number;
  dups: number;
  ooo: number;
  aborted: number;
  /** Duplicate copies inside aborted transactions (read_committed skips them too). */
  abortedDups: number;
  /** Sum of send() times of the uniques (mean born time = bornSum / uniques). */
  bornSum: number;
  bytes: number;
}

export const emptyComposition = (): Composition => ({ uniques: 0, dups: 0, ooo: 0, aborted: 0, abortedDups: 0, bornSum: 0, bytes: 0 });
