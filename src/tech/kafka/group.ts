// A consumer group: members running the poll loop, the group coordinator's rebalances
// (eager or cooperative), offset commits (auto or commitSync after each batch), session and
// poll-interval timeouts, auto.offset.reset, and read_committed stopping at the LSO.
//
// Ledger per (group, partition): every unit made visible in the log is delivered, in flight
// (in a member's memory), queued (in the log at or above `resv`, or in a hole), or dropped.
import { TICK_MS } from '../../engine/types';
import { assignPartitions, tpKey } from './assignors';
import type { Cluster, PartitionState } from './cluster';
import { emptyComposition } from './records';
import type { ConsumerSettings } from './settings';
import type { ConsumerWorld } from './world';

/** Units a crashed member had taken but not processed: back in the queue for the next owner. */
interface Hole {
  from: number;
  to: number;
  uniques: number;
  dups: number;
  ooo: number;
  bornSum: number;
}

export interface GroupPartition {
  topic: string;
  index: number;
  committed: number | null;
  /** Next offset the owner fetches; null until initialised from the committed offset or the reset policy. */
  position: number | null;
  /** Offsets below are processed, taken by a member, or dropped for this group. */
  resv: number;
  holes: Hole[];
  owner: Member | null;
  /** Cooperative rebalance: a moved partition is usable once the old owner let go of it. */
  availableAtMs: number;
  delivered: number;
  duplicates: number;
  outOfOrder: number;
  inFlight: number;
  dropped: Record<string, number>;
  droppedTotal: number;
}

export interface WorkItem {
  gp: GroupPartition;
  from: number;
  to: number;
  /** Records the application processes (re-read ones and duplicate copies included). */
  records: number;
  /** First-time units, their duplicates-in-log and reordered share. */
  newU: number;
  newD: number;
  newO: number;
  newFrom: number;
  bornSum: number;
}

type MemberState = 'starting' | 'running' | 'crashed' | 'stopped';

export interface Member {
  id: string;
  instance: number;
  settings: ConsumerSettings;
  state: MemberState;
  readyAtMs: number;
  crashedAtMs: number;
  /** Known to the coordinator (joined, or joining). */
  joined: boolean;
  /** Part of the last completed generation (what kafka-consumer-groups --members lists). */
  inGeneration: boolean;
  /** Rejoined the rebalance in progress (eager: waiting for its new assignment). */
  rejoined: boolean;
  leaving: boolean;
  leaveAtMs: number;
  /** Left the group by the poll timeout; rejoins at its next poll. */
  kicked: boolean;
  restartAfterLeave: ConsumerSettings | null;
  assigned: GroupPartition[];
  batch: WorkItem[];
  busyUntilMs: number;
  lastPollMs: number;
  lastAutoCommitMs: number;
  fetchWaitSinceMs: number | null;
  workQueue: WorkItem[];
  queueRecords: number;
}

export interface GroupHost {
  cluster: Cluster;
  event(level: 'info' | 'warn' | 'error', text: string): void;
  /** First-time deliveries and their mean produce-to-processed latency. */
  delivered(group: string, units: number, latencyMs: number): void;
  /** Mean gap between events of one entity when the topic's records do not keep entities in order (else null). */
  orderGapMs(topic: string): number | null;
  /** A read-process-write application: what it processed is sent on, and its commits wait for that. */
  output?: GroupOutput;
}

/** The producing side of a read-process-write application (see processor.ts). */
export interface GroupOutput {
  /**
   * `member` processed `item`: one output per record. Returns true when the processing only counts
   * once the outputs' transaction commits (the output then calls takeEffect or rollBack).
   */
  processed(member: Member, item: WorkItem, t: number): boolean;
  /** Commit `to` on `gp` once the outputs sent so far are acknowledged, or with their transaction. */
  commitAfterOutputs(member: Member, gp: GroupPartition, to: number, t: number): void;
  /** close() or onPartitionsRevoked: the producer is flushed, so what waits for the outputs is committed now. */
  flush(member: Member): void;
  crashed(member: Member): void;
}

export interface GroupTickStats {
  delivered: number;
  duplicates: number;
}

export class ConsumerGroup {
  settings: ConsumerSettings;
  members: Member[] = [];
  parts = new Map<string, GroupPartition[]>();
  state: 'empty' | 'stable' | 'rebalancing' = 'empty';
  generation = 0;
  rebalances = 0;
  slowFactor = 1;
  stats: GroupTickStats = { delivered: 0, duplicates: 0 };
  private rebalanceStartMs = 0;
  /** Partitions taken away from their owner during the rebalance in progress. */
  private revoked = 0;
  private rebalanceFromEmpty = false;
  private metadataRefreshAtMs = 0;
  private known = new Map<string, number>();
  private incarnation = 0;
  private warned = new Set<string>();
  private deployed = false;
  private reorderCarry = 0;

  constructor(readonly name: string, settings: ConsumerSettings, readonly world: ConsumerWorld, private readonly host: GroupHost) {
    this.settings = settings;
  }

  // ------------------------------------------------------------ partitions and ledger views

