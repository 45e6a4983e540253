// Brokers, partition leadership, follower replication, ISR and leader election (Kafka 3.9, KRaft).
import { TICK_MS } from '../../engine/types';
import { PartitionLog, type LogLimits } from './log';
import type { BrokerSettings, TopicSettings } from './settings';
import type { BrokerHardware } from './world';

export interface BrokerState {
  id: number;
  /** The process is running. */
  alive: boolean;
  /** The controller has fenced it (missed heartbeats for broker.session.timeout.ms, or not yet registered). */
  fenced: boolean;
  /** Removed from the fleet by the config (brokers.instances lowered). */
  decommissioned: boolean;
  downSinceMs: number;
  unfenceAtMs: number;
  /** Queued request work, in ms of broker time. */
  backlogMs: number;
  /** Added round trip to and from this broker (network-latency incident). */
  extraLatencyMs: number;
  /** Extra delay before produce requests complete (stalls: GC, disk, retry-storm incident). */
  stallMs: number;
  extraDiskBytes: number;
  diskFull: boolean;
  bytesInTick: number;
  requestsTick: number;
}

export interface PartitionState {
  topic: string;
  index: number;
  replicas: number[];
  /** Broker id of the leader, -1 while offline. */
  leader: number;
  isr: number[];
  log: PartitionLog;
  /** Log end offset of each replica (the leader's is log.leo). */
  replicaLeo: Map<number, number>;
  lastCaughtUpMs: Map<number, number>;
  /** Distinct keys written here (for compaction). */
  keys: number;
}

export interface TopicState {
  settings: TopicSettings;
  partitions: PartitionState[];
}

/** What the simulation must settle when the cluster changes a log or a leader. */
export interface ClusterHooks {
  /** The log of `p` is about to be cut back to `offset` (leader change to a shorter replica). */
  truncate(p: PartitionState, offset: number, nowMs: number, unclean: boolean): void;
  event(level: 'info' | 'warn' | 'error', text: string): void;
}

/** A restarted broker re-registers with the controller before it is unfenced. */
const REGISTRATION_MS = 2000;

export function limitsOf(t: TopicSettings): LogLimits {
  return {
    segmentBytes: t.segmentBytes, segmentMs: t.segmentMs, retentionMs: t.retentionMs, retentionBytes: t.retentionBytes,
    deletePolicy: t.cleanupPolicy.delete,
  };
}

export class Cluster {
  brokers: BrokerState[] = [];
  topics = new Map<string, TopicState>();
  private nextImbalanceCheckMs: number;

  constructor(public settings: BrokerSettings, public hardware: BrokerHardware, private readonly hooks: ClusterHooks) {
    this.resize(settings.instances, 0);
    this.nextImbalanceCheckMs = settings.leaderImbalanceCheckIntervalMs;
  }

  broker(id: number): BrokerState | undefined {
    return this.brokers[id - 1];
  }

  /** Serving: running, registered with the controller, disk usable. */
  serving(id: number): boolean {
    const b = this.broker(id);
    return !!b && b.alive && !b.fenced && !b.diskFull && !b.decommissioned;
  }

  /** Adding brokers does not move existing partitions (that takes a reassignment); removing one takes its replicas offline. */
  resize(instances: number, nowMs: number): void {
    for (let id = 1; id <= Math.max(instances, this.brokers.length); id++) {
      const existing = this.broker(id);
      if (id <= instances) {
        if (!existing) {
          this.brokers.push({
            id, alive: true, fenced: false, decommissioned: false, downSinceMs: 0, unfenceAtMs: 0, backlogMs: 0,
            extraLatencyMs: 0, stallMs: 0, extraDiskBytes: 0, diskFull: false, bytesInTick: 0, requestsTick: 0,
          });
        } else if (existing.decommissioned) {
          existing.decommissioned = false;
          this.restart(id, nowMs);
        }
      } else if (existing && !existing.decommissioned) {
        existing.decommissioned = true;
        this.stop(id, nowMs, true);
      }
    }
  }

  // ------------------------------------------------------------ topics

  /** KRaft placement, simplified: replicas striped round-robin from a per-topic start broker. */
  createTopic(settings: TopicSettings): TopicState | string {
    const live = this.brokers.filter((b) => !b.decommissioned).map((b) => b.id);
    if (settings.replicationFactor > live.length) {
      // ReplicationControlManager + StripedReplicaPlacer (KRaft) error text.
      return `Unable to replicate the partition ${settings.replicationFactor} time(s): The target replication factor of ${settings.replicationFactor} cannot be reached because only ${live.length} broker(s) are registered.`;
    }
    const topic: TopicState = { settings, partitions: [] };
    this.topics.set(settings.name, topic);
    this.addPartitions(topic, settings.partitions, 0);
    return topic;
  }

