// The running Kafka world: brokers, topics, producing and consuming applications, advanced one
// 100 ms tick at a time, with a ledger per (topic, consumer group) flow that balances every tick.
import { TICK_MS, type Incident, type Ledger, type LedgerFlow, type MetricMap, type Rng, type Sim, type SimEvent, type Topology } from '../../engine/types';
import { Cluster, limitsOf, type PartitionState, type TopicState } from './cluster';
import { ConsumerGroup } from './group';
import { ProcessorOutput } from './processor';
import { ProducerApp, type ProducerHost } from './producer';
import type { Txn } from './records';
import { normalizeConsumer, type ConsumerSettings, type KafkaConfig } from './settings';
import { RecentCounters } from './recent';
import { LatencyWindow, RollingSum } from './stats';
import { buildTopology } from './topology';
import type { KafkaWorld } from './world';

const GROUP_METRICS = ['lag', 'members', 'idle', 'instances', 'rebalances', 'rebalancing', 'throughput', 'duplicates', 'lost', 'out_of_order', 'duplicates_1m', 'lost_1m', 'out_of_order_1m', 'latency_p99'] as const;
const TOPIC_METRICS = ['bytes', 'partitions', 'under_replicated', 'under_min_isr', 'offline', 'hot_partition_share'] as const;
const PRODUCER_METRICS = ['throughput', 'errors', 'batch_size_avg', 'requests', 'buffer_used', 'blocked', 'instances'] as const;
const BROKER_METRICS = ['disk_used', 'request_queue_ms'] as const;
type Names<T extends readonly string[]> = Record<T[number] | 'lagAlias' | 'consumedAlias', string>;
const nameCache = new Map<string, Map<string, Names<readonly string[]>>>();

/** Metric names of one entity ("group.kitchen.lag"), built once. */
function names<T extends readonly string[]>(kind: string, entity: string, metrics: T): Names<T> {
  let byEntity = nameCache.get(kind);
  if (!byEntity) {
    byEntity = new Map();
    nameCache.set(kind, byEntity);
  }
  let n = byEntity.get(entity);
  if (!n) {
    n = { lagAlias: `lag.${entity}`, consumedAlias: `consumed.${entity}` } as Names<readonly string[]>;
    for (const metric of metrics) (n as Record<string, string>)[metric] = `${kind}.${entity}.${metric}`;
    byEntity.set(entity, n);
  }
  return n as Names<T>;
}

/** Flow id of a topic nobody consumes. */
export const NO_GROUP = '-';
const SECOND_TICKS = 1000 / TICK_MS;
const LATENCY_WINDOW_TICKS = 50;

interface TopicLedger {
  produced: number;
  dropped: Record<string, number>;
  droppedTotal: number;
}

interface GroupMeters {
  delivered: RollingSum;
  latency: LatencyWindow;
}

interface ProducerMeters {
  acked: RollingSum;
  errors: RollingSum;
  attempts: RollingSum;
  requests: RollingSum;
  batches: RollingSum;
  wireBytes: RollingSum;
}

export class KafkaSim implements Sim<KafkaConfig> {
  config: KafkaConfig;
  readonly cluster: Cluster;
  readonly producers = new Map<string, ProducerApp>();
  readonly groups = new Map<string, ConsumerGroup>();
  /** The producing side of read-process-write groups, by group. */
  readonly outputs = new Map<string, ProcessorOutput>();
  /** Stand-in readers for topics no group consumes, so their flows balance too. */
  private readonly shadows = new Map<string, ConsumerGroup>();
  /** Readers per topic; rebuilt when groups or subscriptions change. */
  private readonly readers = new Map<string, ConsumerGroup[]>();
  private readonly topicLedgers = new Map<string, TopicLedger>();
  private events: SimEvent[] = [];
  private nowMs = 0;
  private nextRetentionMs: number;
  private nextCleanerMs: number;
  private readonly latency = new LatencyWindow(LATENCY_WINDOW_TICKS);
  private readonly groupMeters = new Map<string, GroupMeters>();
  private readonly producerMeters = new Map<string, ProducerMeters>();
  private readonly networkIn = new RollingSum(SECOND_TICKS);
  private readonly producedIn = new RollingSum(SECOND_TICKS);
  private readonly partitionWrites = new Map<PartitionState, { last: number; window: RollingSum }>();
  private ledgerCache: { tick: number; ledger: Ledger } | null = null;
  private readonly recent = new RecentCounters();
  /** Brokers whose process dies during this tick, after its produce requests were appended. */
  private crashing: number[] = [];
  private readonly crashRng: Rng;
  /** A rolling-broker-crash in progress: when the next broker dies, and which (a counter over broker ids). */
  private rolling: { everyMs: number; downMs: number; nextAtMs: number; turn: number } | null = null;
  private restarts: { id: number; atMs: number }[] = [];
  /** consumer-crash-loop incidents in progress. */
  private crashLoops: { incident: Incident; group: ConsumerGroup; instance: number; everyMs: number; downMs: number; nextAtMs: number; recoverAtMs: number }[] = [];
  private metricsMap: MetricMap = {};
  private metricsTick = -1;
  private tick = 0;

