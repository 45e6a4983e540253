// A producing application: KafkaProducer's accumulator, sender and retry logic in aggregate.
// Records enter through send() (blocking when buffer.memory is full), wait in per-partition
// accumulators (linger.ms / batch.size), leave in requests bounded by
// max.in.flight.requests.per.connection, and are retried until delivery.timeout.ms.
import { TICK_MS, type Rng } from '../../engine/types';
import type { Cluster, PartitionState } from './cluster';
import { keySpread, splitByWeights, StickyPartitioner, type KeySpread } from './partitioner';
import type { Batch, BatchOwner, Txn } from './records';
import type { ProducerSettings } from './settings';
import { COMPRESS_MBPS, type ProducerWorld } from './world';

/** Bytes of a v2 record batch header, and per-record framing (varints, attributes). */
const BATCH_HEADER_BYTES = 61;
const RECORD_OVERHEAD_BYTES = 8;

/** What the producer tells the simulation about record fates. */
export interface ProducerHost {
  cluster: Cluster;
  rng: Rng;
  event(level: 'info' | 'warn' | 'error', text: string): void;
  produced(topic: string, records: number): void;
  drop(topic: string, reason: string, records: number): void;
  /** A batch reported failed was written after all (a late copy of a timed-out request). */
  undrop(topic: string, reason: string, records: number): void;
  /** Settle a finished transaction in a partition log (readers adjust); returns records that stopped counting. */
  resolveTxn?(part: PartitionState, txn: Txn): number;
}

/** Marks a batch whose records a processor will produce again (see lose()), instead of a drop reason. */
const OWED = 'owed';

interface Cohort {
  records: number;
  /** Of `records`, copies of records produced before (see Batch.dups). */
  dups: number;
  bornSum: number;
  firstBorn: number;
}

/** Records waiting inside send(), for the topic they were sent to. */
interface Blocked extends Cohort {
  topic: string;
}

interface SentBatch {
  batch: Batch;
  attempt: number;
}

interface Request {
  topic: string;
  broker: number;
  /** Real requests this aggregate stands for. */
  count: number;
  sendMs: number;
  processAtMs: number;
  timeoutAtMs: number;
  items: SentBatch[];
  processed: boolean;
  /** The client could not reach the broker (down): fails fast instead of being processed. */
  unreachable: boolean;
}

type BatchState = 'sent' | 'backoff' | 'acked' | 'failed';

interface TrackedBatch extends Batch {
  state: BatchState;
  retryAtMs: number;
  committedCopies: number;
  droppedReason: string | null;
}

interface AppTxn {
  txn: Txn;
  records: number;
  batches: TrackedBatch[];
  partitions: Set<PartitionState>;
  startMs: number;
  closing: boolean;
}

/** One topic's accumulator state (an old topic keeps draining after the app switched topics). */
class Lane {
  known = 0;
  refreshAtMs = 0;
  acc: Cohort[][] = [];
  accRecords: number[] = [];
  accDups: number[] = [];
  arrivalCarry: number[] = [];
  sendCarry: number[] = [];
  appended: number[] = [];
  spread: KeySpread | null = null;
  spreadFor = '';

  constructor(readonly topic: string, readonly sticky: StickyPartitioner) {}

  ensure(partitions: number): void {
    while (this.acc.length < partitions) {
      this.acc.push([]);
      this.accRecords.push(0);
      this.accDups.push(0);
      this.arrivalCarry.push(0);
      this.sendCarry.push(0);
      this.appended.push(0);
    }
  }

  total(): number {
    let n = 0;
    for (const r of this.accRecords) n += r;
    return n;
  }

  /** Buffered records that are records of their own (not copies). */
  uniques(): number {
    let n = this.total();
    for (const d of this.accDups) n -= d;
    return n;
  }
}

/** Share `dups` of a cohort over the parts it is split into, in proportion, exactly. */
function splitDups(dups: number, records: number, parts: readonly number[]): number[] {
  const out = parts.map(() => 0);
  if (dups <= 0) return out;
  let given = 0;
  let seen = 0;
  parts.forEach((n, i) => {
    seen += n;
    const upTo = Math.min(dups, Math.round((dups * seen) / records));
    out[i] = Math.min(n, upTo - given);
    given += out[i];
  });
  return out;
}

export interface ProducerTickStats {
  produced: number;
  requests: number;
  batches: number;
  wireBytes: number;
  attempts: number;
  errors: number;
}

const emptyStats = (): ProducerTickStats => ({ produced: 0, requests: 0, batches: 0, wireBytes: 0, attempts: 0, errors: 0 });

