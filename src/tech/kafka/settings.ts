// The typed config the model runs on: defaults filled, values parsed the way Kafka parses them,
// topic settings inherited from the broker, idempotence resolved as KafkaProducer does.
import { ASSIGNORS, BROKER_KEYS, CONSUMER_KEYS, PARTITIONERS, PRODUCER_KEYS, TOPIC_KEYS } from './configSchema';
import type { KeySpec } from '../../engine/types';
import type { Codec } from './world';

export type Acks = '0' | '1' | 'all';
export type AssignorName = keyof typeof ASSIGNORS;

export interface CleanupPolicy {
  delete: boolean;
  compact: boolean;
}

export interface BrokerSettings {
  instances: number;
  minInsyncReplicas: number;
  uncleanLeaderElection: boolean;
  autoCreateTopics: boolean;
  defaultReplicationFactor: number;
  numPartitions: number;
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  retentionCheckIntervalMs: number;
  cleanupPolicy: CleanupPolicy;
  cleanerBackoffMs: number;
  replicaLagTimeMaxMs: number;
  numIoThreads: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupInitialRebalanceDelayMs: number;
  messageMaxBytes: number;
  autoLeaderRebalance: boolean;
  leaderImbalanceCheckIntervalMs: number;
  brokerSessionTimeoutMs: number;
  transactionMaxTimeoutMs: number;
}

export interface TopicSettings {
  name: string;
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  cleanupPolicy: CleanupPolicy;
  minInsyncReplicas: number;
  uncleanLeaderElection: boolean;
  maxMessageBytes: number;
  minCleanableDirtyRatio: number;
  /** false: not in the file; exists because a client asked for it and auto-creation is on. */
  declared: boolean;
}

export interface ProducerSettings {
  name: string;
  instances: number;
  topic: string;
  key: string | null;
  acks: Acks;
  lingerMs: number;
  batchSize: number;
  compression: Codec;
  retries: number;
  deliveryTimeoutMs: number;
  requestTimeoutMs: number;
  maxInFlight: number;
  /** Effective idempotence after KafkaProducer's conflict resolution. */
  idempotence: boolean;
  transactionalId: string | null;
  transactionTimeoutMs: number;
  bufferMemory: number;
  maxBlockMs: number;
  maxRequestSize: number;
  partitioner: 'builtin' | 'round-robin' | 'uniform-sticky';
  ignoreKeys: boolean;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  metadataMaxAgeMs: number;
  /** key -> value as written, for "what changed" messages. */
  written: Record<string, string>;
}

export interface ConsumerSettings {
  group: string;
  instances: number;
  topics: string[];
  maxPollRecords: number;
  maxPollIntervalMs: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  autoOffsetReset: 'latest' | 'earliest' | 'none';
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  isolationLevel: 'read_committed' | 'read_uncommitted';
  /** The assignor the group uses: the first one of the list (all members share the config). */
  assignor: AssignorName;
  /** Cooperative only when every listed assignor supports it (ConsumerCoordinator picks the common protocol). */
  protocol: 'eager' | 'cooperative';
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  fetchMaxBytes: number;
  maxPartitionFetchBytes: number;
  groupInstanceId: string | null;
  metadataMaxAgeMs: number;
  written: Record<string, string>;
  /** A read-process-write application: its producer, sending one output per processed record. */
  output: ProducerSettings | null;
}

export interface KafkaConfig {
  brokers: BrokerSettings;
  topics: Record<string, TopicSettings>;
  producers: Record<string, ProducerSettings>;
  consumers: Record<string, ConsumerSettings>;
}

// ---------------------------------------------------------------- value parsing (ConfigDef-like)

export type Raw = Record<string, unknown>;
export const asObj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

/** A number as Kafka's ConfigDef would parse it from a properties value (numbers or numeric strings). */
export function parseNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return undefined;
}

export function parseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

/** A list value: a YAML sequence or Kafka's comma-separated string. */
export function parseList(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter((x) => x !== '');
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter((x) => x !== '');
  return undefined;
}