  constructor(config: KafkaConfig, readonly world: KafkaWorld, private readonly rng: Rng) {
    this.config = config;
    this.crashRng = rng.fork('crash');
    this.cluster = new Cluster(config.brokers, world.brokers, {
      truncate: (p, offset, nowMs, unclean) => this.truncate(p, offset, nowMs, unclean),
      event: (level, text) => this.event(level, text),
    });
    for (const t of Object.values(config.topics)) this.createTopic(t.name);
    for (const p of Object.values(config.producers)) this.addProducer(p.name);
    for (const c of Object.values(config.consumers)) this.addGroup(c);
    for (const g of this.groups.values()) g.startRunning();
    this.nextRetentionMs = config.brokers.retentionCheckIntervalMs;
    this.nextCleanerMs = config.brokers.cleanerBackoffMs;
  }

  // ------------------------------------------------------------ setup

  private createTopic(name: string): TopicState | undefined {
    const settings = this.config.topics[name];
    if (!settings || this.cluster.topics.has(name)) return this.cluster.topics.get(name);
    const created = this.cluster.createTopic(settings);
    if (typeof created === 'string') {
      this.event('error', `topic ${name} could not be created: InvalidReplicationFactorException: ${created}`);
      return undefined;
    }
    const preload = this.world.topics[name];
    if (preload && preload.records > 0) {
      const per = Math.floor(preload.records / created.partitions.length);
      created.partitions.forEach((p, i) => {
        const n = per + (i < preload.records - per * created.partitions.length ? 1 : 0);
        p.log.preload(n, preload.recordBytes, preload.spanHours * 3600000, this.nowMs, limitsOf(created.settings));
        for (const id of p.replicas) p.replicaLeo.set(id, p.log.leo);
      });
      this.ledgerOf(name).produced += preload.records;
    }
    return created;
  }

  private addProducer(name: string): void {
    const world = this.world.producers[name];
    const settings = this.config.producers[name];
    if (!world || !settings) return;
    const app = new ProducerApp(name, settings, world, this.producerHost(`producer:${name}`));
    this.producers.set(name, app);
    this.producerMeters.set(name, {
      acked: new RollingSum(SECOND_TICKS), errors: new RollingSum(SECOND_TICKS), attempts: new RollingSum(SECOND_TICKS),
      requests: new RollingSum(SECOND_TICKS), batches: new RollingSum(SECOND_TICKS), wireBytes: new RollingSum(SECOND_TICKS),
    });
  }

  private producerHost(label: string): ProducerHost {
    return {
      cluster: this.cluster,
      rng: this.rng.fork(label),
      event: (level, text) => this.event(level, text),
      produced: (topic, n) => {
        this.ledgerOf(topic).produced += n;
      },
      drop: (topic, reason, n) => this.addTopicDrop(topic, reason, n),
      undrop: (topic, reason, n) => this.addTopicDrop(topic, reason, -n),
      resolveTxn: (part, txn) => this.resolveTxn(part, txn),
    };
  }

  private addGroup(settings: ConsumerSettings): void {
    const world = this.world.consumers[settings.group];
    if (!world) return;
    const output = settings.output && world.output ? new ProcessorOutput(settings.group, settings.output, world.output, this.producerHost(`output:${settings.group}`)) : undefined;
    const group = new ConsumerGroup(settings.group, settings, world, {
      cluster: this.cluster,
      event: (level, text) => this.event(level, text),
      delivered: (g, units, ms) => {
        this.latency.add(ms, units);
        this.groupMeters.get(g)?.latency.add(ms, units);
      },
      orderGapMs: (topic) => this.orderGapMs(topic),
      output,
    });
    if (output) {
      output.group = group;
      this.outputs.set(settings.group, output);
    }
    this.groups.set(settings.group, group);
    this.readers.clear();
    this.groupMeters.set(settings.group, { delivered: new RollingSum(SECOND_TICKS), latency: new LatencyWindow(LATENCY_WINDOW_TICKS) });
  }