  /** Group-side state of a partition, created with the units already gone before the group existed. */
  partition(p: PartitionState): GroupPartition {
    let list = this.parts.get(p.topic);
    if (!list) {
      list = [];
      this.parts.set(p.topic, list);
    }
    let gp = list[p.index];
    if (!gp) {
      gp = {
        topic: p.topic, index: p.index, committed: null, position: null, resv: p.log.logStart, holes: [], owner: null, availableAtMs: 0,
        delivered: 0, duplicates: 0, outOfOrder: 0, inFlight: 0, dropped: {}, droppedTotal: 0,
      };
      const gone = p.log.visibleEver - p.log.uniquesBetween(p.log.logStart, p.log.hw);
      if (gone > 0) addDrop(gp, 'retention', gone);
      list[p.index] = gp;
    }
    return gp;
  }

  /** Units of a partition waiting for this group (in the log above resv, or in holes). */
  queued(gp: GroupPartition, p: PartitionState): number {
    let n = p.log.uniquesBetween(gp.resv, p.log.hw);
    for (const h of gp.holes) n += h.uniques;
    return n;
  }

  lag(p: PartitionState): number {
    const gp = this.parts.get(p.topic)?.[p.index];
    const end = p.log.hw;
    // No committed offset: latest would start at the end; earliest and none (which cannot start) leave everything to read.
    const from = gp?.committed ?? (this.settings.autoOffsetReset === 'latest' ? end : p.log.logStart);
    return Math.max(0, end - Math.max(from, p.log.logStart));
  }

  subscribed(): string[] {
    return this.settings.topics;
  }

  // ------------------------------------------------------------ lifecycle

  /** New settings: a rolling restart, one instance at a time, each taking startupSeconds. */
  reconfigure(next: ConsumerSettings, nowMs: number): void {
    const restart = JSON.stringify({ ...next, instances: 0, written: {} }) !== JSON.stringify({ ...this.settings, instances: 0, written: {} });
    const oldInstances = this.settings.instances;
    this.settings = next;
    if (restart) {
      const live = this.members.filter((m) => m.state === 'running' || m.state === 'starting');
      this.scheduleRestarts(live, next, nowMs);
      if (live.length > 0) this.host.event('info', `group ${this.name}: rolling restart of ${live.length} instance(s) with the new consumer config`);
      this.metadataRefreshAtMs = 0;
    }
    if (next.instances !== oldInstances) this.scale(next.instances, nowMs);
  }

  private scale(instances: number, nowMs: number): void {
    if (!this.deployed) return;
    const live = this.members.filter((m) => m.state !== 'stopped' && !m.leaving);
    for (let i = live.length; i < instances; i++) this.startMember(this.freeInstance(), nowMs + this.world.startupSeconds * 1000);
    for (const m of live.slice(instances)) {
      m.leaving = true;
      m.leaveAtMs = nowMs;
      m.restartAfterLeave = null;
    }
  }

  /** One instance after another: each closes, then comes back startupSeconds later. */
  private scheduleRestarts(members: Member[], settings: ConsumerSettings, nowMs: number): void {
    members.forEach((m, i) => {
      m.leaving = true;
      m.leaveAtMs = nowMs + i * this.world.startupSeconds * 1000;
      m.restartAfterLeave = settings;
    });
  }

  private freeInstance(): number {
    const used = new Set(this.members.filter((m) => m.state !== 'stopped').map((m) => m.instance));
    let i = 0;
    while (used.has(i)) i++;
    return i;
  }

  private startMember(instance: number, readyAtMs: number, settings = this.settings): Member {
    const staticId = settings.groupInstanceId ? `${settings.groupInstanceId}-${instance}` : null;
    const m: Member = {
      id: staticId ?? `${this.name}-${instance}-${++this.incarnation}`, instance, settings, state: 'starting', readyAtMs, crashedAtMs: 0,
      joined: false, inGeneration: false, rejoined: false, leaving: false, leaveAtMs: 0, kicked: false, restartAfterLeave: null, assigned: [], batch: [], busyUntilMs: 0,
      lastPollMs: readyAtMs, lastAutoCommitMs: readyAtMs, fetchWaitSinceMs: null, workQueue: [], queueRecords: 0,
    };
    this.members = this.members.filter((x) => !(x.state === 'stopped' && x.instance === instance));
    this.members.push(m);
    return m;
  }

  /** The process of one instance dies: no LeaveGroup, its in-memory records are lost. */
  crash(instance: number, nowMs: number): void {
    const m = this.members.find((x) => x.instance === instance && (x.state === 'running' || x.state === 'starting'));
    if (!m) return;
    m.state = 'crashed';
    m.crashedAtMs = nowMs;
    m.rejoined = false;
    m.leaving = false;
    for (const gp of m.assigned) if (gp.owner === m) gp.position = null;
    for (const item of [...m.batch, ...m.workQueue]) this.release(item);
    m.batch = [];
    m.workQueue = [];
    m.queueRecords = 0;
    m.busyUntilMs = 0;
    this.host.output?.crashed(m);
    this.host.event('error', `group ${this.name}: instance ${instance} crashed (no heartbeats; the coordinator notices after session.timeout.ms ${m.settings.sessionTimeoutMs} ms)`);
  }

  /** A processor's outputs are acknowledged (or its transaction committed): the input offset is committed. */
  commitProcessed(m: Member, gp: GroupPartition, to: number): void {
    // A member that left cleanly still commits (close() waits for it) unless the partition moved on.
    if ((gp.owner === m && m.joined) || (gp.owner === null && m.state === 'stopped')) gp.committed = Math.max(gp.committed ?? 0, to);
  }

  /** A transactional processor's transaction aborted: as if `item` had never been processed. */
  rollBack(item: WorkItem): void {
    this.release(item);
  }

