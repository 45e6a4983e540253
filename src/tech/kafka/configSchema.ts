// The player's config file for Apache Kafka 3.9: real keys, real defaults, real ranges.
// Sources: ProducerConfig, ConsumerConfig, TopicConfig / LogConfig and ServerConfigs / KafkaConfig
// of Apache Kafka 3.9. Docs are paraphrased. Where Kafka 4.0 changed a default it says so.
import type { KeySpec, ObjectNode, PropertiesNode } from '../../engine/types';

const INT_MAX = 2147483647;

export const ASSIGNORS = {
  range: 'org.apache.kafka.clients.consumer.RangeAssignor',
  roundrobin: 'org.apache.kafka.clients.consumer.RoundRobinAssignor',
  sticky: 'org.apache.kafka.clients.consumer.StickyAssignor',
  'cooperative-sticky': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
} as const;

export const PARTITIONERS = {
  roundRobin: 'org.apache.kafka.clients.producer.RoundRobinPartitioner',
  uniformSticky: 'org.apache.kafka.clients.producer.UniformStickyPartitioner',
  legacyDefault: 'org.apache.kafka.clients.producer.internals.DefaultPartitioner',
} as const;

export const PRODUCER_KEYS: Record<string, KeySpec> = {
  acks: {
    type: 'string', default: 'all', values: ['all', '-1', '0', '1'],
    doc: 'Acknowledgements the leader waits for before answering. 0 = no answer at all, 1 = the leader wrote it, all (-1) = every in-sync replica has it. Default all since Kafka 3.0.',
  },
  'linger.ms': {
    type: 'long', default: 0, min: 0, unit: 'ms',
    doc: 'How long the producer waits for more records before sending a partly filled batch. 0 in Kafka 3.9 (5 since Kafka 4.0). Under load, batches form anyway while requests are in flight.',
  },
  'batch.size': {
    type: 'int', default: 16384, min: 0, unit: 'bytes',
    doc: 'Upper bound of one partition batch. A request carries at most one batch per partition, so this caps how much one request moves for a partition.',
  },
  'compression.type': {
    type: 'string', default: 'none', values: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
    doc: 'Codec applied to whole batches: bigger batches compress better. Costs producer CPU (gzip most, lz4 least).',
  },
  retries: {
    type: 'int', default: INT_MAX, min: 0, max: INT_MAX,
    doc: 'How often a batch that failed with a retriable error is resent, bounded by delivery.timeout.ms. 0 turns automatic retries off.',
  },
  'delivery.timeout.ms': {
    type: 'int', default: 120000, min: 0, unit: 'ms',
    doc: 'Upper bound from send() to success or failure, including time in the buffer, in flight and retrying. Must be >= linger.ms + request.timeout.ms.',
  },
  'request.timeout.ms': {
    type: 'int', default: 30000, min: 0, unit: 'ms',
    doc: 'How long the producer waits for the broker to answer. Then it gives up on the request and retries it (the broker may still have written it).',
  },
  'max.in.flight.requests.per.connection': {
    type: 'int', default: 5, min: 1, unit: 'requests',
    doc: 'Unanswered requests allowed per broker connection. Above 1 without idempotence, a retried batch can land after a later one (reordering). Idempotence needs <= 5.',
  },
  'enable.idempotence': {
    type: 'boolean', default: true,
    doc: 'Broker-side de-duplication of retried batches by producer id and sequence number. On by default; silently turned off when acks, retries or max.in.flight conflict and it was not set explicitly.',
  },
  'transactional.id': {
    type: 'string',
    doc: 'Turns on transactions. Records become visible to read_committed consumers only when their transaction commits. Requires idempotence.',
  },
  'transaction.timeout.ms': {
    type: 'int', default: 60000, unit: 'ms',
    doc: 'How long a transaction may stay open before the coordinator aborts it. Must not exceed the broker transaction.max.timeout.ms.',
  },
  'buffer.memory': {
    type: 'long', default: 33554432, min: 0, unit: 'bytes',
    doc: 'Memory for records waiting to be sent. When full, send() blocks up to max.block.ms, then throws.',
  },
  'max.block.ms': {
    type: 'long', default: 60000, min: 0, unit: 'ms',
    doc: 'How long send() may block waiting for buffer memory or metadata before it throws a TimeoutException.',
  },
  'max.request.size': {
    type: 'int', default: 1048576, min: 0, unit: 'bytes',
    doc: 'Largest request the producer sends; also the largest single record it accepts.',
  },
  'partitioner.class': {
    type: 'class', values: [PARTITIONERS.roundRobin, PARTITIONERS.uniformSticky, PARTITIONERS.legacyDefault],
    doc: 'Custom partitioner; unset = the built-in one. Built-in: murmur2(key) % partitions for keyed records, sticky batches for keyless ones. RoundRobinPartitioner ignores keys and rotates per record.',
  },
  'partitioner.ignore.keys': {
    type: 'boolean', default: false,
    doc: 'When true the built-in partitioner ignores keys and treats every record as keyless (sticky).',
  },
  'partitioner.adaptive.partitioning.enable': {
    type: 'boolean', default: true, inert: true,
    doc: 'Lets the sticky partitioner favour partitions on faster brokers. Not modelled: keyless records spread uniformly here.',
  },
  'retry.backoff.ms': {
    type: 'long', default: 100, min: 0, unit: 'ms',
    doc: 'Initial wait before resending a failed batch (grows exponentially up to retry.backoff.max.ms).',
  },
  'retry.backoff.max.ms': {
    type: 'long', default: 1000, min: 0, unit: 'ms',
    doc: 'Upper bound of the exponential retry backoff.',
  },
  'metadata.max.age.ms': {
    type: 'long', default: 300000, min: 0, unit: 'ms',
    doc: 'Metadata is refreshed at least this often; new partitions are only used after a refresh (or a restart).',
  },
};

