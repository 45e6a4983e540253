// What can happen to a Kafka world. Incidents change the world (load, hardware, processes),
// never a metric: the model computes the consequences.
import type { ChartSpec, IncidentSpec, MetricSpec } from '../../engine/types';
import { STANDARD_METRICS } from '../../engine/types';

export const INCIDENTS: Record<string, IncidentSpec> = {
  'traffic-spike': {
    doc: 'The producing application receives `factor` times its usual traffic (all applications when no target).',
    target: 'producer',
    params: { factor: { type: 'double', default: 2, min: 0, doc: 'Multiplier of records per second.' } },
  },
  'broker-crash': {
    doc: 'A broker process dies (no controlled shutdown). It comes back when the incident has a duration.',
    target: 'broker',
    params: { broker: { type: 'int', min: 1, doc: 'Broker id (1..n); the target may name it instead.' } },
  },
  'rolling-broker-crash': {
    doc: 'Broker hosts are hard-rebooted one after another (maintenance, a chaos experiment): every `everySeconds` the next broker dies without a controlled shutdown and is back `downSeconds` later. The first one goes down `firstAfterSeconds` after the incident starts.',
    params: {
      firstAfterSeconds: { type: 'double', default: 0, min: 0, unit: 's', doc: 'Time from the start of the incident to the first crash.' },
      everySeconds: { type: 'double', default: 30, min: 1, unit: 's', doc: 'Time between two crashes.' },
      downSeconds: { type: 'double', default: 15, min: 0, unit: 's', doc: 'How long each broker stays down.' },
      broker: { type: 'int', default: 1, min: 1, doc: 'Broker id that goes first; the others follow in id order.' },
    },
  },
  'consumer-crash': {
    doc: 'One instance of a consuming application dies without leaving the group. It restarts when the incident has a duration.',
    target: 'consumer-group',
    params: { instance: { type: 'int', default: 0, min: 0, doc: 'Instance index (0 = first).' } },
  },
  'consumer-crash-loop': {
    doc: 'One instance of a consuming application keeps dying (a memory leak, an OOM kill): it crashes `firstAfterSeconds` after the incident starts and again every `everySeconds`, without leaving the group, and its process is restarted `downSeconds` after each crash.',
    target: 'consumer-group',
    params: {
      firstAfterSeconds: { type: 'double', default: 0, min: 0, unit: 's', doc: 'Time from the start of the incident to the first crash.' },
      instance: { type: 'int', default: 0, min: 0, doc: 'Instance index (0 = first).' },
      everySeconds: { type: 'double', default: 30, min: 1, unit: 's', doc: 'Time between two crashes.' },
      downSeconds: { type: 'double', default: 5, min: 0, unit: 's', doc: 'Time until the process is started again (it then needs its startup time).' },
    },
  },
  'slow-processing': {
    doc: 'Processing in a consuming application gets `factor` times slower (a slow database, a cold cache).',
    target: 'consumer-group',
    params: { factor: { type: 'double', default: 3, min: 0.01, doc: 'Multiplier of per-record and per-batch cost.' } },
  },
  'disk-fill': {
    doc: 'Something else fills the broker disk by `gb` (a log file, a core dump). Freed when the incident ends.',
    target: 'broker',
    params: {
      gb: { type: 'double', default: 10, min: 0, unit: 'GB', doc: 'Space taken.' },
      broker: { type: 'int', min: 1, doc: 'Broker id; all brokers when absent.' },
    },
  },
  'network-latency': {
    doc: 'Round trips to a broker (all when no target) get `ms` slower.',
    target: 'broker',
    params: {
      ms: { type: 'double', default: 50, min: 0, unit: 'ms', doc: 'Added round trip time.' },
      broker: { type: 'int', min: 1, doc: 'Broker id; all brokers when absent.' },
    },
  },
  'consumer-restart': {
    doc: 'A deploy restarts every instance of the consuming application, one after another.',
    target: 'consumer-group',
    params: {},
  },
  'producer-retry-storm': {
    doc: 'A broker (all when no target) still writes produce requests but answers `stallMs` late (long GC or disk stalls): producers time out and retry.',
    target: 'broker',
    params: {
      stallMs: { type: 'double', default: 35000, min: 0, unit: 'ms', doc: 'Delay before the answer.' },
      broker: { type: 'int', min: 1, doc: 'Broker id; all brokers when absent.' },
    },
  },
  'producer-crash': {
    doc: 'A producing application process dies and is restarted: records still in its buffer are lost; with transactions, the restarted producer aborts the transactions left open.',
    target: 'producer',
    params: {},
  },
};