  /** A processor's transaction aborted: it seeks back to its committed offsets and processes those records again. */
  rewind(m: Member): void {
    if (m.state !== 'running') return;
    for (const gp of m.assigned) if (gp.owner === m && gp.committed !== null) gp.position = Math.min(gp.position ?? gp.committed, gp.committed);
  }

  /** Commit after processing (commitSync), or, for a processor, once its outputs are safe. */
  private commitAfterProcessing(m: Member, gp: GroupPartition, to: number, t: number): void {
    if (this.host.output) this.host.output.commitAfterOutputs(m, gp, to, t);
    else gp.committed = Math.max(gp.committed ?? 0, to);
  }

  /** A crashed instance comes back (a static member within session.timeout.ms keeps its partitions). */
  recover(instance: number, nowMs: number): void {
    const readyAt = nowMs + this.world.startupSeconds * 1000;
    const m = this.members.find((x) => x.instance === instance && x.state === 'crashed');
    if (m && m.settings.groupInstanceId && m.joined) {
      m.state = 'starting';
      m.readyAtMs = readyAt;
      return;
    }
    // A new process is a new member; the dead one stays in the group until its session expires.
    if (m) m.instance = -1 - m.instance;
    const alive = this.members.some((x) => x.instance === instance && (x.state === 'running' || x.state === 'starting'));
    if (!alive && instance < this.settings.instances) this.startMember(instance, readyAt);
  }

  /** Every instance restarts (a deploy), one after another. */
  rollingRestart(nowMs: number): void {
    this.scheduleRestarts(this.members.filter((m) => m.state === 'running'), this.settings, nowMs);
  }

  // ------------------------------------------------------------ per tick

  tick(nowMs: number, endMs: number): void {
    this.stats = { delivered: 0, duplicates: 0 };
    this.refreshMetadata(nowMs);
    if (!this.deployed && nowMs >= this.world.startAt * 1000) {
      this.deployed = true;
      for (let i = 0; i < this.settings.instances; i++) this.startMember(i, nowMs);
    }
    for (const m of this.members) {
      if (m.state === 'starting' && nowMs >= m.readyAtMs) {
        m.state = 'running';
        m.lastPollMs = nowMs;
        m.lastAutoCommitMs = nowMs;
        if (m.joined) {
          this.host.event('info', `group ${this.name}: static member ${m.id} is back within session.timeout.ms, no rebalance`);
        } else this.join(m, nowMs);
      }
      if (m.state === 'crashed' && m.joined && nowMs - m.crashedAtMs >= m.settings.sessionTimeoutMs) {
        this.removeFromGroup(m, nowMs, `member ${m.id} removed: session timeout (${m.settings.sessionTimeoutMs} ms) expired`);
      }
    }
    this.progressRebalance(nowMs);
    for (const m of this.members) {
      if (m.state !== 'running') continue;
      if (this.world.processing === 'async') this.asyncLoop(m, nowMs, endMs);
      else this.syncLoop(m, nowMs, endMs);
    }
    this.progressRebalance(endMs);
    this.pollTimeouts(endMs);
    if (this.members.some((m) => m.state === 'stopped' && !m.joined)) this.members = this.members.filter((m) => m.state !== 'stopped' || m.joined);
  }

  /**
   * A group that is part of the world when the scenario starts has been running for a while:
   * stable and caught up (data already in the log counts as processed before the run).
   */
  startRunning(): void {
    if (this.world.startAt > 0) return;
    this.deployed = true;
    this.refreshMetadata(0);
    for (let i = 0; i < this.settings.instances; i++) {
      const m = this.startMember(i, 0);
      m.state = 'running';
      m.joined = true;
    }
    for (const [topic, list] of this.parts) {
      const t = this.host.cluster.topics.get(topic);
      for (const gp of list) {
        const p = t?.partitions[gp.index];
        if (!p) continue;
        const behind = Math.round(this.world.lagAtStart / Math.max(1, list.length));
        const committed = Math.max(p.log.logStart, p.log.hw - behind);
        gp.committed = committed;
        gp.delivered += p.log.uniquesBetween(gp.resv, committed);
        gp.resv = Math.max(gp.resv, committed);
      }
    }
    if (this.members.length > 0) this.completeRebalance(0);
  }

  private refreshMetadata(nowMs: number): void {
    if (nowMs < this.metadataRefreshAtMs) return;
    this.metadataRefreshAtMs = nowMs + Math.max(TICK_MS, this.settings.metadataMaxAgeMs);
    let changed = false;
    for (const topic of this.settings.topics) {
      const t = this.host.cluster.topics.get(topic);
      const n = t ? t.partitions.length : 0;
      if ((this.known.get(topic) ?? 0) !== n) changed = true;
      this.known.set(topic, n);
      if (t) for (const p of t.partitions) this.partition(p);
    }
    if (changed && this.state === 'stable') this.requestRebalance(nowMs, 'the subscribed topics changed partition count');
  }

  private join(m: Member, nowMs: number): void {
    m.joined = true;
    m.lastPollMs = nowMs;
    this.requestRebalance(nowMs, `member ${m.id} joined`);
    m.rejoined = true;
  }