/** A string value; YAML numbers (acks: 1) are read as the string Kafka would see in a properties file. */
export function parseString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function pick<T>(props: Raw, key: string, keys: Record<string, KeySpec>, parse: (v: unknown) => T | undefined): T {
  const parsed = props[key] === undefined || props[key] === null ? undefined : parse(props[key]);
  return (parsed ?? keys[key].default) as T;
}

export const written = (props: Raw): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
};

export function parseAcks(v: unknown): Acks {
  const s = parseString(v) ?? 'all';
  return s === 'all' || s === '-1' ? 'all' : s === '0' ? '0' : '1';
}

export const parsePolicy = (list: string[]): CleanupPolicy => ({ delete: list.includes('delete'), compact: list.includes('compact') });

const HOUR_MS = 3600000;

// ---------------------------------------------------------------- normalize

export function normalizeBroker(raw: unknown): BrokerSettings {
  const b = asObj(raw);
  const c = asObj(b.config);
  const n = (k: string) => pick(c, k, BROKER_KEYS, parseNumber);
  const flag = (k: string) => pick(c, k, BROKER_KEYS, parseBoolean);
  // LogConfig precedence: log.retention.ms > log.retention.minutes > log.retention.hours.
  const retentionMs = parseNumber(c['log.retention.ms']) ?? n('log.retention.hours') * HOUR_MS;
  return {
    instances: Math.max(1, Math.round(parseNumber(b.instances) ?? 1)),
    minInsyncReplicas: n('min.insync.replicas'),
    uncleanLeaderElection: flag('unclean.leader.election.enable'),
    autoCreateTopics: flag('auto.create.topics.enable'),
    defaultReplicationFactor: n('default.replication.factor'),
    numPartitions: n('num.partitions'),
    retentionMs,
    retentionBytes: n('log.retention.bytes'),
    segmentBytes: n('log.segment.bytes'),
    segmentMs: n('log.roll.hours') * HOUR_MS,
    retentionCheckIntervalMs: n('log.retention.check.interval.ms'),
    cleanupPolicy: parsePolicy(pick(c, 'log.cleanup.policy', BROKER_KEYS, parseList)),
    cleanerBackoffMs: n('log.cleaner.backoff.ms'),
    replicaLagTimeMaxMs: n('replica.lag.time.max.ms'),
    numIoThreads: n('num.io.threads'),
    groupMinSessionTimeoutMs: n('group.min.session.timeout.ms'),
    groupMaxSessionTimeoutMs: n('group.max.session.timeout.ms'),
    groupInitialRebalanceDelayMs: n('group.initial.rebalance.delay.ms'),
    messageMaxBytes: n('message.max.bytes'),
    autoLeaderRebalance: flag('auto.leader.rebalance.enable'),
    leaderImbalanceCheckIntervalMs: n('leader.imbalance.check.interval.seconds') * 1000,
    brokerSessionTimeoutMs: n('broker.session.timeout.ms'),
    transactionMaxTimeoutMs: n('transaction.max.timeout.ms'),
  };
}

/** Topic-level keys fall back to the broker's server.properties, as in Kafka. */
export function normalizeTopic(name: string, raw: unknown, broker: BrokerSettings, declared: boolean): TopicSettings {
  const t = asObj(raw);
  const c = asObj(t.config);
  const num = (k: string, inherited: number) => parseNumber(c[k]) ?? inherited;
  const policy = parseList(c['cleanup.policy']);
  return {
    name,
    partitions: Math.max(1, Math.round(parseNumber(t.partitions) ?? broker.numPartitions)),
    replicationFactor: Math.max(1, Math.round(parseNumber(t['replication.factor']) ?? broker.defaultReplicationFactor)),
    retentionMs: num('retention.ms', broker.retentionMs),
    retentionBytes: num('retention.bytes', broker.retentionBytes),
    segmentBytes: num('segment.bytes', broker.segmentBytes),
    segmentMs: num('segment.ms', broker.segmentMs),
    cleanupPolicy: policy ? parsePolicy(policy) : broker.cleanupPolicy,
    minInsyncReplicas: num('min.insync.replicas', broker.minInsyncReplicas),
    uncleanLeaderElection: parseBoolean(c['unclean.leader.election.enable']) ?? broker.uncleanLeaderElection,
    maxMessageBytes: num('max.message.bytes', broker.messageMaxBytes),
    minCleanableDirtyRatio: num('min.cleanable.dirty.ratio', TOPIC_KEYS['min.cleanable.dirty.ratio'].default as number),
    declared,
  };
}