export class ProducerApp implements BatchOwner {
  settings: ProducerSettings;
  spikeFactor = 1;
  stats = emptyStats();
  blocked: Blocked[] = [];
  private lanes = new Map<string, Lane>();
  private requests: Request[] = [];
  private tracked: TrackedBatch[] = [];
  private txn: AppTxn | null = null;
  private closingTxns: AppTxn[] = [];
  private nextTxnId = 1;
  private readonly sticky: StickyPartitioner;
  private warned = new Set<string>();
  /**
   * Read-process-write output (records come from feed()): an output lost in a crash, or aborted
   * with its transaction, is produced again when its input record is processed again.
   */
  readonly resends: boolean;
  /** Outputs lost without transactions, in flight for the ledger until produced again (see lose()). */
  owed = 0;
  /** Called when a transaction closed by closeTransaction() commits or aborts. */
  private txnDone = new Map<Txn, (committed: boolean, atMs: number) => void>();
  private nowMs = 0;

  constructor(readonly name: string, settings: ProducerSettings, readonly world: ProducerWorld, private readonly host: ProducerHost, opts: { resends?: boolean } = {}) {
    this.settings = settings;
    this.resends = opts.resends ?? false;
    this.sticky = new StickyPartitioner(host.rng.fork(`sticky:${name}`));
  }

  /** A new config for this application: instances restart with fresh metadata. */
  reconfigure(next: ProducerSettings): void {
    this.settings = next;
    for (const lane of this.lanes.values()) lane.refreshAtMs = 0;
  }

  // ------------------------------------------------------------ ledger views

  /** Records accepted by send() that are not in the partition log yet (buffered, blocked, in flight, backing off). */
  inFlight(topic: string): number {
    let n = topic === this.settings.topic ? this.owed : 0;
    const lane = this.lanes.get(topic);
    if (lane) n += lane.uniques();
    for (const c of this.blocked) if (c.topic === topic) n += c.records - c.dups;
    for (const b of this.tracked) if (b.topic === topic && b.copies === 0 && (b.state === 'sent' || b.state === 'backoff')) n += b.records - b.dups;
    return n;
  }

  bufferUsedBytes(): number {
    let used = 0;
    for (const lane of this.lanes.values()) used += lane.total() * this.world.recordBytes;
    for (const b of this.tracked) if (b.state === 'sent' || b.state === 'backoff') used += b.wireBytes;
    return used;
  }

  // ------------------------------------------------------------ per tick

  tick(nowMs: number, endMs: number): void {
    this.nowMs = nowMs;
    this.stats = emptyStats();
    this.lane(this.settings.topic);
    for (const l of this.lanes.values()) this.refreshMetadata(l, nowMs);
    this.arrive(nowMs);
    this.admit();
    this.expire(nowMs);
    for (const l of this.lanes.values()) this.send(l, nowMs, endMs);
    this.processDue(endMs);
    this.timeouts(endMs);
    this.settleTransactions(nowMs);
    for (const [topic, l] of this.lanes) if (topic !== this.settings.topic && l.total() === 0) this.lanes.delete(topic);
    keepWhere(this.tracked, (b) => b.state === 'sent' || b.state === 'backoff');
    keepWhere(this.requests, (r) => !r.processed || r.items.some((i) => this.awaiting(i)));
  }

  private lane(topic: string): Lane {
    let lane = this.lanes.get(topic);
    if (!lane) {
      lane = new Lane(topic, this.sticky);
      this.lanes.set(topic, lane);
    }
    return lane;
  }

  private refreshMetadata(lane: Lane, nowMs: number): void {
    const topic = this.host.cluster.topics.get(lane.topic);
    if (!topic || nowMs < lane.refreshAtMs) return;
    lane.known = topic.partitions.length;
    lane.refreshAtMs = nowMs + Math.max(TICK_MS, this.settings.metadataMaxAgeMs);
    lane.ensure(lane.known);
    const field = this.keyField();
    const key = `${field}/${lane.known}`;
    if (lane.spreadFor !== key) {
      lane.spread = field ? keySpread(field, this.world.keys[field] ?? 1, this.world.hotKeys[field] ?? 0, lane.known) : null;
      lane.spreadFor = key;
    }
  }

  /** The key field records carry, or null when the partitioner ignores keys. */
  private keyField(): string | null {
    const s = this.settings;
    if (!s.key || s.ignoreKeys || s.partitioner !== 'builtin') return null;
    return s.key;
  }