  addPartitions(topic: TopicState, count: number, nowMs: number): void {
    const live = this.brokers.filter((b) => !b.decommissioned).map((b) => b.id);
    const start = topicStart(topic.settings.name, live.length);
    for (let p = topic.partitions.length; p < count; p++) {
      const replicas: number[] = [];
      for (let r = 0; r < Math.min(topic.settings.replicationFactor, live.length); r++) replicas.push(live[(start + p + r) % live.length]);
      const isr = replicas.filter((id) => this.serving(id));
      const part: PartitionState = {
        topic: topic.settings.name, index: p, replicas, leader: isr[0] ?? -1, isr: isr.length > 0 ? isr : [replicas[0]],
        log: new PartitionLog(), replicaLeo: new Map(replicas.map((id) => [id, 0])), lastCaughtUpMs: new Map(replicas.map((id) => [id, nowMs])), keys: 1,
      };
      topic.partitions.push(part);
    }
    topic.settings = { ...topic.settings, partitions: topic.partitions.length };
  }

  /** Reassignment to a new replication factor: new replicas start empty and join the ISR once caught up. */
  setReplicationFactor(topic: TopicState, rf: number, nowMs: number): void {
    const live = this.brokers.filter((b) => !b.decommissioned).map((b) => b.id);
    const target = Math.min(rf, live.length);
    for (const p of topic.partitions) {
      while (p.replicas.length > target) {
        const removed = p.replicas.pop() as number;
        p.isr = p.isr.filter((id) => id !== removed);
        p.replicaLeo.delete(removed);
        if (p.leader === removed) this.elect(p, nowMs);
      }
      for (let i = 0; p.replicas.length < target && i < live.length; i++) {
        const candidate = live[(p.index + i) % live.length];
        if (!p.replicas.includes(candidate)) {
          p.replicas.push(candidate);
          p.replicaLeo.set(candidate, p.log.logStart);
          p.lastCaughtUpMs.set(candidate, nowMs);
        }
      }
    }
    topic.settings = { ...topic.settings, replicationFactor: rf };
  }

  // ------------------------------------------------------------ broker failure and recovery

