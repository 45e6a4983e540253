// A read-process-write application: a consumer group whose members send one output record per
// processed record through their own KafkaProducer, and commit their input offsets only once those
// outputs are safe: after flush() (at-least-once: a crash in between means the inputs are
// processed again and their outputs sent twice), or inside the producer's transaction
// (sendOffsetsToTransaction + commitTransaction: a crash aborts outputs and offsets together, and
// read_committed readers never see the aborted copies).
import type { ConsumerGroup, GroupOutput, GroupPartition, Member, WorkItem } from './group';
import { ProducerApp, type ProducerHost } from './producer';
import type { ProducerSettings } from './settings';
import type { ProducerWorld } from './world';

/** An input offset to commit, or (transactional) a processing to count, once the outputs sent before are safe. */
interface Pending {
  member: Member;
  /** When the outputs it waits for were sent. */
  sentAtMs: number;
  commit?: { gp: GroupPartition; to: number };
  effect?: WorkItem;
}

/** A crashed member's instance number is negated when a new process replaces it (see ConsumerGroup.recover). */
const slot = (m: Member): number => (m.instance < 0 ? -1 - m.instance : m.instance);

export class ProcessorOutput implements GroupOutput {
  /** One producer per instance; a transactional.id is per instance (`<transactional.id>-<n>`), as each process needs its own. */
  readonly apps: ProducerApp[] = [];
  private pending: Pending[] = [];
  /** Handed to transactions that are committing. */
  private inTransaction: Pending[] = [];
  group: ConsumerGroup | null = null;

  constructor(readonly name: string, private settings: ProducerSettings, readonly world: ProducerWorld, private readonly host: ProducerHost) {}

  get topic(): string {
    return this.settings.topic;
  }

  /** New producer settings (the application restarts with them). */
  reconfigure(next: ProducerSettings): void {
    this.settings = next;
    for (const app of this.apps) app?.reconfigure({ ...next, instances: 1 });
  }

  private app(instance: number): ProducerApp {
    let app = this.apps[instance];
    if (!app) {
      app = new ProducerApp(`${this.name}-${instance}`, { ...this.settings, instances: 1 }, this.world, this.host, { resends: true });
      this.apps[instance] = app;
    }
    return app;
  }

  // ------------------------------------------------------------ GroupOutput

  private get transactional(): boolean {
    return this.settings.transactionalId !== null;
  }

  processed(m: Member, item: WorkItem, t: number): boolean {
    const bornMs = item.newU > 0 ? item.bornSum / item.newU : t;
    this.app(slot(m)).feed(item.newU, item.records - item.newU, bornMs, t);
    if (!this.transactional) return false;
    this.pending.push({ member: m, sentAtMs: t, effect: item });
    return true;
  }

  commitAfterOutputs(m: Member, gp: GroupPartition, to: number, t: number): void {
    this.pending.push({ member: m, sentAtMs: t, commit: { gp, to } });
  }

  flush(m: Member): void {
    this.settle(this.pending.filter((c) => c.member === m), true);
    this.pending = this.pending.filter((c) => c.member !== m);
    // The rebalance waits for commitTransaction() to finish: its offsets are in before the partitions move.
    for (const c of this.inTransaction) if (c.member === m && c.commit) this.group?.commitProcessed(m, c.commit.gp, c.commit.to);
  }

  /** Outputs in the producer's buffer are lost; the transactions left open abort (initTransactions() of the restarted process). */
  crashed(m: Member): void {
    this.settle(this.pending.filter((c) => c.member === m), false);
    this.pending = this.pending.filter((c) => c.member !== m);
    this.app(slot(m)).crash();
  }

  /** Outputs are safe (or their transaction aborted): commit offsets and count processing, or roll it back. */
  private settle(items: Pending[], ok: boolean, nowMs = 0): void {
    for (const c of items) {
      if (c.commit && ok) this.group?.commitProcessed(c.member, c.commit.gp, c.commit.to);
      if (c.effect) ok ? this.group?.takeEffect(c.effect, nowMs || c.sentAtMs) : this.group?.rollBack(c.effect);
    }
  }

  // ------------------------------------------------------------ per tick

  tick(nowMs: number, endMs: number): void {
    if (!this.transactional) {
      // At-least-once: commitSync once flush() returned, i.e. every output sent before is acknowledged.
      const unacked = this.apps.map((app) => app?.oldestUnackedBornMs() ?? Infinity);
      const ready = this.pending.filter((c) => c.sentAtMs < (unacked[slot(c.member)] ?? Infinity));
      this.pending = this.pending.filter((c) => !ready.includes(c));
      this.settle(ready, true, nowMs);
    }
    for (const app of this.apps) app?.tick(nowMs, endMs);
    if (!this.transactional) return;
    // Exactly-once: one transaction per tick and instance (like Kafka Streams, whose commit.interval.ms
    // is 100 under exactly_once_v2: StreamsConfig.EOS_DEFAULT_COMMIT_INTERVAL_MS), carrying the
    // offsets of the inputs whose outputs it holds.
    this.apps.forEach((app, instance) => {
      if (!app) return;
      const sent = app.oldestUnsentBornMs();
      const mine = this.pending.filter((c) => slot(c.member) === instance && c.sentAtMs < sent);
      if (mine.length === 0 && !app.hasOpenTransaction()) return;
      this.pending = this.pending.filter((c) => !mine.includes(c));
      this.inTransaction.push(...mine);
      app.closeTransaction((committed, atMs) => {
        this.inTransaction = this.inTransaction.filter((c) => !mine.includes(c));
        this.settle(mine, committed, atMs);
        // abortTransaction(): the application seeks back to its committed offsets and processes again.
        if (!committed) for (const m of new Set(mine.map((c) => c.member))) this.group?.rewind(m);
      });
    });
  }

  /** Outputs accepted but not in the log yet (or owed), for the ledger. */
  inFlight(topic: string): number {
    let n = 0;
    for (const app of this.apps) if (app) n += app.inFlight(topic);
    return n;
  }

  disconnected(broker: number, atMs: number): void {
    for (const app of this.apps) app?.disconnected(broker, atMs);
  }
}