  /**
   * Mean time (ms) between two events of the same entity when the records are not keyed by a
   * field that keeps entities in order; null when order is kept (or does not matter).
   */
  orderGapMs(): number | null {
    const w = this.world;
    const s = this.settings;
    if (w.orderingKeys.length === 0 || s.instances <= 0) return null;
    const routedBy = s.partitioner === 'builtin' && !s.ignoreKeys ? s.key : null;
    if (routedBy !== null && w.orderingKeys.includes(routedBy)) return null;
    const entities = w.keys[w.orderingKeys[0]] ?? 1;
    return (1000 * entities) / Math.max(1e-9, w.recordsPerSecond * this.spikeFactor);
  }

  /** Distinct keys per partition, for compaction (keyless records have none). */
  keysOn(partition: number): number {
    const lane = this.lanes.get(this.settings.topic);
    const k = lane?.spread?.keys[partition];
    return k === undefined ? 0 : k;
  }

  private arrive(nowMs: number): void {
    const s = this.settings;
    if (s.instances <= 0 || nowMs < this.world.startAt * 1000) return;
    const n = this.host.rng.poisson((this.world.recordsPerSecond * this.spikeFactor * TICK_MS) / 1000);
    if (n <= 0) return;
    this.host.produced(s.topic, n);
    this.stats.produced += n;
    if (this.world.recordBytes > s.maxRequestSize) {
      // KafkaProducer.ensureValidRecordSize: rejected in send() before it reaches the buffer.
      this.host.drop(s.topic, 'record-too-large', n);
      this.stats.errors += n;
      this.stats.attempts += n;
      this.warnOnce('size', `${this.name}: RecordTooLargeException: The message is ${this.world.recordBytes} bytes when serialized which is larger than ${s.maxRequestSize}, which is the value of the max.request.size configuration.`);
      return;
    }
    const born = nowMs + TICK_MS / 2;
    this.blocked.push({ topic: s.topic, records: n, dups: 0, bornSum: n * born, firstBorn: nowMs });
  }

  /**
   * A read-process-write application sends the outputs of records it processed: `fresh` for
   * inputs processed the first time, `again` for inputs processed again (after a crash or a
   * rebalance). Outputs produced again pay back what is owed first; the rest are duplicates.
   */
  feed(fresh: number, again: number, bornMs: number, nowMs: number): void {
    const repay = Math.min(this.owed, again);
    this.owed -= repay;
    const records = fresh + again;
    if (records <= 0) return;
    this.host.produced(this.settings.topic, fresh);
    this.stats.produced += fresh;
    this.blocked.push({ topic: this.settings.topic, records, dups: again - repay, bornSum: records * bornMs, firstBorn: nowMs });
  }

  /** Send time of the oldest record still buffered (Infinity when none): everything sent before is in a batch. */
  oldestUnsentBornMs(): number {
    let oldest = Infinity;
    for (const c of this.blocked) oldest = Math.min(oldest, c.firstBorn);
    for (const lane of this.lanes.values()) for (const q of lane.acc) if (q.length > 0) oldest = Math.min(oldest, q[0].firstBorn);
    return oldest;
  }

  /** Send time of the oldest output not yet acknowledged (Infinity when everything is): flush() is done up to here. */
  oldestUnackedBornMs(): number {
    let oldest = this.oldestUnsentBornMs();
    for (const b of this.tracked) if (b.state === 'sent' || b.state === 'backoff') oldest = Math.min(oldest, b.firstBornMs);
    return oldest;
  }

  hasOpenTransaction(): boolean {
    return this.txn !== null;
  }

  /**
   * commitTransaction() for everything sent so far (a processor commits once per tick, with its
   * input offsets); `done` hears whether it committed. With nothing sent there is nothing to commit.
   */
  closeTransaction(done: (committed: boolean, atMs: number) => void): void {
    const t = this.txn;
    if (!t) return done(true, this.nowMs);
    t.closing = true;
    this.closingTxns.push(t);
    this.txn = null;
    this.txnDone.set(t.txn, done);
  }

  /**
   * Records that will not reach the log. A processor's outputs come again when their inputs are
   * processed again (true): owed, or, with transactions, never produced (the processing that made
   * them is rolled back with them). Otherwise they are lost.
   */
  private lose(topic: string, reason: string, records: number): boolean {
    if (this.resends && (reason === 'producer-crash' || reason === 'transaction-aborted')) {
      if (this.settings.transactionalId) this.host.produced(topic, -records);
      else this.owed += records;
      return true;
    }
    if (records > 0) this.host.drop(topic, reason, records);
    return false;
  }