  private requestRebalance(nowMs: number, reason: string): void {
    if (this.state !== 'rebalancing') {
      this.rebalanceFromEmpty = !this.members.some((m) => m.joined && m.assigned.length > 0);
      this.state = 'rebalancing';
      this.rebalanceStartMs = nowMs;
      this.revoked = 0;
      this.rebalances++;
      for (const m of this.members) if (m.joined) m.rejoined = false;
      // A rebalance refreshes metadata: new partitions are seen now.
      this.metadataRefreshAtMs = 0;
      this.refreshMetadata(nowMs);
      const proto = this.settings.protocol === 'cooperative' ? 'cooperative' : 'eager';
      const members = this.members.filter((m) => m.joined).length;
      const partitions = [...this.known.values()].reduce((a, b) => a + b, 0);
      this.host.event('warn', `group ${this.name} rebalancing (${proto}): ${members} members, ${partitions} partitions — ${reason}`);
    }
  }

  /** Members rejoin at their next poll; the join phase waits for all (up to the rebalance timeout). */
  private progressRebalance(nowMs: number): void {
    if (this.state !== 'rebalancing') return;
    const timeout = Math.max(...this.members.map((m) => m.settings.maxPollIntervalMs), this.settings.maxPollIntervalMs);
    const waiting = this.members.filter((m) => m.joined && !m.rejoined);
    if (waiting.length > 0 && nowMs - this.rebalanceStartMs < timeout) return;
    for (const m of waiting) {
      this.removeFromGroup(m, nowMs, `member ${m.id} removed: it did not rejoin within the rebalance timeout (max.poll.interval.ms)`, false);
      if (m.state === 'running') m.kicked = true;
    }
    // The coordinator waits group.initial.rebalance.delay.ms when members join an empty group.
    const delay = this.rebalanceFromEmpty ? this.host.cluster.settings.groupInitialRebalanceDelayMs : 0;
    const syncMs = 2 * this.host.cluster.hardware.rttMs + delay;
    if (nowMs - this.rebalanceStartMs < syncMs) return;
    this.completeRebalance(nowMs);
  }

  private completeRebalance(nowMs: number): void {
    const members = this.members.filter((m) => m.joined && (m.state === 'running' || m.state === 'crashed'));
    members.sort((a, b) => a.instance - b.instance || (a.id < b.id ? -1 : 1));
    const counts = new Map<string, number>();
    for (const topic of this.settings.topics) counts.set(topic, this.known.get(topic) ?? 0);
    const previous = new Map<string, string>();
    for (const list of this.parts.values()) for (const gp of list) if (gp?.owner) previous.set(tpKey(gp), gp.owner.id);
    const plan = assignPartitions(this.settings.assignor, members.map((m) => m.id), counts, previous);
    const cooperative = this.settings.protocol === 'cooperative';
    for (const m of members) {
      const next = (plan.get(m.id) ?? []).map((tp) => this.parts.get(tp.topic)?.[tp.index]).filter((gp): gp is GroupPartition => !!gp);
      for (const gp of next) {
        if (gp.owner === m) continue;
        const old = gp.owner;
        if (old) this.revoked++;
        // Cooperative: the old owner finishes its batch and commits in onPartitionsRevoked, then lets go.
        if (cooperative && old && old.state === 'running') this.host.output?.flush(old);
        if (cooperative && old && old.state === 'running' && gp.position !== null) gp.committed = gp.position;
        gp.position = null;
        gp.availableAtMs = cooperative && old && old.state === 'running' ? Math.max(nowMs, old.busyUntilMs) + 2 * this.host.cluster.hardware.rttMs : nowMs;
        if (old) old.assigned = old.assigned.filter((x) => x !== gp);
        gp.owner = m;
      }
      m.assigned = next;
      m.rejoined = false;
      m.inGeneration = true;
    }
    for (const list of this.parts.values()) for (const gp of list) if (gp && gp.owner && !members.includes(gp.owner)) gp.owner = null;
    this.state = members.length > 0 ? 'stable' : 'empty';
    this.generation++;
    const running = members.filter((m) => m.state === 'running');
    const idle = running.filter((m) => m.assigned.length === 0).length;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const moved = this.generation > 1 ? `; ${this.revoked} partition(s) revoked and reassigned` : '';
    this.host.event('info', `group ${this.name}: generation ${this.generation} with ${members.length} member(s) over ${total} partition(s)${idle > 0 ? `, ${idle} idle` : ''}${moved}`);
  }

  /** Coordinator removes a member; a rebalance follows (unless one is completing anyway). */
  private removeFromGroup(m: Member, nowMs: number, why: string, rebalance = true): void {
    m.joined = false;
    m.inGeneration = false;
    m.rejoined = false;
    for (const gp of m.assigned) {
      if (gp.owner === m) {
        gp.owner = null;
        gp.position = null;
      }
    }
    m.assigned = [];
    this.host.event('warn', `group ${this.name}: ${why}`);
    if (m.state === 'crashed') m.state = 'stopped';
    if (rebalance) this.requestRebalance(nowMs, why);
  }

  private pollTimeouts(nowMs: number): void {
    for (const m of this.members) {
      if (m.state !== 'running' || !m.joined || m.kicked) continue;
      if (nowMs - m.lastPollMs > m.settings.maxPollIntervalMs && m.busyUntilMs > m.lastPollMs + m.settings.maxPollIntervalMs) {
        this.warnOnce('poll', `group ${this.name}: consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.`);
        m.kicked = true;
        this.removeFromGroup(m, m.lastPollMs + m.settings.maxPollIntervalMs, `member ${m.id} left the group: poll timeout (max.poll.interval.ms ${m.settings.maxPollIntervalMs})`);
      }
    }
  }

  // ------------------------------------------------------------ the poll loop