/** Idempotence as KafkaProducer 3.9 resolves it (ProducerConfig.postProcessAndValidateIdempotenceConfigs). */
export function resolveIdempotence(props: Raw): { enabled: boolean; explicit: boolean; conflicts: string[] } {
  const explicit = props['enable.idempotence'] !== undefined && props['enable.idempotence'] !== null;
  const requested = pick(props, 'enable.idempotence', PRODUCER_KEYS, parseBoolean);
  if (!requested) return { enabled: false, explicit, conflicts: [] };
  const conflicts: string[] = [];
  if (pick(props, 'retries', PRODUCER_KEYS, parseNumber) === 0) conflicts.push('retries');
  if (parseAcks(props.acks ?? 'all') !== 'all') conflicts.push('acks');
  if (pick(props, 'max.in.flight.requests.per.connection', PRODUCER_KEYS, parseNumber) > 5) conflicts.push('max.in.flight.requests.per.connection');
  return { enabled: conflicts.length === 0, explicit, conflicts };
}

export function normalizeProducer(name: string, raw: unknown): ProducerSettings {
  const p = asObj(raw);
  const c = asObj(p.config);
  const n = (k: string) => pick(c, k, PRODUCER_KEYS, parseNumber);
  const partitionerClass = parseString(c['partitioner.class']);
  const lingerMs = n('linger.ms');
  const requestTimeoutMs = n('request.timeout.ms');
  // KafkaProducer.configureDeliveryTimeout: an unset delivery.timeout.ms below linger + request timeout is raised to it.
  const deliveryExplicit = c['delivery.timeout.ms'] !== undefined && c['delivery.timeout.ms'] !== null;
  const delivery = n('delivery.timeout.ms');
  const key = p.key === null || p.key === undefined ? null : parseString(p.key) || null;
  return {
    name,
    instances: Math.max(0, Math.round(parseNumber(p.instances) ?? 1)),
    topic: parseString(p.topic) ?? '',
    key: key === 'null' || key === '~' ? null : key,
    acks: parseAcks(c.acks ?? PRODUCER_KEYS.acks.default),
    lingerMs,
    batchSize: n('batch.size'),
    compression: pick(c, 'compression.type', PRODUCER_KEYS, parseString) as Codec,
    retries: n('retries'),
    deliveryTimeoutMs: !deliveryExplicit && delivery < lingerMs + requestTimeoutMs ? lingerMs + requestTimeoutMs : delivery,
    requestTimeoutMs,
    maxInFlight: n('max.in.flight.requests.per.connection'),
    idempotence: resolveIdempotence(c).enabled,
    transactionalId: parseString(c['transactional.id']) || null,
    transactionTimeoutMs: n('transaction.timeout.ms'),
    bufferMemory: n('buffer.memory'),
    maxBlockMs: n('max.block.ms'),
    maxRequestSize: n('max.request.size'),
    partitioner: partitionerClass === PARTITIONERS.roundRobin ? 'round-robin' : partitionerClass === PARTITIONERS.uniformSticky ? 'uniform-sticky' : 'builtin',
    ignoreKeys: pick(c, 'partitioner.ignore.keys', PRODUCER_KEYS, parseBoolean),
    retryBackoffMs: n('retry.backoff.ms'),
    retryBackoffMaxMs: n('retry.backoff.max.ms'),
    metadataMaxAgeMs: n('metadata.max.age.ms'),
    written: written(c),
  };
}