  /** Records leave send() for the accumulator while buffer.memory has room and the topic is known. */
  private admit(): void {
    const s = this.settings;
    const capacity = Math.max(1, s.instances) * s.bufferMemory;
    let room = Math.floor((capacity - this.bufferUsedBytes()) / this.world.recordBytes);
    while (this.blocked.length > 0 && room > 0) {
      const c = this.blocked[0];
      const lane = this.lane(c.topic);
      const topic = this.host.cluster.topics.get(lane.topic);
      if (!topic || lane.known === 0) return;
      const available: number[] = [];
      for (let p = 0; p < lane.known; p++) if (topic.partitions[p]?.leader !== -1) available.push(p);
      const perPartition = new Array<number>(lane.known).fill(0);
      const take = Math.min(c.records, room);
      const born = c.bornSum / c.records;
      const takeDups = take === c.records ? c.dups : Math.floor((c.dups * take) / c.records);
      this.route(lane, take, available, perPartition);
      const dups = splitDups(takeDups, take, perPartition);
      for (let p = 0; p < lane.known; p++) {
        if (perPartition[p] === 0) continue;
        lane.acc[p].push({ records: perPartition[p], dups: dups[p], bornSum: perPartition[p] * born, firstBorn: c.firstBorn });
        lane.accRecords[p] += perPartition[p];
        lane.accDups[p] += dups[p];
      }
      room -= take;
      if (take === c.records) this.blocked.shift();
      else {
        c.records -= take;
        c.dups -= takeDups;
        c.bornSum -= take * born;
      }
    }
  }

  private route(lane: Lane, n: number, available: number[], out: number[]): void {
    const s = this.settings;
    if (lane.spread) {
      splitByWeights(n, lane.spread.weights, lane.arrivalCarry, out);
      return;
    }
    if (available.length === 0) return splitByWeights(n, uniform(lane.known), lane.arrivalCarry, out);
    if (s.partitioner === 'round-robin') {
      const weights = new Array<number>(lane.known).fill(0);
      for (const p of available) weights[p] = 1 / available.length;
      return splitByWeights(n, weights, lane.arrivalCarry, out);
    }
    // Sticky: each instance fills one partition with batch.size bytes, then moves on.
    const instances = Math.max(1, s.instances);
    const perBatch = this.recordsPerBatch();
    const base = Math.floor(n / instances);
    for (let i = 0; i < instances; i++) lane.sticky.assign(i, base + (i < n - base * instances ? 1 : 0), perBatch, available, out);
  }

  /** send() gives up after max.block.ms; buffered records expire after delivery.timeout.ms. */
  private expire(nowMs: number): void {
    const s = this.settings;
    while (this.blocked.length > 0 && nowMs - this.blocked[0].firstBorn > s.maxBlockMs) {
      const c = this.blocked.shift() as Blocked;
      const missing = !this.host.cluster.topics.has(c.topic);
      this.host.drop(c.topic, missing ? 'metadata-timeout' : 'buffer-exhausted', c.records - c.dups);
      this.stats.errors += c.records;
      this.stats.attempts += c.records;
      this.warnOnce(missing ? 'metadata' : 'buffer', missing
        ? `${this.name}: TimeoutException: Topic ${c.topic} not present in metadata after ${s.maxBlockMs} ms.`
        : `${this.name}: BufferExhaustedException: Failed to allocate ${s.batchSize} bytes within the configured max blocking time ${s.maxBlockMs} ms. Total memory: ${s.bufferMemory} bytes. Available memory: 0 bytes. Poolable size: ${s.batchSize} bytes`);
    }
    for (const lane of this.lanes.values()) {
      for (let p = 0; p < lane.acc.length; p++) {
        const q = lane.acc[p];
        let expired = 0;
        let expiredDups = 0;
        while (q.length > 0 && nowMs - q[0].firstBorn > s.deliveryTimeoutMs) {
          const c = q.shift() as Cohort;
          expired += c.records;
          expiredDups += c.dups;
        }
        if (expired > 0) {
          lane.accRecords[p] -= expired;
          lane.accDups[p] -= expiredDups;
          this.host.drop(lane.topic, 'delivery.timeout', expired - expiredDups);
          this.stats.errors += expired;
          this.stats.attempts += expired;
          this.warnOnce(`expire-${lane.topic}`, `${this.name}: TimeoutException: Expiring ${expired} record(s) for ${lane.topic}-${p}:${s.deliveryTimeoutMs} ms has passed since batch creation`);
        }
      }
    }
    for (const b of this.tracked) {
      if ((b.state === 'sent' || b.state === 'backoff') && nowMs - b.firstBornMs > s.deliveryTimeoutMs) {
        this.fail(b, 'delivery.timeout');
        this.warnOnce(`expire-${b.topic}`, `${this.name}: TimeoutException: Expiring ${b.records} record(s) for ${b.topic}-${b.partition}:${s.deliveryTimeoutMs} ms has passed since batch creation`);
      }
    }
  }