  /** Returns true when the member may poll now (not waiting on a rebalance). */
  private beforePoll(m: Member, t: number): boolean {
    if (m.state !== 'running') return false;
    if (m.leaving && t >= m.leaveAtMs) {
      this.leave(m, t);
      return false;
    }
    if (m.kicked) {
      m.kicked = false;
      this.join(m, t);
      return false;
    }
    // Members learn of a rebalance from a heartbeat answer: on average half a heartbeat interval later.
    const noticed = t >= this.rebalanceStartMs + m.settings.heartbeatIntervalMs / 2;
    if (this.state === 'rebalancing' && m.joined && !m.rejoined && noticed) {
      m.rejoined = true;
      m.lastPollMs = t;
      if (this.settings.protocol === 'eager') {
        // Eager protocol: everything is revoked before rejoining (auto-commit commits positions here).
        if (m.settings.enableAutoCommit) this.commitPositions(m);
        this.revokeAll(m);
        return false;
      }
    }
    if (this.state === 'rebalancing' && this.settings.protocol === 'eager' && m.rejoined) return false;
    return m.joined;
  }

  private syncLoop(m: Member, nowMs: number, endMs: number): void {
    let t = Math.max(nowMs, m.readyAtMs);
    const s = m.settings;
    const rtt = this.host.cluster.hardware.rttMs;
    for (let guard = 0; guard < 10000 && t < endMs; guard++) {
      if (m.batch.length > 0) {
        if (m.busyUntilMs >= endMs) return;
        t = Math.max(t, m.busyUntilMs);
        this.finishBatch(m, t);
        continue;
      }
      if (!this.beforePoll(m, t)) return;
      if (s.enableAutoCommit && t - m.lastAutoCommitMs >= s.autoCommitIntervalMs) {
        this.commitPositions(m);
        m.lastAutoCommitMs = t;
      }
      m.lastPollMs = t;
      const avail = this.available(m, t);
      if (avail.records <= 0 || !this.fetchReady(m, avail.bytes, t)) return;
      const n = Math.min(s.maxPollRecords, avail.records);
      const perRecord = this.world.recordMs * this.slowFactor;
      const overhead = this.world.pollOverheadMs * this.slowFactor + (s.enableAutoCommit ? 0 : rtt);
      const cost = Math.max(0.01, overhead + n * perRecord);
      const fits = Math.floor((endMs - t) / cost);
      const bulk = n === s.maxPollRecords ? Math.min(fits, Math.floor(avail.records / n)) : 0;
      if (bulk >= 2) {
        // Many identical polls fit in this tick: take and process them in one step.
        m.batch = this.take(m, bulk * n, t);
        t += bulk * cost;
        m.busyUntilMs = t;
        m.lastPollMs = t - cost;
        if (s.enableAutoCommit && t - m.lastAutoCommitMs >= s.autoCommitIntervalMs) m.lastAutoCommitMs = t - cost;
        this.finishBatch(m, t);
        continue;
      }
      m.batch = this.take(m, n, t);
      m.busyUntilMs = t + cost;
    }
  }

  /** Async processing: poll hands records to worker threads and returns; auto-commit covers records not yet processed. */
  private asyncLoop(m: Member, nowMs: number, endMs: number): void {
    const s = m.settings;
    const threads = this.world.workerThreads;
    const perRecord = Math.max(0.001, this.world.recordMs * this.slowFactor);
    let capacity = (threads * (endMs - nowMs)) / perRecord;
    while (capacity >= 1 && m.workQueue.length > 0) {
      const item = m.workQueue[0];
      if (item.records <= capacity) {
        m.workQueue.shift();
        m.queueRecords -= item.records;
        capacity -= item.records;
        this.deliver(item, endMs, m);
        if (!s.enableAutoCommit && item.gp.owner === m) this.commitAfterProcessing(m, item.gp, item.to, endMs);
      } else {
        const part = this.splitItem(item, Math.floor(capacity));
        m.queueRecords -= part.records;
        this.deliver(part, endMs, m);
        capacity = 0;
      }
    }
    const pollCost = Math.max(0.01, this.world.pollOverheadMs * this.slowFactor);
    const limit = threads * s.maxPollRecords;
    let t = Math.max(nowMs, m.readyAtMs);
    for (let guard = 0; guard < 1000 && t < endMs && m.queueRecords < limit; guard++) {
      if (!this.beforePoll(m, t)) return;
      if (s.enableAutoCommit && t - m.lastAutoCommitMs >= s.autoCommitIntervalMs) {
        this.commitPositions(m);
        m.lastAutoCommitMs = t;
      }
      m.lastPollMs = t;
      const avail = this.available(m, t);
      if (avail.records <= 0 || !this.fetchReady(m, avail.bytes, t)) return;
      const items = this.take(m, Math.min(s.maxPollRecords, avail.records, limit - m.queueRecords), t);
      for (const item of items) {
        m.workQueue.push(item);
        m.queueRecords += item.records;
      }
      t += pollCost;
    }
    m.lastPollMs = Math.max(m.lastPollMs, Math.min(t, endMs));
  }

  /** fetch.min.bytes / fetch.max.wait.ms: a small amount of data waits up to the max wait. */
  private fetchReady(m: Member, bytes: number, t: number): boolean {
    if (bytes >= m.settings.fetchMinBytes) {
      m.fetchWaitSinceMs = null;
      return true;
    }
    if (m.fetchWaitSinceMs === null) m.fetchWaitSinceMs = t;
    if (t - m.fetchWaitSinceMs >= m.settings.fetchMaxWaitMs) {
      m.fetchWaitSinceMs = null;
      return true;
    }
    return false;
  }