export const CONSUMER_KEYS: Record<string, KeySpec> = {
  'max.poll.records': {
    type: 'int', default: 500, min: 1, unit: 'records',
    doc: 'Most records one poll() returns. Each poll costs the application its per-batch overhead (commit, DB transaction).',
  },
  'max.poll.interval.ms': {
    type: 'int', default: 300000, min: 1, unit: 'ms',
    doc: 'Longest allowed gap between poll() calls. Exceeded: the member leaves the group, its partitions move and uncommitted records are redelivered.',
  },
  'session.timeout.ms': {
    type: 'int', default: 45000, unit: 'ms',
    doc: 'How long the coordinator waits for heartbeats before removing a member. Heartbeats come from a background thread: this detects crashed processes, not slow processing.',
  },
  'heartbeat.interval.ms': {
    type: 'int', default: 3000, unit: 'ms',
    doc: 'How often the background thread heartbeats. Members learn of a rebalance from a heartbeat answer. Must be lower than session.timeout.ms (typically a third of it).',
  },
  'auto.offset.reset': {
    type: 'string', default: 'latest', values: ['latest', 'earliest', 'none'],
    doc: 'Where a group starts without a committed offset (or with an out-of-range one). latest skips existing records, earliest reads them, none fails.',
  },
  'enable.auto.commit': {
    type: 'boolean', default: true,
    doc: 'Commit offsets automatically every auto.commit.interval.ms. The commit happens inside poll(), for records returned by earlier polls. When false this app commits with commitSync() after each batch.',
  },
  'auto.commit.interval.ms': {
    type: 'int', default: 5000, min: 0, unit: 'ms',
    doc: 'How often offsets are auto-committed when enable.auto.commit is true.',
  },
  'isolation.level': {
    type: 'string', default: 'read_uncommitted', values: ['read_committed', 'read_uncommitted'],
    doc: 'Which transactional records a consumer sees. read_committed: only committed ones, up to the last stable offset; read_uncommitted: everything up to the high watermark.',
  },
  'partition.assignment.strategy': {
    type: 'list', default: [ASSIGNORS.range, ASSIGNORS['cooperative-sticky']],
    values: Object.values(ASSIGNORS),
    doc: 'Assignors in order of preference. The default list makes the group use RangeAssignor with eager (stop-the-world) rebalances; only CooperativeStickyAssignor alone gives incremental rebalances.',
  },
  'fetch.min.bytes': {
    type: 'int', default: 1, min: 0, unit: 'bytes',
    doc: 'The broker holds a fetch until this much data is available or fetch.max.wait.ms passes.',
  },
  'fetch.max.wait.ms': {
    type: 'int', default: 500, min: 0, unit: 'ms',
    doc: 'Longest the broker holds a fetch waiting for fetch.min.bytes.',
  },
  'fetch.max.bytes': {
    type: 'int', default: 52428800, min: 0, unit: 'bytes', inert: true,
    doc: 'Most data one fetch response returns across partitions. Not modelled: fetch sizes never limit throughput here.',
  },
  'max.partition.fetch.bytes': {
    type: 'int', default: 1048576, min: 0, unit: 'bytes', inert: true,
    doc: 'Most data one fetch returns per partition. Not modelled: fetch sizes never limit throughput here.',
  },
  'group.instance.id': {
    type: 'string',
    doc: 'Static membership id. An instance that restarts within session.timeout.ms keeps its partitions without a rebalance. Each instance appends its ordinal (as a StatefulSet pod name would).',
  },
  'metadata.max.age.ms': {
    type: 'long', default: 300000, min: 0, unit: 'ms',
    doc: 'Metadata is refreshed at least this often; the group notices new partitions after a refresh.',
  },
};