  /**
   * The process dies between appending and replicating its latest writes. For each partition it
   * leads, `followersFetched` says whether the live in-sync followers had already fetched those
   * writes (unacknowledged to acks=all producers, who will retry them) or not (acks=1 writes that
   * only the leader had are lost on failover). Model: the 100 ms tick makes this all-or-nothing per
   * partition; in reality it concerns the last few milliseconds of writes.
   */
  crash(id: number, nowMs: number, followersFetched: (p: PartitionState) => boolean = () => false): void {
    const b = this.broker(id);
    if (!b || !b.alive) return;
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        if (p.leader !== id || p.log.pending.length === 0 || !followersFetched(p)) continue;
        for (const f of p.isr) if (f !== id && this.broker(f)?.alive) p.replicaLeo.set(f, p.log.leo);
      }
    }
    this.stop(id, nowMs, false);
  }

  private stop(id: number, nowMs: number, controlled: boolean): void {
    const b = this.broker(id);
    if (!b || !b.alive) return;
    b.alive = false;
    b.downSinceMs = nowMs;
    b.backlogMs = 0;
    // A controlled shutdown moves leadership at once; a crash is noticed after broker.session.timeout.ms.
    if (controlled) this.fence(b, nowMs);
  }

  restart(id: number, nowMs: number): void {
    const b = this.broker(id);
    if (!b || b.alive || b.decommissioned) return;
    b.alive = true;
    b.unfenceAtMs = nowMs + REGISTRATION_MS;
    // Its replicas restart from what it has, cut back to the high watermark (divergent tail dropped).
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        if (!p.replicas.includes(id)) continue;
        const had = p.replicaLeo.get(id) ?? 0;
        p.replicaLeo.set(id, Math.max(p.log.logStart, Math.min(had, p.log.hw)));
        p.lastCaughtUpMs.set(id, nowMs);
      }
    }
  }

  private fence(b: BrokerState, nowMs: number): void {
    if (b.fenced) return;
    b.fenced = true;
    let moved = 0;
    let offline = 0;
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        if (!p.replicas.includes(b.id)) continue;
        // The controller drops a fenced broker from every ISR, but never empties an ISR.
        if (p.isr.length > 1 && p.isr.includes(b.id)) p.isr = p.isr.filter((id) => id !== b.id);
        if (p.leader === b.id) {
          this.elect(p, nowMs);
          if (p.leader === -1) offline++;
          else moved++;
        }
      }
    }
    this.hooks.event('warn', `controller fenced broker ${b.id}: ${moved} partition leaders moved${offline > 0 ? `, ${offline} partitions offline (no in-sync replica alive)` : ''}`);
  }

  /** Leader election: first live replica in the ISR; else, if allowed, any live replica (unclean). */
  private elect(p: PartitionState, nowMs: number): void {
    const clean = p.replicas.find((id) => p.isr.includes(id) && this.serving(id));
    const topic = this.topics.get(p.topic);
    let next = clean;
    let unclean = false;
    if (next === undefined && topic?.settings.uncleanLeaderElection) {
      next = p.replicas.find((id) => this.serving(id));
      unclean = next !== undefined;
    }
    if (next === undefined) {
      p.leader = -1;
      return;
    }
    const newLeo = next === p.leader ? p.log.leo : p.replicaLeo.get(next) ?? p.log.hw;
    if (newLeo < p.log.leo) this.hooks.truncate(p, newLeo, nowMs, unclean);
    if (unclean) {
      p.isr = [next];
      this.hooks.event('error', `unclean leader election for ${p.topic}-${p.index}: broker ${next} (out of sync) is leader; records it did not have are lost`);
    }
    p.leader = next;
    p.replicaLeo.set(next, p.log.leo);
    for (const [id, leo] of p.replicaLeo) if (leo > p.log.leo) p.replicaLeo.set(id, p.log.leo);
  }

  // ------------------------------------------------------------ per tick

  /** Fencing, unfencing, offline partitions coming back, preferred leaders. */
  controllerTick(nowMs: number): void {
    for (const b of this.brokers) {
      if (b.decommissioned) continue;
      if (!b.alive && !b.fenced && nowMs - b.downSinceMs >= this.settings.brokerSessionTimeoutMs) this.fence(b, nowMs);
      if (b.alive && b.fenced && !b.diskFull && nowMs >= b.unfenceAtMs) {
        b.fenced = false;
        this.hooks.event('info', `broker ${b.id} registered with the controller again`);
      }
    }
    for (const t of this.topics.values()) {
      // The controller acts on what it knows: an offline partition, or a leader it has fenced.
      for (const p of t.partitions) if (p.leader === -1 || this.broker(p.leader)?.fenced) this.elect(p, nowMs);
    }
    if (this.settings.autoLeaderRebalance && nowMs >= this.nextImbalanceCheckMs) {
      this.nextImbalanceCheckMs = nowMs + this.settings.leaderImbalanceCheckIntervalMs;
      for (const t of this.topics.values()) {
        for (const p of t.partitions) {
          const preferred = p.replicas[0];
          const leo = p.replicaLeo.get(preferred) ?? 0;
          if (p.leader !== preferred && p.isr.includes(preferred) && this.serving(preferred) && leo >= p.log.leo) p.leader = preferred;
        }
      }
    }
  }

  /** Round trip plus queueing to reach `id` now, in ms. */
  latencyTo(id: number): number {
    const b = this.broker(id);
    if (!b) return Infinity;
    return this.hardware.rttMs + b.extraLatencyMs + b.backlogMs;
  }

  /** Queue produce work on a broker; returns when (ms) it will have been processed. */
  enqueueProduce(id: number, requests: number, bytes: number, sendMs: number): number {
    const b = this.broker(id) as BrokerState;
    const work = this.produceWorkMs(requests, bytes);
    const done = sendMs + (this.hardware.rttMs + b.extraLatencyMs) / 2 + b.backlogMs + work + b.stallMs;
    b.backlogMs += work;
    b.bytesInTick += bytes;
    b.requestsTick += requests;
    return done;
  }

  /** Broker time for produce requests: CPU per request over usable threads, plus bytes over the slower of network and disk. */
  produceWorkMs(requests: number, bytes: number): number {
    const threads = Math.max(1, Math.min(this.settings.numIoThreads, this.hardware.cores));
    const bytesPerMs = Math.min(this.hardware.networkMBps, this.hardware.diskMBps) * 1000;
    return (requests * this.hardware.requestCpuMs) / threads + bytes / bytesPerMs;
  }

  /** Followers fetch from leaders (one round trip behind), ISR shrinks and grows, the high watermark advances. */
  replicate(nowMs: number, tickEndMs: number): void {
    const bytesPerTick = Math.min(this.hardware.networkMBps, this.hardware.diskMBps) * 1000 * TICK_MS;
    let followed: Map<number, number> | null = null;
    const followedBy = (id: number): number => {
      if (!followed) {
        followed = new Map<number, number>();
        for (const t of this.topics.values()) for (const p of t.partitions) for (const r of p.replicas) if (r !== p.leader) followed.set(r, (followed.get(r) ?? 0) + 1);
      }
      return followed.get(id) ?? 1;
    };
    for (const t of this.topics.values()) {
      const lagMax = this.settings.replicaLagTimeMaxMs;
      const limits = limitsOf(t.settings);
      for (const p of t.partitions) {
        if (p.leader === -1 || !this.serving(p.leader)) continue;
        const log = p.log;
        p.replicaLeo.set(p.leader, log.leo);
        p.lastCaughtUpMs.set(p.leader, nowMs);
        const leaderLat = this.broker(p.leader)?.extraLatencyMs ?? 0;
        for (const id of p.replicas) {
          if (id === p.leader) continue;
          const b = this.broker(id) as BrokerState;
          if (!b.alive || b.diskFull || b.decommissioned) continue;
          const from = p.replicaLeo.get(id) ?? 0;
          // A fetch sees what was appended at least one round trip ago.
          const visibleBy = tickEndMs - this.hardware.rttMs - leaderLat - b.extraLatencyMs;
          let seen = log.hw;
          for (const e of log.pending) {
            if (e.appendMs > visibleBy) break;
            seen = e.base + e.size;
          }
          let target = seen;
          if (from < log.hw) {
            // Catching up below the high watermark: bounded by the follower's share of bandwidth.
            const perOffset = Math.max(1, log.visibleBytes() / Math.max(1, log.hw - log.logStart));
            const budget = Math.floor(bytesPerTick / Math.max(1, followedBy(id)) / perOffset);
            target = Math.min(target, Math.max(from, log.logStart) + budget);
          }
          const reach = Math.max(from, log.fetchBoundary(from, target));
          p.replicaLeo.set(id, reach);
          // Replica.updateFetchState: caught up when it has everything the leader had at the fetch.
          if (reach >= seen) p.lastCaughtUpMs.set(id, nowMs);
        }
        const minIsr = t.settings.minInsyncReplicas;
        for (let i = p.isr.length - 1; i >= 0; i--) {
          const id = p.isr[i];
          if (id === p.leader) continue;
          if (nowMs - (p.lastCaughtUpMs.get(id) ?? 0) > lagMax && p.isr.length > 1) {
            p.isr = p.isr.filter((x) => x !== id);
            this.hooks.event('warn', `ISR of ${p.topic}-${p.index} shrank to [${p.isr.join(',')}]: broker ${id} fell behind for more than replica.lag.time.max.ms${p.isr.length < minIsr ? ` (below min.insync.replicas ${minIsr})` : ''}`);
          }
        }
        for (const id of p.replicas) {
          if (p.isr.includes(id) || !this.serving(id)) continue;
          // A follower rejoins the ISR once it has reached the leader's high watermark.
          if ((p.replicaLeo.get(id) ?? 0) >= log.hw) {
            p.isr = [...p.isr, id].sort((a, b2) => p.replicas.indexOf(a) - p.replicas.indexOf(b2));
            this.hooks.event('info', `broker ${id} caught up and rejoined the ISR of ${p.topic}-${p.index}`);
          }
        }
        let hw = log.leo;
        for (const id of p.isr) hw = Math.min(hw, p.replicaLeo.get(id) ?? 0);
        if (hw > log.hw) {
          for (const e of log.commitTo(hw, limits)) if (e.batch) e.batch.owner.committed(e.batch, tickEndMs);
        }
      }
    }
  }

  /** Work drains, disks fill. */
  endTick(): void {
    for (const b of this.brokers) {
      b.backlogMs = Math.max(0, b.backlogMs - TICK_MS);
      b.bytesInTick = 0;
      b.requestsTick = 0;
    }
  }

  diskUsedBytes(id: number): number {
    const b = this.broker(id);
    if (!b) return 0;
    let used = b.extraDiskBytes;
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        if (!p.replicas.includes(id)) continue;
        used += p.log.visibleBytes() + p.log.pendingBytes();
      }
    }
    return used;
  }

  /** A full disk takes the log directory, and with a single directory the broker, offline. */
  checkDisks(nowMs: number): void {
    const capacity = this.hardware.diskGB * 1e9;
    for (const b of this.brokers) {
      if (b.decommissioned || !b.alive || b.diskFull) continue;
      if (this.diskUsedBytes(b.id) >= capacity) {
        b.diskFull = true;
        this.hooks.event('error', `broker ${b.id}: No space left on device. Shutdown broker because all log dirs in /var/lib/kafka/data have failed`);
        this.stop(b.id, nowMs, true);
      }
    }
  }
}

/** Deterministic per-topic first broker, so leaders of different topics spread over brokers. */
function topicStart(name: string, brokers: number): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return brokers > 0 ? Math.abs(h) % brokers : 0;
}