  // ------------------------------------------------------------ the sender

  private send(lane: Lane, nowMs: number, endMs: number): void {
    const cluster = this.host.cluster;
    const topic = cluster.topics.get(lane.topic);
    if (!topic || lane.known === 0) return;
    const s = this.settings;
    const instances = Math.max(1, s.instances);
    const recordBytes = this.world.recordBytes;
    const batchRecords = this.recordsPerBatch();
    const release = s.lingerMs <= TICK_MS ? 1 : TICK_MS / s.lingerMs;
    const lingerBatches = s.lingerMs <= 0 ? Infinity : (instances * TICK_MS) / s.lingerMs;
    let rawBudget = s.compression === 'none' ? Infinity : (instances * COMPRESS_MBPS[s.compression] * 1e6 * TICK_MS) / 1000;

    const byBroker = new Map<number, number[]>();
    for (let p = 0; p < Math.min(lane.known, topic.partitions.length); p++) {
      const leader = topic.partitions[p].leader;
      if (leader === -1) continue;
      const list = byBroker.get(leader) ?? [];
      list.push(p);
      byBroker.set(leader, list);
    }
    for (const [broker, parts] of byBroker) {
      const retries = this.tracked.filter((b) => b.topic === lane.topic && b.state === 'backoff' && b.retryAtMs <= endMs && parts.includes(b.partition));
      const ready = new Map<number, number>();
      let wanted = 0;
      for (const b of retries) wanted = Math.max(wanted, b.batches);
      for (const p of parts) {
        const q = lane.accRecords[p];
        if (q <= 0) continue;
        const full = Math.floor(q / (instances * batchRecords)) * instances * batchRecords;
        const r = Math.min(q, Math.max(q * release, full));
        ready.set(p, r);
        wanted = Math.max(wanted, Math.min(r, Math.max(r / batchRecords, lingerBatches)));
      }
      if (wanted <= 0) continue;
      const unreachable = !cluster.serving(broker);
      const latency = (unreachable ? cluster.hardware.rttMs : cluster.latencyTo(broker) + (s.acks === 'all' ? cluster.hardware.rttMs : 0));
      let stuck = 0;
      for (const r of this.requests) if (r.broker === broker && r.sendMs < nowMs && r.items.some((i) => this.awaiting(i))) stuck += r.count;
      const slots = Math.max(0, instances * s.maxInFlight - stuck);
      const capacity = s.acks === '0' ? Infinity : (slots * TICK_MS) / Math.max(0.5, latency);
      const requests = Math.min(wanted, capacity);
      if (requests <= 0) continue;

      const items: SentBatch[] = [];
      let wire = 0;
      const sendMs = nowMs + TICK_MS / 2 + Math.min(s.lingerMs, TICK_MS / 2);
      for (const b of retries) {
        b.state = 'sent';
        b.attempts++;
        items.push({ batch: b, attempt: b.attempts });
        wire += b.wireBytes;
        this.stats.batches += b.batches;
      }
      for (const [p, r] of ready) {
        const batches = Math.min(Math.max(r / batchRecords, Math.min(r, lingerBatches)), requests);
        const exact = Math.min(r, batches * batchRecords) + lane.sendCarry[p];
        let take = Math.min(lane.accRecords[p], Math.floor(exact));
        const rawWanted = take * recordBytes;
        if (rawWanted > rawBudget) take = Math.floor(rawBudget / recordBytes);
        lane.sendCarry[p] = take < Math.floor(exact) ? 0 : exact - take;
        if (take <= 0) continue;
        rawBudget -= take * recordBytes;
        const realBatches = Math.max(1, Math.min(take, Math.round(batches)));
        const batch = this.drain(lane, p, take, realBatches, nowMs);
        items.push({ batch, attempt: 1 });
        wire += batch.wireBytes;
        this.stats.batches += realBatches;
      }
      if (items.length === 0) continue;
      const count = requests;
      const processAtMs = unreachable ? sendMs + cluster.hardware.rttMs : cluster.enqueueProduce(broker, count, wire, sendMs);
      this.requests.push({
        topic: lane.topic, broker, count, sendMs, processAtMs, timeoutAtMs: sendMs + s.requestTimeoutMs, items, processed: false, unreachable,
      });
      this.stats.requests += count;
      this.stats.wireBytes += wire;
    }
  }

  /**
   * Records that fit in batch.size. The accumulator compares batch.size with the estimated
   * compressed size (CompressionRatioEstimator), so compression lets more records into a batch.
   */
  private recordsPerBatch(): number {
    const s = this.settings;
    const estimated = this.world.recordBytes * this.world.compressibility[s.compression] + RECORD_OVERHEAD_BYTES;
    return Math.max(1, Math.floor(s.batchSize / estimated));
  }