export const TOPIC_KEYS: Record<string, KeySpec> = {
  'cleanup.policy': {
    type: 'list', default: ['delete'], values: ['delete', 'compact'],
    doc: 'delete: old segments are removed by retention.ms / retention.bytes. compact: only the latest record per key is kept (records without a key are rejected).',
  },
  'retention.ms': {
    type: 'long', default: 604800000, min: -1, unit: 'ms',
    doc: 'A closed segment is deleted once its newest record is older than this (-1 = forever). Inherits log.retention.* when unset.',
  },
  'retention.bytes': {
    type: 'long', default: -1, unit: 'bytes',
    doc: 'Per-partition size limit: oldest segments are deleted while the partition is larger (-1 = no limit). Inherits log.retention.bytes.',
  },
  'segment.bytes': {
    type: 'int', default: 1073741824, min: 14, unit: 'bytes',
    doc: 'Size at which the active segment is closed and a new one started. Retention and compaction work on closed segments.',
  },
  'segment.ms': {
    type: 'long', default: 604800000, min: 1, unit: 'ms',
    doc: 'Age at which the active segment is rolled even if not full.',
  },
  'min.insync.replicas': {
    type: 'int', default: 1, min: 1, unit: 'replicas',
    doc: 'With acks=all, a write is refused (NotEnoughReplicas) when fewer replicas than this are in sync. Inherits the broker setting.',
  },
  'unclean.leader.election.enable': {
    type: 'boolean', default: false,
    doc: 'Allow an out-of-sync replica to become leader. When no in-sync replica is alive the partition comes back, but records the new leader did not have are lost.',
  },
  'max.message.bytes': {
    type: 'int', default: 1048588, min: 0, unit: 'bytes',
    doc: 'Largest record batch (after compression) the broker accepts for this topic.',
  },
  'min.cleanable.dirty.ratio': {
    type: 'double', default: 0.5, min: 0, max: 1,
    doc: 'Compaction starts when the uncompacted part of the log is at least this share of it.',
  },
  'delete.retention.ms': {
    type: 'long', default: 86400000, min: 0, unit: 'ms', inert: true,
    doc: 'How long tombstones stay in a compacted topic. Not modelled (no tombstones here).',
  },
  'compression.type': {
    type: 'string', default: 'producer', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'], inert: true,
    doc: 'Broker-side codec; producer keeps what the producer sent. Not modelled: treated as producer.',
  },
};