  private available(m: Member, t: number): { records: number; bytes: number } {
    let records = 0;
    let bytes = 0;
    for (const gp of m.assigned) {
      if (gp.availableAtMs > t) continue;
      const p = this.host.cluster.topics.get(gp.topic)?.partitions[gp.index];
      if (!p || !this.initPosition(m, gp, p)) continue;
      const n = Math.max(0, this.readEnd(p, m) - (gp.position as number));
      records += n;
      if (n > 0) bytes += (p.log.visibleBytes() / Math.max(1, p.log.hw - p.log.logStart)) * n;
    }
    return { records, bytes };
  }

  private readEnd(p: PartitionState, m: Member): number {
    return m.settings.isolationLevel === 'read_committed' ? p.log.lso() : p.log.hw;
  }

  /** Position from the committed offset, or auto.offset.reset when there is none or it fell out of the log. */
  private initPosition(m: Member, gp: GroupPartition, p: PartitionState): boolean {
    if (gp.position !== null && gp.position >= p.log.logStart && gp.position <= p.log.hw) return true;
    const outOfRange = gp.position !== null || (gp.committed !== null && (gp.committed < p.log.logStart || gp.committed > p.log.hw));
    const usable = gp.committed !== null && gp.committed >= p.log.logStart && gp.committed <= p.log.hw && gp.position === null;
    if (usable) {
      gp.position = gp.committed as number;
    } else {
      const policy = m.settings.autoOffsetReset;
      if (policy === 'none') {
        this.warnOnce('reset-none', outOfRange
          ? `group ${this.name}: OffsetOutOfRangeException: Fetch position is out of range for partition ${gp.topic}-${gp.index}; the application crashed`
          : `group ${this.name}: NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [${gp.topic}-${gp.index}]; the application crashed`);
        this.crash(m.instance, m.lastPollMs);
        return false;
      }
      if (policy === 'earliest') {
        gp.position = p.log.logStart;
      } else {
        const end = this.readEnd(p, m);
        const skipped = p.log.uniquesBetween(gp.resv, end);
        if (skipped > 0) addDrop(gp, 'offset-reset', skipped);
        gp.resv = Math.max(gp.resv, end);
        gp.position = end;
      }
      if (outOfRange || gp.committed === null) this.host.event('info', `group ${this.name}: ${gp.topic}-${gp.index} has ${gp.committed === null ? 'no committed offset' : 'an out-of-range offset'}, resetting to ${policy} (offset ${gp.position})`);
    }
    // Holes below the starting position were committed but never processed: lost for this group.
    this.dropHolesBelow(gp, gp.position as number, 'committed-unprocessed');
    return true;
  }

  /** Take up to `count` records across the member's partitions (in proportion to what each has). */
  private take(m: Member, count: number, t: number): WorkItem[] {
    const items: WorkItem[] = [];
    const sources: { gp: GroupPartition; p: PartitionState; n: number }[] = [];
    let total = 0;
    for (const gp of m.assigned) {
      if (gp.availableAtMs > t || gp.position === null) continue;
      const p = this.host.cluster.topics.get(gp.topic)?.partitions[gp.index];
      if (!p) continue;
      const n = Math.max(0, this.readEnd(p, m) - gp.position);
      if (n > 0) {
        sources.push({ gp, p, n });
        total += n;
      }
    }
    let left = Math.min(count, total);
    for (let i = 0; i < sources.length && left > 0; i++) {
      const src = sources[i];
      const share = i === sources.length - 1 ? left : Math.min(src.n, Math.max(1, Math.round((count * src.n) / total)));
      const n = Math.min(share, left, src.n);
      if (n <= 0) continue;
      items.push(this.takeFrom(m, src.gp, src.p, n));
      left -= n;
    }
    return items;
  }

  private takeFrom(m: Member, gp: GroupPartition, p: PartitionState, n: number): WorkItem {
    const from = gp.position as number;
    const to = from + n;
    const all = p.log.composition(from, to);
    const committedOnly = m.settings.isolationLevel === 'read_committed';
    const fresh = to > gp.resv ? p.log.composition(Math.max(from, gp.resv), to) : emptyComposition();
    let newU = fresh.uniques;
    let newD = fresh.dups;
    let newO = fresh.ooo;
    let bornSum = fresh.bornSum;
    let newFrom = Math.max(from, gp.resv);
    if (committedOnly && fresh.aborted > 0) {
      // read_committed skips records of aborted transactions.
      addDrop(gp, 'aborted', fresh.aborted);
      const avgBorn = fresh.uniques > 0 ? fresh.bornSum / fresh.uniques : 0;
      newU -= fresh.aborted;
      bornSum -= fresh.aborted * avgBorn;
    }
    // Units of holes in this range (taken before by a member that crashed) are first deliveries again.
    for (const h of gp.holes) {
      if (h.to <= from || h.from >= to) continue;
      const claimTo = Math.min(h.to, to);
      const k = claimTo - h.from;
      const size = h.to - h.from;
      const take = (x: number) => (k >= size ? x : Math.floor((x * k) / size));
      const u = take(h.uniques);
      const d = take(h.dups);
      const o = take(h.ooo);
      const b = u > 0 ? (h.bornSum / h.uniques) * u : 0;
      newU += u;
      newD += d;
      newO += o;
      bornSum += b;
      newFrom = Math.min(newFrom, h.from);
      h.uniques -= u;
      h.dups -= d;
      h.ooo -= o;
      h.bornSum -= b;
      h.from = claimTo;
    }
    gp.holes = gp.holes.filter((h) => h.to > h.from && (h.uniques > 0 || h.dups > 0));
    gp.resv = Math.max(gp.resv, to);
    gp.position = to;
    gp.inFlight += newU;
    const records = all.uniques + all.dups - (committedOnly ? all.aborted + all.abortedDups : 0);
    return { gp, from, to, records: Math.max(records, newU), newU, newD, newO, newFrom, bornSum };
  }