export const METRICS: readonly MetricSpec[] = [
  ...STANDARD_METRICS,
  { name: 'group.{group}.lag', unit: 'records', doc: 'Log end offset minus committed offset, summed over partitions (kafka-consumer-groups LAG)' },
  { name: 'group.{group}.members', unit: 'members', doc: 'Members in the current generation' },
  { name: 'group.{group}.idle', unit: 'members', doc: 'Running members with no partition assigned' },
  { name: 'group.{group}.instances', unit: 'instances', doc: 'Configured instances of the application' },
  { name: 'group.{group}.rebalances', unit: 'count', doc: 'Rebalances since the start' },
  { name: 'group.{group}.rebalancing', unit: '0/1', doc: '1 while a rebalance is in progress' },
  { name: 'group.{group}.throughput', unit: 'records/s', doc: 'First-time deliveries per second (1 s average)' },
  { name: 'group.{group}.duplicates', unit: 'records', doc: 'Records processed more than once by the group (cumulative)' },
  { name: 'group.{group}.lost', unit: 'records', doc: 'Records this group will never process (cumulative)' },
  { name: 'group.{group}.out_of_order', unit: 'records', doc: 'Records this group processed before an earlier record of the same key or entity (cumulative)' },
  { name: 'group.{group}.duplicates_1m', unit: 'records', doc: 'Duplicates this group processed in the last minute' },
  { name: 'group.{group}.lost_1m', unit: 'records', doc: 'Records this group lost for good in the last minute' },
  { name: 'group.{group}.out_of_order_1m', unit: 'records', doc: 'Records this group processed out of order in the last minute' },
  { name: 'group.{group}.latency_p99', unit: 'ms', doc: 'p99 of produce-to-processed latency for this group (last 5 s)' },
  { name: 'topic.{topic}.bytes', unit: 'bytes', doc: 'Bytes in the partition logs (leaders)' },
  { name: 'topic.{topic}.partitions', unit: 'partitions', doc: 'Partition count' },
  { name: 'topic.{topic}.under_replicated', unit: 'partitions', doc: 'Partitions whose ISR is smaller than the replica set' },
  { name: 'topic.{topic}.under_min_isr', unit: 'partitions', doc: 'Partitions with a leader but fewer in-sync replicas than min.insync.replicas: acks=all writes fail (UnderMinIsrPartitionCount)' },
  { name: 'topic.{topic}.offline', unit: 'partitions', doc: 'Partitions without a leader' },
  { name: 'topic.{topic}.hot_partition_share', unit: '%', doc: 'Share of the last second of writes that went to the busiest partition' },
  { name: 'producer.{producer}.throughput', unit: 'records/s', doc: 'Records acknowledged per second (1 s average)' },
  { name: 'producer.{producer}.errors', unit: 'records/s', doc: 'Records failing (an attempt or for good) per second' },
  { name: 'producer.{producer}.batch_size_avg', unit: 'bytes', doc: 'Average batch size on the wire (batch-size-avg)' },
  { name: 'producer.{producer}.requests', unit: 'requests/s', doc: 'Produce requests per second' },
  { name: 'producer.{producer}.buffer_used', unit: '%', doc: 'Share of buffer.memory in use' },
  { name: 'producer.{producer}.blocked', unit: 'records', doc: 'Records waiting inside send() for buffer memory or metadata' },
  { name: 'producer.{producer}.instances', unit: 'instances', doc: 'Configured instances of the application' },
  { name: 'broker.network_in', unit: 'MB/s', doc: 'Produce traffic into all brokers (1 s average)' },
  { name: 'broker.{id}.disk_used', unit: '%', doc: 'Disk used on the broker' },
  { name: 'broker.{id}.request_queue_ms', unit: 'ms', doc: 'Time a new request waits in the broker queue' },
  { name: 'brokers.up', unit: 'brokers', doc: 'Brokers serving' },
  { name: 'ledger.lost', unit: 'records', doc: 'Records that a group (or, for an unread topic, the topic) will never get, summed over flows; added by the kernel from the ledger' },
  { name: 'ledger.duplicates', unit: 'records', doc: 'Extra deliveries (redelivery after a rebalance or crash, duplicate copies written by retries), summed over flows' },
  { name: 'ledger.out_of_order', unit: 'records', doc: 'Records processed before an earlier record of the same key or entity, summed over flows' },
  { name: 'ledger.lost_1m', unit: 'records', doc: 'Increase of ledger.lost over the last minute' },
  { name: 'ledger.duplicates_1m', unit: 'records', doc: 'Increase of ledger.duplicates over the last minute' },
  { name: 'ledger.out_of_order_1m', unit: 'records', doc: 'Increase of ledger.out_of_order over the last minute' },
  { name: 'lag.{group}', unit: 'records', doc: 'Same as group.{group}.lag (chart series)' },
  { name: 'consumed.{group}', unit: 'records/s', doc: 'Same as group.{group}.throughput (chart series)' },
];

export const CHARTS: readonly ChartSpec[] = [
  { id: 'consumer-lag', title: 'Consumer lag', unit: 'records', series: [{ prefix: 'lag.' }] },
  { id: 'consumed', title: 'Processed per group', unit: 'records/s', series: [{ prefix: 'consumed.' }] },
];