export const BROKER_KEYS: Record<string, KeySpec> = {
  'min.insync.replicas': { ...TOPIC_KEYS['min.insync.replicas'], doc: 'Default min.insync.replicas for topics that do not set it.' },
  'unclean.leader.election.enable': { ...TOPIC_KEYS['unclean.leader.election.enable'], doc: 'Default for topics that do not set it: may an out-of-sync replica become leader (losing records)?' },
  'auto.create.topics.enable': {
    type: 'boolean', default: true,
    doc: 'Create a topic when a client first asks for it, with num.partitions and default.replication.factor.',
  },
  'default.replication.factor': {
    type: 'int', default: 1, min: 1, unit: 'replicas',
    doc: 'Replication factor of auto-created topics.',
  },
  'num.partitions': {
    type: 'int', default: 1, min: 1, unit: 'partitions',
    doc: 'Partition count of auto-created topics.',
  },
  'log.retention.hours': {
    type: 'int', default: 168, unit: 'hours',
    doc: 'Default retention time (log.retention.ms, when set, takes precedence).',
  },
  'log.retention.ms': {
    type: 'long', min: -1, unit: 'ms',
    doc: 'Default retention time in ms; overrides log.retention.hours. -1 = forever.',
  },
  'log.retention.bytes': {
    type: 'long', default: -1, unit: 'bytes',
    doc: 'Default per-partition size limit (-1 = none).',
  },
  'log.segment.bytes': {
    type: 'int', default: 1073741824, min: 14, unit: 'bytes',
    doc: 'Default segment size.',
  },
  'log.roll.hours': {
    type: 'int', default: 168, min: 1, unit: 'hours',
    doc: 'Default age at which a segment is rolled.',
  },
  'log.retention.check.interval.ms': {
    type: 'long', default: 300000, min: 1, unit: 'ms',
    doc: 'How often the broker looks for segments to delete: retention acts in steps of this interval.',
  },
  'log.cleanup.policy': {
    type: 'list', default: ['delete'], values: ['delete', 'compact'],
    doc: 'Default cleanup.policy of topics.',
  },
  'log.cleaner.backoff.ms': {
    type: 'long', default: 15000, min: 0, unit: 'ms',
    doc: 'How long the log cleaner sleeps when no log is dirty enough to compact.',
  },
  'replica.lag.time.max.ms': {
    type: 'long', default: 30000, unit: 'ms',
    doc: 'A follower that has not caught up with the leader for this long is removed from the ISR.',
  },
  'num.io.threads': {
    type: 'int', default: 8, min: 1, unit: 'threads',
    doc: 'Request handler threads per broker. More threads than CPU cores add nothing.',
  },
  'group.min.session.timeout.ms': {
    type: 'int', default: 6000, unit: 'ms',
    doc: 'Smallest session.timeout.ms a consumer may ask for.',
  },
  'group.max.session.timeout.ms': {
    type: 'int', default: 1800000, unit: 'ms',
    doc: 'Largest session.timeout.ms a consumer may ask for.',
  },
  'group.initial.rebalance.delay.ms': {
    type: 'int', default: 3000, min: 0, unit: 'ms',
    doc: 'When members join an empty group, the coordinator waits this long for more before the first assignment.',
  },
  'message.max.bytes': {
    type: 'int', default: 1048588, min: 0, unit: 'bytes',
    doc: 'Default max.message.bytes of topics.',
  },
  'auto.leader.rebalance.enable': {
    type: 'boolean', default: true,
    doc: 'Periodically move leadership back to the preferred replica (the first one) once it is in sync again.',
  },
  'leader.imbalance.check.interval.seconds': {
    type: 'long', default: 300, min: 1, unit: 's',
    doc: 'How often the controller checks for leadership to move back to preferred replicas.',
  },
  'broker.session.timeout.ms': {
    type: 'int', default: 9000, unit: 'ms',
    doc: 'KRaft: silence after which the controller fences a broker. The partitions it led get new leaders and it leaves every ISR.',
  },
  'transaction.max.timeout.ms': {
    type: 'int', default: 900000, min: 1, unit: 'ms',
    doc: 'Largest transaction.timeout.ms a producer may use.',
  },
};