  private finishBatch(m: Member, t: number): void {
    const manual = !m.settings.enableAutoCommit;
    let failedCommit = false;
    for (const item of m.batch) {
      this.deliver(item, t, m);
      if (!manual) continue;
      if (m.joined && !m.kicked && item.gp.owner === m) this.commitAfterProcessing(m, item.gp, item.to, t);
      else failedCommit = true;
    }
    m.batch = [];
    if (failedCommit) {
      this.warnOnce('commit-failed', `group ${this.name}: CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing.`);
    }
  }

  private deliver(item: WorkItem, t: number, m: Member): void {
    // A transactional processor's processing counts only once its transaction commits.
    if (this.host.output?.processed(m, item, t)) return;
    this.takeEffect(item, t);
  }

  /** The processing of `item` counts: first deliveries, duplicates, ordering, latency. */
  takeEffect(item: WorkItem, t: number): void {
    const gp = item.gp;
    gp.delivered += item.newU;
    gp.inFlight -= item.newU;
    const duplicates = item.records - item.newU;
    gp.duplicates += duplicates;
    gp.outOfOrder += item.newO;
    const gap = item.newU > 0 ? this.host.orderGapMs(gp.topic) : null;
    if (gap !== null) {
      const expected = this.reorderEstimate(item, t, gap) + this.reorderCarry;
      const whole = Math.min(item.newU - item.newO, Math.floor(expected));
      gp.outOfOrder += whole;
      this.reorderCarry = expected - whole;
    }
    this.stats.delivered += item.newU;
    this.stats.duplicates += duplicates;
    if (item.newU > 0) this.host.delivered(this.name, item.newU, t - item.bornSum / item.newU);
  }

  /**
   * Records of one entity spread over partitions (not keyed by the entity) are processed in the
   * order their partitions are worked off. A record overtakes its entity's previous event when that
   * event (sent on average `gapMs` earlier) sits on another partition that has waited longer: still
   * in the log, or taken by another member that has not finished processing it.
   */
  private reorderEstimate(item: WorkItem, t: number, gapMs: number): number {
    const topic = this.host.cluster.topics.get(item.gp.topic);
    const list = this.parts.get(item.gp.topic);
    if (!topic || !list || topic.partitions.length < 2) return 0;
    const own = t - item.bornSum / item.newU;
    const inProcess = this.oldestInProcess(item.gp.topic, t);
    let risk = 0;
    for (const p of topic.partitions) {
      const gp = list[p.index];
      if (!gp || p.index === item.gp.index) continue;
      let born = inProcess.get(p.index) ?? Infinity;
      const from = Math.max(gp.resv, p.log.logStart);
      if (from < p.log.hw) born = Math.min(born, p.log.bornAt(from) ?? Infinity);
      // Send times are means over a tick: the records behind them were sent up to half a tick earlier.
      const older = t - born - own + TICK_MS / 2;
      if (!Number.isFinite(born) || older <= 0) continue;
      risk += 1 - Math.exp(-older / gapMs);
    }
    return (item.newU * risk) / topic.partitions.length;
  }

  /** Mean send time of the oldest records members took from `topic` and finish after `t`, per partition. */
  private oldestInProcess(topic: string, t: number): Map<number, number> {
    const oldest = new Map<number, number>();
    const note = (w: WorkItem): void => {
      if (w.gp.topic !== topic || w.newU <= 0) return;
      const born = w.bornSum / w.newU;
      const seen = oldest.get(w.gp.index);
      if (seen === undefined || born < seen) oldest.set(w.gp.index, born);
    };
    for (const m of this.members) {
      if (m.busyUntilMs > t) for (const w of m.batch) note(w);
      for (const w of m.workQueue) note(w);
    }
    return oldest;
  }

  private splitItem(item: WorkItem, records: number): WorkItem {
    const f = records / item.records;
    const part: WorkItem = {
      gp: item.gp, from: item.from, to: item.from + Math.floor((item.to - item.from) * f), records,
      newU: Math.floor(item.newU * f), newD: Math.floor(item.newD * f), newO: Math.floor(item.newO * f), newFrom: item.newFrom, bornSum: 0,
    };
    part.bornSum = item.newU > 0 ? (item.bornSum / item.newU) * part.newU : 0;
    item.records -= part.records;
    item.newU -= part.newU;
    item.newD -= part.newD;
    item.newO -= part.newO;
    item.bornSum -= part.bornSum;
    item.from = part.to;
    return part;
  }

  /** Units a member took but never processed go back to the group's queue as a hole. */
  private release(item: WorkItem): void {
    const gp = item.gp;
    gp.inFlight -= item.newU;
    if (item.newU > 0 || item.newD > 0) {
      gp.holes.push({ from: item.newFrom, to: item.to, uniques: item.newU, dups: item.newD, ooo: item.newO, bornSum: item.bornSum });
    }
  }