  /** Take `n` records (oldest first) from a partition accumulator into a batch. */
  private drain(lane: Lane, p: number, n: number, realBatches: number, nowMs: number): TrackedBatch {
    let left = n;
    let bornSum = 0;
    let dups = 0;
    let firstBorn = Infinity;
    const q = lane.acc[p];
    while (left > 0 && q.length > 0) {
      const c = q[0];
      const take = Math.min(left, c.records);
      const born = c.bornSum / c.records;
      const takeDups = take === c.records ? c.dups : Math.floor((c.dups * take) / c.records);
      bornSum += take * born;
      dups += takeDups;
      firstBorn = Math.min(firstBorn, c.firstBorn);
      left -= take;
      if (take === c.records) q.shift();
      else {
        c.records -= take;
        c.dups -= takeDups;
        c.bornSum -= take * born;
      }
    }
    lane.accRecords[p] -= n;
    lane.accDups[p] -= dups;
    const s = this.settings;
    const perBatch = n / realBatches;
    const ratio = compressionRatio(this.world.compressibility[s.compression], perBatch);
    const wireBytes = Math.round(n * (this.world.recordBytes * ratio + RECORD_OVERHEAD_BYTES) + realBatches * BATCH_HEADER_BYTES);
    const batch: TrackedBatch = {
      owner: this, topic: lane.topic, partition: p, records: n, dups, batches: realBatches, wireBytes, bornMs: bornSum / n,
      firstBornMs: Number.isFinite(firstBorn) ? firstBorn : nowMs, keyed: s.key !== null,
      attempts: 1, copies: 0, acked: false, done: false, overtakeMark: lane.appended[p], txn: null,
      state: 'sent', retryAtMs: 0, committedCopies: 0, droppedReason: null,
    };
    this.joinTxn(batch, nowMs);
    this.tracked.push(batch);
    return batch;
  }

  private awaiting(item: SentBatch): boolean {
    const b = item.batch as TrackedBatch;
    return b.state === 'sent' && b.attempts === item.attempt;
  }

  // ------------------------------------------------------------ the broker side of a produce request

  private processDue(endMs: number): void {
    const cluster = this.host.cluster;
    for (const req of this.requests) {
      if (req.processed || req.processAtMs >= endMs) continue;
      req.processed = true;
      for (const item of req.items) {
        const b = item.batch as TrackedBatch;
        const current = this.awaiting(item);
        const topic = cluster.topics.get(req.topic);
        const part = topic?.partitions[b.partition];
        if (req.unreachable || !topic || !part || part.leader !== req.broker || !cluster.serving(req.broker)) {
          if (current) this.error(b, 'NOT_LEADER_OR_FOLLOWER', true, req.processAtMs);
          continue;
        }
        const s = topic.settings;
        if (s.cleanupPolicy.compact && !b.keyed) {
          if (current) this.error(b, 'invalid-record', false, req.processAtMs);
          this.warnOnce(`compact-${req.topic}`, `${this.name}: InvalidRecordException: Compacted topic cannot accept message without key in topic partition ${req.topic}-${b.partition}.`);
          continue;
        }
        if (b.wireBytes / b.batches > s.maxMessageBytes) {
          if (current) this.error(b, 'record-too-large', false, req.processAtMs);
          this.warnOnce(`msgsize-${req.topic}`, `${this.name}: RecordTooLargeException: The request included a message larger than the max message size the server will accept.`);
          continue;
        }
        if (this.settings.acks === 'all' && part.isr.length < s.minInsyncReplicas) {
          if (current) this.error(b, 'NOT_ENOUGH_REPLICAS', true, req.processAtMs);
          this.warnOnce(`nel-${req.topic}`, `${this.name}: NotEnoughReplicasException: The size of the current ISR Set(${part.isr.join(', ')}) is insufficient to satisfy the min.isr requirement of ${s.minInsyncReplicas} for partition ${req.topic}-${b.partition}`);
          continue;
        }
        this.append(b, part, req.processAtMs, current);
      }
    }
  }