const properties = (owner: string, doc: string, keys: Record<string, KeySpec>): PropertiesNode => ({ kind: 'properties', doc, owner, keys });
const value = (spec: KeySpec) => ({ kind: 'value' as const, spec });

export const configSchema: ObjectNode = {
  kind: 'object',
  doc: 'A Kafka 3.9 cluster (KRaft mode), its topics and the applications that produce and consume.',
  required: ['brokers'],
  fields: {
    brokers: {
      kind: 'object',
      doc: 'The broker fleet and its server.properties.',
      required: ['instances'],
      fields: {
        instances: value({ type: 'int', min: 1, max: 12, unit: 'brokers', doc: 'Number of brokers (ids 1..n). Each hosts replicas of every topic with replication.factor spread round-robin.' }),
        config: properties('KafkaConfig', 'server.properties settings shared by all brokers.', BROKER_KEYS),
      },
    },
    topics: {
      kind: 'map', doc: 'Topics (kafka-topics --create / --alter).', entryName: 'topic name', namePattern: '^[a-zA-Z0-9._-]{1,249}$',
      values: {
        kind: 'object', doc: 'One topic.', required: ['partitions'],
        fields: {
          partitions: value({ type: 'int', min: 1, max: 1000, unit: 'partitions', doc: 'Partition count. Can only grow; existing records do not move.' }),
          'replication.factor': value({ type: 'int', min: 1, max: 32767, unit: 'replicas', doc: 'Copies of each partition, on different brokers. Unset: default.replication.factor.' }),
          config: properties('TopicConfig', 'Topic-level overrides (kafka-configs --entity-type topics).', TOPIC_KEYS),
        },
      },
    },
    producers: {
      kind: 'map', doc: 'Producing applications (their KafkaProducer settings).', entryName: 'application name',
      values: {
        kind: 'object', doc: 'One producing application.', required: ['topic'],
        fields: {
          instances: value({ type: 'int', default: 1, min: 0, max: 50, unit: 'instances', doc: 'Running instances; they share the application traffic.' }),
          topic: value({ type: 'string', doc: 'Topic the application writes to.' }),
          key: value({ type: 'string', doc: 'Record field used as the Kafka key (null = no key). Same key, same partition.' }),
          config: properties('ProducerConfig', 'KafkaProducer properties.', PRODUCER_KEYS),
        },
      },
    },
    consumers: {
      kind: 'map', doc: 'Consumer groups (group.id = the entry name) and their KafkaConsumer settings.', entryName: 'group.id',
      values: {
        kind: 'object', doc: 'One consuming application = one consumer group.', required: ['topics'],
        fields: {
          instances: value({ type: 'int', default: 1, min: 0, max: 100, unit: 'instances', doc: 'Running consumer instances (group members).' }),
          topics: value({ type: 'list', doc: 'Topics the group subscribes to.' }),
          config: properties('ConsumerConfig', 'KafkaConsumer properties.', CONSUMER_KEYS),
          output: {
            kind: 'object', required: ['topic'],
            doc: 'Read-process-write: the application sends one record per processed record with its own KafkaProducer, and commits its input offsets after those sends are acknowledged (flush, then commitSync), or inside the transaction when transactional.id is set (sendOffsetsToTransaction).',
            fields: {
              topic: value({ type: 'string', doc: 'Topic the application writes its results to.' }),
              key: value({ type: 'string', doc: 'Output field used as the Kafka key (null = no key).' }),
              config: properties('ProducerConfig', "The application's KafkaProducer properties. A transactional.id gets the instance number appended, as every process needs its own.", PRODUCER_KEYS),
            },
          },
        },
      },
    },
  },
};