  private ledgerOf(topic: string): TopicLedger {
    let l = this.topicLedgers.get(topic);
    if (!l) {
      l = { produced: 0, dropped: {}, droppedTotal: 0 };
      this.topicLedgers.set(topic, l);
    }
    return l;
  }

  private addTopicDrop(topic: string, reason: string, n: number): void {
    const l = this.ledgerOf(topic);
    l.droppedTotal += n;
    const d = l.dropped;
    d[reason] = (d[reason] ?? 0) + n;
    if (d[reason] === 0) delete d[reason];
  }

  /** Readers of a topic: the groups subscribed to it, or a stand-in when there are none. */
  private readersOf(topic: string): ConsumerGroup[] {
    const cached = this.readers.get(topic);
    if (cached) return cached;
    const readers = [...this.groups.values()].filter((g) => g.subscribed().includes(topic));
    if (readers.length === 0) readers.push(this.shadowFor(topic));
    this.readers.set(topic, readers);
    return readers;
  }

  private shadowFor(topic: string): ConsumerGroup {
    let shadow = this.shadows.get(topic);
    if (!shadow) {
      const settings = normalizeConsumer(NO_GROUP, { topics: [topic], instances: 0 });
      shadow = new ConsumerGroup(NO_GROUP, settings, { recordMs: 0, pollOverheadMs: 0, processing: 'sync', workerThreads: 1, startupSeconds: 0, startAt: Infinity, lagAtStart: 0, output: null }, {
        cluster: this.cluster, event: () => undefined, delivered: () => undefined, orderGapMs: () => null,
      });
      this.shadows.set(topic, shadow);
    }
    return shadow;
  }

  private event(level: SimEvent['level'], text: string): void {
    this.events.push({ level, text });
  }

  // ------------------------------------------------------------ Sim

  step(tick: number): void {
    this.tick = tick;
    this.nowMs = (tick - 1) * TICK_MS;
    const end = this.nowMs + TICK_MS;
    this.latency.advance();
    for (const m of this.groupMeters.values()) m.latency.advance();
    this.rollingCrashes(this.nowMs);
    this.consumerCrashLoops(this.nowMs);
    this.cluster.controllerTick(this.nowMs);
    // Consumers read what was replicated by the end of the previous tick (100 ms resolution).
    for (const g of this.groups.values()) g.tick(this.nowMs, end);
    this.pinReaders();
    for (const app of this.producers.values()) app.tick(this.nowMs, end);
    for (const o of this.outputs.values()) o.tick(this.nowMs, end);
    this.applyCrashes(this.nowMs + (3 * TICK_MS) / 4);
    let bytesIn = 0;
    for (const b of this.cluster.brokers) bytesIn += b.bytesInTick;
    this.networkIn.push(bytesIn);
    this.cluster.replicate(this.nowMs, end);
    this.housekeeping(end);
    this.cluster.checkDisks(this.nowMs);
    this.cluster.endTick();
    this.meter();
    this.ledgerCache = null;
    this.metricsTick = -1;
    this.meterRecent();
  }