const ASSIGNOR_BY_CLASS = new Map<string, AssignorName>(
  Object.entries(ASSIGNORS).flatMap(([short, cls]) => [[cls, short as AssignorName], [short, short as AssignorName]]),
);

export function normalizeConsumer(group: string, raw: unknown): ConsumerSettings {
  const g = asObj(raw);
  const c = asObj(g.config);
  const n = (k: string) => pick(c, k, CONSUMER_KEYS, parseNumber);
  const strategies = pick(c, 'partition.assignment.strategy', CONSUMER_KEYS, parseList)
    .map((s) => ASSIGNOR_BY_CLASS.get(s))
    .filter((s): s is AssignorName => s !== undefined);
  const assignors: AssignorName[] = strategies.length > 0 ? strategies : ['range', 'cooperative-sticky'];
  return {
    group,
    instances: Math.max(0, Math.round(parseNumber(g.instances) ?? 1)),
    topics: parseList(g.topics) ?? [],
    maxPollRecords: n('max.poll.records'),
    maxPollIntervalMs: n('max.poll.interval.ms'),
    sessionTimeoutMs: n('session.timeout.ms'),
    heartbeatIntervalMs: n('heartbeat.interval.ms'),
    autoOffsetReset: pick(c, 'auto.offset.reset', CONSUMER_KEYS, parseString) as ConsumerSettings['autoOffsetReset'],
    enableAutoCommit: pick(c, 'enable.auto.commit', CONSUMER_KEYS, parseBoolean),
    autoCommitIntervalMs: n('auto.commit.interval.ms'),
    isolationLevel: pick(c, 'isolation.level', CONSUMER_KEYS, parseString) as ConsumerSettings['isolationLevel'],
    assignor: assignors[0],
    protocol: assignors.every((a) => a === 'cooperative-sticky') ? 'cooperative' : 'eager',
    fetchMinBytes: n('fetch.min.bytes'),
    fetchMaxWaitMs: n('fetch.max.wait.ms'),
    fetchMaxBytes: n('fetch.max.bytes'),
    maxPartitionFetchBytes: n('max.partition.fetch.bytes'),
    groupInstanceId: parseString(c['group.instance.id']) || null,
    metadataMaxAgeMs: n('metadata.max.age.ms'),
    written: written(c),
    output: g.output === undefined || g.output === null ? null : normalizeProducer(group, { ...asObj(g.output), instances: 1 }),
  };
}

/** Topics clients refer to that the file does not declare: auto-created when the broker allows it. */
export function referencedTopics(producers: Record<string, ProducerSettings>, consumers: Record<string, ConsumerSettings>): string[] {
  const names = new Set<string>();
  for (const p of Object.values(producers)) if (p.topic) names.add(p.topic);
  for (const c of Object.values(consumers)) {
    for (const t of c.topics) names.add(t);
    if (c.output?.topic) names.add(c.output.topic);
  }
  return [...names];
}

export function normalizeConfig(raw: unknown): KafkaConfig {
  const r = asObj(raw);
  const brokers = normalizeBroker(r.brokers);
  const producers: Record<string, ProducerSettings> = {};
  for (const [name, v] of Object.entries(asObj(r.producers))) producers[name] = normalizeProducer(name, v);
  const consumers: Record<string, ConsumerSettings> = {};
  for (const [name, v] of Object.entries(asObj(r.consumers))) consumers[name] = normalizeConsumer(name, v);
  const topics: Record<string, TopicSettings> = {};
  for (const [name, v] of Object.entries(asObj(r.topics))) topics[name] = normalizeTopic(name, v, brokers, true);
  if (brokers.autoCreateTopics) {
    for (const name of referencedTopics(producers, consumers)) {
      if (!topics[name]) topics[name] = normalizeTopic(name, {}, brokers, false);
    }
  }
  return { brokers, topics, producers, consumers };
}