  private dropHolesBelow(gp: GroupPartition, offset: number, reason: string): void {
    for (const h of gp.holes) {
      if (h.from >= offset) continue;
      const k = Math.min(offset, h.to) - h.from;
      const size = h.to - h.from;
      const u = k >= size ? h.uniques : Math.floor((h.uniques * k) / size);
      const d = k >= size ? h.dups : Math.floor((h.dups * k) / size);
      if (u > 0) addDrop(gp, reason, u);
      h.bornSum -= h.uniques > 0 ? (h.bornSum / h.uniques) * u : 0;
      h.uniques -= u;
      h.dups -= d;
      h.ooo = Math.min(h.ooo, h.uniques);
      h.from = Math.min(offset, h.to);
    }
    gp.holes = gp.holes.filter((h) => h.to > h.from && (h.uniques > 0 || h.dups > 0));
  }

  private commitPositions(m: Member): void {
    for (const gp of m.assigned) if (gp.owner === m && gp.position !== null) gp.committed = gp.position;
  }

  private revokeAll(m: Member): void {
    // onPartitionsRevoked: a processor flushes its producer (or commits its transaction) and commits.
    this.host.output?.flush(m);
    this.revoked += m.assigned.length;
    for (const gp of m.assigned) {
      if (gp.owner === m) {
        gp.owner = null;
        gp.position = null;
      }
    }
    m.assigned = [];
  }

  /** Graceful close: commit (auto-commit commits on close), LeaveGroup unless static, restart if asked. */
  private leave(m: Member, t: number): void {
    this.host.output?.flush(m);
    // A clean shutdown lets the worker threads finish what they were handed.
    for (const item of m.workQueue) {
      this.deliver(item, t, m);
      // A clean shutdown flushes the application's producer before it commits.
      if (!m.settings.enableAutoCommit && item.gp.owner === m) item.gp.committed = Math.max(item.gp.committed ?? 0, item.to);
    }
    m.workQueue = [];
    m.queueRecords = 0;
    if (m.settings.enableAutoCommit) this.commitPositions(m);
    const restart = m.restartAfterLeave;
    const staticMember = !!m.settings.groupInstanceId;
    const wasJoined = m.joined;
    m.state = 'stopped';
    m.leaving = false;
    if (!staticMember || !restart) {
      if (wasJoined) this.removeFromGroup(m, t, `member ${m.id} left the group (shutdown)`);
    } else {
      // Static membership (KIP-345): close() sends no LeaveGroup; the member keeps its partitions.
      for (const gp of m.assigned) gp.position = null;
    }
    if (restart) {
      const readyAt = t + this.world.startupSeconds * 1000;
      if (staticMember && wasJoined) {
        m.state = 'starting';
        m.settings = restart;
        m.readyAtMs = readyAt;
      } else {
        this.startMember(m.instance, readyAt, restart);
      }
    }
  }

  // ------------------------------------------------------------ log changes the group must settle

  /** Retention is about to delete everything below `newStart`. */
  beforeRetention(p: PartitionState, newStart: number): void {
    const gp = this.partition(p);
    if (gp.resv < newStart) {
      const lost = p.log.uniquesBetween(gp.resv, newStart);
      if (lost > 0) addDrop(gp, 'retention', lost);
      gp.resv = newStart;
    }
    this.dropHolesBelow(gp, newStart, 'retention');
  }

  /**
   * The log was cut back to `offset` (a leader election to a shorter replica): what this group had
   * not taken yet above it is gone; its positions move back to the new log end.
   */
  afterTruncate(gp: GroupPartition, p: PartitionState, offset: number, queuedBefore: number): void {
    gp.holes = gp.holes.filter((h) => h.to <= offset);
    gp.resv = Math.min(gp.resv, offset);
    if (gp.position !== null && gp.position > offset) gp.position = offset;
    if (gp.committed !== null && gp.committed > offset) gp.committed = offset;
    const lost = queuedBefore - this.queued(gp, p);
    if (lost > 0) addDrop(gp, 'unclean-election', lost);
  }

  /**
   * `n` units this group already took turned out to be copies (an aborted transaction of a processor
   * that sends those records again): a read_uncommitted reader processed a duplicate, not a record.
   */
  processedAsDuplicate(gp: GroupPartition, n: number): void {
    let left = n;
    for (const m of this.members) {
      for (const item of [...m.batch, ...m.workQueue]) {
        if (left <= 0 || item.gp !== gp || item.newU <= 0) continue;
        const k = Math.min(left, item.newU);
        item.bornSum -= (item.bornSum / item.newU) * k;
        item.newU -= k;
        item.newO = Math.min(item.newO, item.newU);
        gp.inFlight -= k;
        left -= k;
      }
    }
    const k = Math.min(left, gp.delivered);
    gp.delivered -= k;
    gp.duplicates += k;
  }

  compactionDrop(gp: GroupPartition, units: number): void {
    if (units > 0) addDrop(gp, 'compaction', units);
  }

  private warnOnce(key: string, text: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.host.event('error', text);
  }

  resetWarnings(): void {
    this.warned.clear();
  }
}

function addDrop(gp: GroupPartition, reason: string, n: number): void {
  gp.dropped[reason] = (gp.dropped[reason] ?? 0) + n;
  gp.droppedTotal += n;
}