  /** Restarts that are due, and the next victim of a rolling crash. */
  private rollingCrashes(nowMs: number): void {
    for (const r of this.restarts) {
      if (r.atMs > nowMs) continue;
      this.cluster.restart(r.id, nowMs);
      this.event('info', `broker ${r.id} is running again; it registers with the controller and catches up its replicas`);
    }
    this.restarts = this.restarts.filter((r) => r.atMs > nowMs);
    const roll = this.rolling;
    if (!roll || nowMs < roll.nextAtMs) return;
    roll.nextAtMs += roll.everyMs;
    const ids = this.cluster.brokers.filter((b) => !b.decommissioned).map((b) => b.id);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[roll.turn++ % ids.length];
      if (!this.cluster.broker(id)?.alive) continue;
      this.crashing.push(id);
      this.restarts.push({ id, atMs: nowMs + roll.downMs });
      break;
    }
  }

  /** Instances in a crash loop die again, or are started again. */
  private consumerCrashLoops(nowMs: number): void {
    for (const loop of this.crashLoops) {
      if (nowMs >= loop.recoverAtMs) {
        loop.recoverAtMs = Infinity;
        loop.group.recover(loop.instance, nowMs);
      }
      if (nowMs >= loop.nextAtMs) {
        loop.nextAtMs += loop.everyMs;
        loop.group.crash(loop.instance, nowMs);
        loop.recoverAtMs = nowMs + loop.downMs;
      }
    }
  }

  /** Broker processes die now: their connections close, followers have or have not fetched the last writes. */
  private applyCrashes(atMs: number): void {
    for (const id of this.crashing) {
      if (!this.cluster.broker(id)?.alive) continue;
      this.cluster.crash(id, atMs, () => this.crashRng.chance(0.5));
      for (const app of this.producers.values()) app.disconnected(id, atMs);
      for (const o of this.outputs.values()) o.disconnected(id, atMs);
      this.event('error', `broker ${id} crashed (no controlled shutdown): the controller notices after broker.session.timeout.ms (${this.config.brokers.brokerSessionTimeoutMs} ms)`);
    }
    this.crashing = [];
  }

  /** Tell each log where its readers' counts start, so chunks there keep their shape. */
  private pinReaders(): void {
    for (const t of this.cluster.topics.values()) {
      const readers = this.readersOf(t.settings.name);
      for (const p of t.partitions) {
        const pins = p.log.pins;
        pins.length = readers.length;
        for (let i = 0; i < readers.length; i++) pins[i] = readers[i].partition(p).resv;
      }
    }
  }

  /** Retention every log.retention.check.interval.ms, the cleaner every log.cleaner.backoff.ms. */
  private housekeeping(nowMs: number): void {
    if (nowMs >= this.nextRetentionMs) {
      this.nextRetentionMs = nowMs + this.config.brokers.retentionCheckIntervalMs;
      for (const t of this.cluster.topics.values()) {
        const limits = limitsOf(t.settings);
        for (const p of t.partitions) {
          const target = p.log.retentionTarget(nowMs, limits);
          if (target <= p.log.logStart) continue;
          for (const g of this.readersOf(t.settings.name)) g.beforeRetention(p, target);
          const segments = p.log.deleteBefore(target);
          if (segments > 0) this.event('info', `${p.topic}-${p.index}: retention deleted ${segments} segment(s), log start offset now ${p.log.logStart}`);
        }
      }
    }
    if (nowMs >= this.nextCleanerMs) {
      this.nextCleanerMs = nowMs + this.config.brokers.cleanerBackoffMs;
      for (const t of this.cluster.topics.values()) {
        if (!t.settings.cleanupPolicy.compact) continue;
        for (const p of t.partitions) {
          if (p.log.dirtyRatio() < t.settings.minCleanableDirtyRatio) continue;
          const readers = this.readersOf(t.settings.name).map((g) => ({ g, gp: g.partition(p) }));
          const before = readers.map(({ g, gp }) => g.queued(gp, p));
          const removed = p.log.compact(this.keysOn(t.settings.name, p.index));
          readers.forEach(({ g, gp }, i) => g.compactionDrop(gp, before[i] - g.queued(gp, p)));
          if (removed > 0) this.event('info', `${p.topic}-${p.index}: log cleaner compacted away ${removed} superseded record(s)`);
        }
      }
    }
  }

  private orderGapMs(topic: string): number | null {
    let gap: number | null = null;
    for (const app of this.producers.values()) {
      if (app.settings.topic !== topic) continue;
      const g = app.orderGapMs();
      if (g !== null) gap = gap === null ? g : Math.min(gap, g);
    }
    return gap;
  }

  private keysOn(topic: string, partition: number): number {
    let keys = 0;
    for (const app of this.producers.values()) if (app.settings.topic === topic) keys += app.keysOn(partition);
    return Math.max(1, keys);
  }

  /**
   * A transaction finished in a partition. When an aborted one will be produced again, its copies
   * stop being records of their own: a group that already took them (read_uncommitted) has
   * processed a duplicate, not a first delivery.
   */
  private resolveTxn(p: PartitionState, txn: Txn): number {
    const readers = this.readersOf(p.topic).map((g) => ({ g, gp: g.partition(p) }));
    const before = readers.map(({ g, gp }) => g.queued(gp, p));
    const pendingBefore = p.log.pending.reduce((n, e) => n + e.uniques, 0);
    const converted = p.log.resolveTxn(txn);
    if (converted === 0) return 0;
    const fromPending = pendingBefore - p.log.pending.reduce((n, e) => n + e.uniques, 0);
    readers.forEach(({ g, gp }, i) => g.processedAsDuplicate(gp, converted - fromPending - (before[i] - g.queued(gp, p))));
    return converted;
  }

  /** A shorter replica became leader: consumer groups settle what they lose, then the log is cut. */
  private truncate(p: PartitionState, offset: number, nowMs: number, unclean: boolean): void {
    const readers = this.readersOf(p.topic).map((g) => ({ g, gp: g.partition(p) }));
    const before = readers.map(({ g, gp }) => g.queued(gp, p));
    const cut = p.log.leo - offset;
    p.log.truncateTo(offset, nowMs);
    readers.forEach(({ g, gp }, i) => g.afterTruncate(gp, p, offset, before[i]));
    if (!unclean && cut > 0) {
      this.event('warn', `${p.topic}-${p.index}: the new leader does not have the old leader's last ${cut} offset(s); they are truncated (acks=all writes among them were never acknowledged and are retried, acks=1 writes are lost)`);
    }
  }

  reconfigure(next: KafkaConfig, tick: number): void {
    const nowMs = (tick - 1) * TICK_MS;
    const prev = this.config;
    this.readers.clear();
    this.metricsMap = {};
    this.metricsTick = -1;
    this.config = next;
    this.cluster.settings = next.brokers;
    if (next.brokers.instances !== prev.brokers.instances) {
      this.cluster.resize(next.brokers.instances, nowMs);
      this.event('info', next.brokers.instances > prev.brokers.instances
        ? `${next.brokers.instances - prev.brokers.instances} broker(s) added: they host no partitions until a reassignment or new topics`
        : `broker(s) ${prev.brokers.instances} and above shut down: their replicas go offline`);
    }
    for (const t of Object.values(next.topics)) {
      const state = this.cluster.topics.get(t.name);
      if (!state) {
        this.createTopic(t.name);
        continue;
      }
      const old = state.settings;
      if (t.partitions > old.partitions) {
        this.cluster.addPartitions(state, t.partitions, nowMs);
        this.event('info', `topic ${t.name}: partitions ${old.partitions} → ${t.partitions}; existing records stay where they are, clients use the new partitions after their next metadata refresh`);
      } else if (t.partitions < old.partitions) {
        this.event('error', `topic ${t.name}: InvalidPartitionsException: Topic currently has ${old.partitions} partitions, which is higher than the requested ${t.partitions}.`);
      }
      const partitions = state.partitions.length;
      state.settings = { ...t, partitions, replicationFactor: old.replicationFactor };
      if (t.replicationFactor !== old.replicationFactor) {
        this.cluster.setReplicationFactor(state, t.replicationFactor, nowMs);
        this.event('info', `topic ${t.name}: reassigning to replication factor ${t.replicationFactor}; new replicas join the ISR once they have copied the log`);
      }
    }
    for (const p of Object.values(next.producers)) {
      const app = this.producers.get(p.name);
      if (!app) {
        this.addProducer(p.name);
        continue;
      }
      if (JSON.stringify(p) !== JSON.stringify(app.settings)) {
        app.reconfigure(p);
        app.resetWarnings();
        this.event('info', `${p.name}: ${p.instances} instance(s) restarted with the new producer config`);
      }
    }
    for (const [name, app] of this.producers) if (!next.producers[name]) app.reconfigure({ ...app.settings, instances: 0 });
    for (const c of Object.values(next.consumers)) {
      const group = this.groups.get(c.group);
      if (!group) {
        this.addGroup(c);
        continue;
      }
      if (JSON.stringify(c) !== JSON.stringify(group.settings)) {
        group.reconfigure(c, nowMs);
        group.resetWarnings();
        const output = this.outputs.get(c.group);
        if (output && c.output) output.reconfigure(c.output);
      }
    }
    for (const [name, group] of this.groups) if (!next.consumers[name]) group.reconfigure({ ...group.settings, instances: 0 }, nowMs);
  }

  startIncident(incident: Incident, tick: number): void {
    this.applyIncident(incident, (tick - 1) * TICK_MS, true);
  }

  endIncident(incident: Incident, tick: number): void {
    this.applyIncident(incident, (tick - 1) * TICK_MS, false);
  }

  private applyIncident(incident: Incident, nowMs: number, start: boolean): void {
    const num = (key: string, def: number): number => (typeof incident.params[key] === 'number' ? (incident.params[key] as number) : def);
    const brokers = (): number[] => {
      const id = num('broker', incident.target !== undefined && /^\d+$/.test(incident.target) ? Number(incident.target) : 0);
      return id > 0 ? [id] : this.cluster.brokers.map((b) => b.id);
    };
    const producers = () => [...this.producers.values()].filter((p) => !incident.target || p.name === incident.target);
    const group = incident.target ? this.groups.get(incident.target) : undefined;
    switch (incident.kind) {
      case 'traffic-spike':
        for (const p of producers()) p.spikeFactor = start ? num('factor', 2) : 1;
        break;
      case 'broker-crash':
        for (const id of brokers().slice(0, 1)) {
          if (start) this.crashing.push(id);
          else {
            this.cluster.restart(id, nowMs);
            this.event('info', `broker ${id} restarted`);
          }
        }
        break;
      case 'rolling-broker-crash': {
        const firstMs = num('firstAfterSeconds', 0) * 1000;
        this.rolling = start ? { everyMs: num('everySeconds', 30) * 1000, downMs: num('downSeconds', 15) * 1000, nextAtMs: nowMs + firstMs, turn: Math.max(0, num('broker', 1) - 1) } : null;
        break;
      }
      case 'consumer-crash':
        if (group) start ? group.crash(num('instance', 0), nowMs) : group.recover(num('instance', 0), nowMs);
        break;
      case 'consumer-crash-loop':
        if (group && start) {
          this.crashLoops.push({
            incident, group, instance: num('instance', 0), everyMs: num('everySeconds', 30) * 1000, downMs: num('downSeconds', 5) * 1000,
            nextAtMs: nowMs + num('firstAfterSeconds', 0) * 1000, recoverAtMs: Infinity,
          });
        } else {
          const loop = this.crashLoops.find((l) => l.incident === incident);
          if (loop && loop.recoverAtMs < Infinity) loop.group.recover(loop.instance, nowMs);
          this.crashLoops = this.crashLoops.filter((l) => l.incident !== incident);
        }
        break;
      case 'slow-processing':
        if (group) group.slowFactor = start ? num('factor', 3) : 1;
        break;
      case 'disk-fill':
        for (const id of brokers()) {
          const b = this.cluster.broker(id);
          if (!b) continue;
          b.extraDiskBytes = start ? num('gb', 10) * 1e9 : 0;
          if (!start && b.diskFull) {
            b.diskFull = false;
            this.cluster.restart(id, nowMs);
          }
        }
        break;
      case 'network-latency':
        for (const id of brokers()) {
          const b = this.cluster.broker(id);
          if (b) b.extraLatencyMs = start ? num('ms', 50) : 0;
        }
        break;
      case 'consumer-restart':
        if (group && start) group.rollingRestart(nowMs);
        break;
      case 'producer-retry-storm':
        for (const id of brokers()) {
          const b = this.cluster.broker(id);
          if (b) b.stallMs = start ? num('stallMs', 35000) : 0;
        }
        break;
      case 'producer-crash':
        if (start) for (const p of producers()) p.crash();
        break;
    }
  }

  drainEvents(): SimEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  // ------------------------------------------------------------ ledger

  ledger(): Ledger {
    if (this.ledgerCache && this.ledgerCache.tick === this.tick) return this.ledgerCache.ledger;
    const flows: LedgerFlow[] = [];
    const topics = new Set<string>([...this.topicLedgers.keys(), ...this.cluster.topics.keys()]);
    for (const name of topics) {
      const tl = this.ledgerOf(name);
      let producerSide = 0;
      for (const app of this.producers.values()) producerSide += app.inFlight(name);
      for (const o of this.outputs.values()) producerSide += o.inFlight(name);
      const topic = this.cluster.topics.get(name);
      if (topic) for (const p of topic.partitions) for (const e of p.log.pending) producerSide += e.uniques;
      const readers = topic ? this.readersOf(name) : [];
      if (readers.length === 0) {
        flows.push({ id: `${name}/${NO_GROUP}`, produced: tl.produced, delivered: 0, queued: 0, inFlight: producerSide, dropped: { ...tl.dropped }, duplicates: 0, outOfOrder: 0 });
        continue;
      }
      for (const g of readers) {
        const flow: LedgerFlow = { id: `${name}/${g.name}`, produced: tl.produced, delivered: 0, queued: 0, inFlight: producerSide, dropped: { ...tl.dropped }, duplicates: 0, outOfOrder: 0 };
        for (const p of (topic as TopicState).partitions) {
          const gp = g.partition(p);
          flow.delivered += gp.delivered;
          flow.inFlight += gp.inFlight;
          flow.queued += g.queued(gp, p);
          flow.duplicates += gp.duplicates;
          flow.outOfOrder += gp.outOfOrder;
          for (const [reason, n] of Object.entries(gp.dropped)) flow.dropped[reason] = (flow.dropped[reason] ?? 0) + n;
        }
        flows.push(flow);
      }
    }
    const ledger = { flows };
    this.ledgerCache = { tick: this.tick, ledger };
    return ledger;
  }

  // ------------------------------------------------------------ metrics

  private meter(): void {
    let produced = 0;
    for (const app of this.producers.values()) produced += app.stats.produced;
    this.producedIn.push(produced);
    for (const [name, g] of this.groups) this.groupMeters.get(name)?.delivered.push(g.stats.delivered);
    for (const [name, app] of this.producers) {
      const m = this.producerMeters.get(name);
      if (!m) continue;
      m.acked.push(app.stats.attempts - app.stats.errors);
      m.errors.push(app.stats.errors);
      m.attempts.push(app.stats.attempts);
      m.requests.push(app.stats.requests);
      m.batches.push(app.stats.batches);
      m.wireBytes.push(app.stats.wireBytes);
    }
    for (const t of this.cluster.topics.values()) {
      for (const p of t.partitions) {
        let w = this.partitionWrites.get(p);
        if (!w) {
          w = { last: p.log.leo, window: new RollingSum(SECOND_TICKS) };
          this.partitionWrites.set(p, w);
        }
        w.window.push(Math.max(0, p.log.leo - w.last));
        w.last = p.log.leo;
      }
    }
  }

  /** Cumulative losses, duplicates and reorderings, for the "last minute" metrics. */
  private meterRecent(): void {
    let lost = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    for (const f of this.ledger().flows) {
      for (const n of Object.values(f.dropped)) lost += n;
      duplicates += f.duplicates;
      outOfOrder += f.outOfOrder;
    }
    this.recent.push('ledger.lost', lost);
    this.recent.push('ledger.duplicates', duplicates);
    this.recent.push('ledger.out_of_order', outOfOrder);
    for (const [name, g] of this.groups) {
      const c = this.groupCounts(g);
      const k = names('group', name, GROUP_METRICS);
      this.recent.push(k.lost, c.lost);
      this.recent.push(k.duplicates, c.duplicates);
      this.recent.push(k.out_of_order, c.outOfOrder);
    }
  }

  /** What a group will never process, processed twice, or processed out of order (cumulative). */
  private groupCounts(g: ConsumerGroup): { lag: number; lost: number; duplicates: number; outOfOrder: number } {
    const c = { lag: 0, lost: 0, duplicates: 0, outOfOrder: 0 };
    for (const topic of g.subscribed()) {
      const t = this.cluster.topics.get(topic);
      if (!t) continue;
      for (const p of t.partitions) {
        c.lag += g.lag(p);
        const gp = g.partition(p);
        c.lost += gp.droppedTotal;
        c.duplicates += gp.duplicates;
        c.outOfOrder += gp.outOfOrder;
      }
      c.lost += this.ledgerOf(topic).droppedTotal;
    }
    return c;
  }

  /**
   * This tick's metrics. The same map is updated in place every tick (its keys only change when the
   * config does), so callers copy what they keep.
   */
  metrics(): MetricMap {
    if (this.metricsTick === this.tick) return this.metricsMap;
    this.metricsTick = this.tick;
    const m = this.metricsMap;
    let errors = 0;
    let attempts = 0;
    for (const pm of this.producerMeters.values()) {
      errors += pm.errors.total;
      attempts += pm.attempts.total;
    }
    let delivered = 0;
    for (const gm of this.groupMeters.values()) delivered += gm.delivered.total;
    m['throughput.in'] = this.producedIn.total;
    m['throughput.out'] = delivered;
    m['latency.p99'] = Math.max(this.latency.quantile(0.99), this.oldestWaitingMs());
    m['errors.rate'] = attempts > 0 ? (100 * errors) / attempts : 0;
    m['ledger.lost_1m'] = this.recent.increase('ledger.lost');
    m['ledger.duplicates_1m'] = this.recent.increase('ledger.duplicates');
    m['ledger.out_of_order_1m'] = this.recent.increase('ledger.out_of_order');

    for (const [name, g] of this.groups) {
      const gm = this.groupMeters.get(name) as GroupMeters;
      const k = names('group', name, GROUP_METRICS);
      const { lag, lost, duplicates, outOfOrder } = this.groupCounts(g);
      let members = 0;
      let idle = 0;
      for (const x of g.members) {
        if (x.state !== 'running') continue;
        if (x.inGeneration) members++;
        if (x.joined && x.assigned.length === 0) idle++;
      }
      m[k.lag] = lag;
      m[k.lagAlias] = lag;
      m[k.members] = members;
      m[k.idle] = g.state === 'stable' ? idle : 0;
      m[k.instances] = g.settings.instances;
      m[k.rebalances] = g.rebalances;
      m[k.rebalancing] = g.state === 'rebalancing' ? 1 : 0;
      m[k.throughput] = gm.delivered.total;
      m[k.consumedAlias] = gm.delivered.total;
      m[k.duplicates] = duplicates;
      m[k.lost] = lost;
      m[k.out_of_order] = outOfOrder;
      m[k.duplicates_1m] = this.recent.increase(k.duplicates);
      m[k.lost_1m] = this.recent.increase(k.lost);
      m[k.out_of_order_1m] = this.recent.increase(k.out_of_order);
      m[k.latency_p99] = gm.latency.quantile(0.99);
    }
    for (const t of this.cluster.topics.values()) {
      const k = names('topic', t.settings.name, TOPIC_METRICS);
      let bytes = 0;
      let under = 0;
      let underMinIsr = 0;
      let offline = 0;
      let total = 0;
      let busiest = 0;
      for (const p of t.partitions) {
        bytes += p.log.visibleBytes() + p.log.pendingBytes();
        if (p.isr.length < p.replicas.length) under++;
        // ReplicaManager UnderMinIsrPartitionCount: acks=all writes to these are refused.
        if (p.leader !== -1 && p.isr.length < t.settings.minInsyncReplicas) underMinIsr++;
        if (p.leader === -1) offline++;
        const w = this.partitionWrites.get(p)?.window.total ?? 0;
        total += w;
        busiest = Math.max(busiest, w);
      }
      m[k.bytes] = bytes;
      m[k.partitions] = t.partitions.length;
      m[k.under_replicated] = under;
      m[k.under_min_isr] = underMinIsr;
      m[k.offline] = offline;
      m[k.hot_partition_share] = total > 0 ? (100 * busiest) / total : 0;
    }
    for (const [name, app] of this.producers) {
      const pm = this.producerMeters.get(name) as ProducerMeters;
      const k = names('producer', name, PRODUCER_METRICS);
      let blocked = 0;
      for (const c of app.blocked) blocked += c.records;
      m[k.throughput] = pm.acked.total;
      m[k.errors] = pm.errors.total;
      m[k.batch_size_avg] = pm.batches.total > 0 ? Math.round(pm.wireBytes.total / pm.batches.total) : 0;
      m[k.requests] = pm.requests.total;
      m[k.buffer_used] = (100 * app.bufferUsedBytes()) / Math.max(1, Math.max(1, app.settings.instances) * app.settings.bufferMemory);
      m[k.blocked] = blocked;
      m[k.instances] = app.settings.instances;
    }
    m['broker.network_in'] = this.networkIn.total / 1e6;
    let up = 0;
    for (const b of this.cluster.brokers) {
      if (b.decommissioned) continue;
      const k = names('broker', String(b.id), BROKER_METRICS);
      if (this.cluster.serving(b.id)) up++;
      m[k.disk_used] = (100 * this.cluster.diskUsedBytes(b.id)) / (this.world.brokers.diskGB * 1e9);
      m[k.request_queue_ms] = b.backlogMs;
    }
    m['brokers.up'] = up;
    return m;
  }

  /** Age of the oldest record still waiting for a running group or stuck in a producer. */
  private oldestWaitingMs(): number {
    const now = this.nowMs + TICK_MS;
    let oldest = 0;
    for (const g of this.groups.values()) {
      if (!g.members.some((m) => m.state === 'running' || m.state === 'crashed')) continue;
      for (const topic of g.subscribed()) {
        const t = this.cluster.topics.get(topic);
        if (!t) continue;
        for (const p of t.partitions) {
          const gp = g.partition(p);
          const from = Math.max(gp.resv, p.log.logStart);
          if (from >= p.log.hw) continue;
          const born = p.log.bornAt(from);
          if (born !== undefined) oldest = Math.max(oldest, now - born);
        }
      }
    }
    for (const app of this.producers.values()) if (app.blocked.length > 0) oldest = Math.max(oldest, now - app.blocked[0].firstBorn);
    return Math.round(oldest);
  }

  topology(): Topology {
    return buildTopology(this);
  }

  /** Used by the topology: records per second consumed by a group from a topic. */
  groupRate(group: string): number {
    return this.groupMeters.get(group)?.delivered.total ?? 0;
  }

  producerRate(name: string): number {
    return this.producerMeters.get(name)?.acked.total ?? 0;
  }
}