  private append(b: TrackedBatch, part: PartitionState, atMs: number, current: boolean): void {
    const s = this.settings;
    if (b.copies > 0 && s.idempotence) {
      // The broker recognises the producer id and sequence: a duplicate is acknowledged, not written.
      if (current && (s.acks !== 'all' || b.committedCopies > 0)) this.ack(b);
      return;
    }
    const unique = b.copies === 0;
    // A copy landing in an already aborted transaction of a processor is not a record of its own:
    // its output comes again when the input is processed again.
    const ownRecords = unique && !(b.txn?.state === 'aborted' && b.txn.resend) ? b.records - b.dups : 0;
    if (unique && b.droppedReason) {
      if (b.droppedReason === OWED) this.owed -= ownRecords;
      else this.host.undrop(b.topic, b.droppedReason, b.records - b.dups);
      b.droppedReason = null;
    }
    const lane = this.lanes.get(b.topic);
    let ooo = 0;
    if (unique && b.attempts > 1 && b.keyed && !s.idempotence && s.maxInFlight > 1 && lane) {
      // Later batches of this partition landed while this one was being retried: records whose key
      // also appears in them are now behind newer values of the same key.
      const overtaken = lane.appended[b.partition] - b.overtakeMark;
      const keys = Math.max(1, this.keysOn(b.partition));
      ooo = Math.round(b.records * (1 - Math.pow(1 - 1 / keys, overtaken)));
    }
    part.log.append({
      size: b.records, uniques: ownRecords, dups: b.records - ownRecords, ooo: Math.min(ooo, ownRecords), bytes: b.wireBytes,
      bornMs: b.bornMs, appendMs: atMs, txn: b.txn, batch: b, uniqueCopy: unique,
    });
    b.copies++;
    if (unique && lane) lane.appended[b.partition] += b.records;
    if (current && s.acks !== 'all') this.ack(b);
  }

  // ------------------------------------------------------------ BatchOwner: replication results

  committed(batch: Batch): void {
    const b = batch as TrackedBatch;
    b.committedCopies++;
    if (b.state === 'sent' && this.settings.acks === 'all') this.ack(b);
  }

  truncated(batch: Batch, wasUniqueCopy: boolean): void {
    const b = batch as TrackedBatch;
    b.copies = Math.max(0, b.copies - 1);
    if (!wasUniqueCopy || b.copies > 0) return;
    // acks=0/1 (or a batch the client stopped waiting for): nobody will resend it. A copy in an
    // aborted transaction of a processor was not a record of its own anyway.
    if ((b.state === 'acked' || b.state === 'failed') && !(b.txn?.state === 'aborted' && b.txn.resend)) {
      this.host.drop(b.topic, 'leader-failover', b.records - b.dups);
      b.droppedReason = 'leader-failover';
    }
  }

  // ------------------------------------------------------------ outcomes

  private ack(b: TrackedBatch): void {
    if (b.state !== 'sent') return;
    b.state = 'acked';
    b.acked = true;
    b.done = true;
    this.stats.attempts += b.records;
  }

  private error(b: TrackedBatch, code: string, retriable: boolean, atMs: number): void {
    this.stats.attempts += b.records;
    this.stats.errors += b.records;
    const s = this.settings;
    if (s.acks === '0') return this.fail(b, 'acks-0-lost');
    if (!retriable) return this.fail(b, code);
    if (b.attempts > s.retries) return this.fail(b, `retries-exhausted:${code}`);
    b.state = 'backoff';
    const backoff = Math.min(s.retryBackoffMaxMs, s.retryBackoffMs * Math.pow(2, Math.max(0, b.attempts - 1)));
    b.retryAtMs = atMs + backoff;
    // A failed request makes the client refresh metadata (new leaders, new partitions).
    const lane = this.lanes.get(b.topic);
    if (lane) lane.refreshAtMs = 0;
  }

  private fail(b: TrackedBatch, reason: string): void {
    if (b.state === 'failed' || b.state === 'acked') return;
    b.state = 'failed';
    b.done = true;
    if (b.copies === 0) {
      b.droppedReason = this.lose(b.topic, reason, b.records - b.dups) ? OWED : reason;
    }
  }

  /**
   * A broker process died: the connections to it close and every request still waiting for its
   * answer fails with a retriable NetworkException (NetworkClient completes in-flight requests of a
   * disconnected node; Sender retries their batches). The broker may have written them already.
   */
  disconnected(broker: number, atMs: number): void {
    for (const req of this.requests) {
      if (req.broker !== broker) continue;
      for (const item of req.items) {
        if (!this.awaiting(item)) continue;
        this.error(item.batch as TrackedBatch, 'NETWORK_EXCEPTION', true, atMs);
        this.warnOnce(`disconnect-${broker}`, `${this.name}: NetworkException: The server disconnected before a response was received. (broker ${broker}; retrying)`);
      }
    }
  }

  private timeouts(endMs: number): void {
    for (const req of this.requests) {
      if (req.timeoutAtMs >= endMs) continue;
      for (const item of req.items) {
        if (!this.awaiting(item)) continue;
        // The client gives up on the request; the broker may still write it later (a duplicate on retry).
        this.error(item.batch as TrackedBatch, 'REQUEST_TIMED_OUT', true, req.timeoutAtMs);
      }
    }
  }

  // ------------------------------------------------------------ transactions

  private joinTxn(b: TrackedBatch, nowMs: number): void {
    if (!this.settings.transactionalId) return;
    const instances = Math.max(1, this.settings.instances);
    if (!this.txn) this.txn = { txn: { id: this.nextTxnId++, state: 'open', resend: this.resends }, records: 0, batches: [], partitions: new Set(), startMs: nowMs, closing: false };
    const t = this.txn;
    b.txn = t.txn;
    t.batches.push(b);
    const part = this.host.cluster.topics.get(b.topic)?.partitions[b.partition];
    if (part) t.partitions.add(part);
    t.records += b.records;
    // A processor commits its transaction itself (closeTransaction), with its input offsets.
    if (!this.resends && t.records >= instances * this.world.transactionRecords) {
      t.closing = true;
      this.closingTxns.push(t);
      this.txn = null;
    }
  }

  /** commitTransaction() once every batch is acknowledged; abort on a failed batch or transaction.timeout.ms. */
  private settleTransactions(nowMs: number): void {
    const open = this.txn;
    if (open && nowMs - open.startMs > this.settings.transactionTimeoutMs) this.finishTxn(open, 'aborted');
    for (const t of this.closingTxns) {
      if (t.txn.state !== 'open') continue;
      if (t.batches.some((b) => b.state === 'failed')) this.finishTxn(t, 'aborted');
      else if (nowMs - t.startMs > this.settings.transactionTimeoutMs) this.finishTxn(t, 'aborted');
      else if (t.batches.every((b) => b.state === 'acked')) this.finishTxn(t, 'committed');
    }
    this.closingTxns = this.closingTxns.filter((t) => t.txn.state === 'open');
  }

  private finishTxn(t: AppTxn, outcome: 'committed' | 'aborted'): void {
    t.txn.state = outcome;
    if (this.txn === t) this.txn = null;
    for (const part of t.partitions) {
      const converted = this.host.resolveTxn ? this.host.resolveTxn(part, t.txn) : part.log.resolveTxn(t.txn);
      // Aborted copies of a processor's outputs: the processing that made them is rolled back too.
      if (converted > 0) this.host.produced(part.topic, -converted);
    }
    if (outcome === 'aborted') {
      for (const b of t.batches) if (b.state === 'sent' || b.state === 'backoff') this.fail(b, 'transaction-aborted');
      this.host.event('warn', `${this.name}: transaction aborted (${t.records} records); read_committed consumers skip them`);
    }
    const done = this.txnDone.get(t.txn);
    this.txnDone.delete(t.txn);
    done?.(outcome === 'committed', this.nowMs);
  }

  /**
   * The application process died and restarts: buffered records are gone; the new producer's
   * initTransactions() with the same transactional.id aborts the transactions left open.
   */
  crash(): void {
    for (const t of [...this.closingTxns, ...(this.txn ? [this.txn] : [])]) if (t.txn.state === 'open') this.finishTxn(t, 'aborted');
    this.closingTxns = [];
    for (const lane of this.lanes.values()) {
      for (let p = 0; p < lane.acc.length; p++) {
        if (lane.accRecords[p] > 0) this.lose(lane.topic, 'producer-crash', lane.accRecords[p] - lane.accDups[p]);
        lane.acc[p] = [];
        lane.accRecords[p] = 0;
        lane.accDups[p] = 0;
      }
    }
    for (const c of this.blocked) this.lose(c.topic, 'producer-crash', c.records - c.dups);
    this.blocked = [];
    for (const b of this.tracked) if (b.state === 'backoff') this.fail(b, 'producer-crash');
  }

  private warnOnce(key: string, text: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.host.event('error', text);
  }

  /** Let a warning be shown again (after the config changed). */
  resetWarnings(): void {
    this.warned.clear();
  }
}

/** Filter an array in place (no new array per tick). */
function keepWhere<T>(items: T[], keep: (item: T) => boolean): void {
  let n = 0;
  for (let i = 0; i < items.length; i++) if (keep(items[i])) items[n++] = items[i];
  items.length = n;
}

const uniform = (n: number): number[] => new Array<number>(n).fill(1 / Math.max(1, n));

/**
 * Compression works on whole batches: a one-record batch barely shrinks, a batch of dozens of
 * similar records reaches the codec's typical ratio.
 */
export function compressionRatio(fullBatchRatio: number, recordsPerBatch: number): number {
  return 1 - (1 - fullBatchRatio) * (1 - Math.exp(-recordsPerBatch / 8));
}
