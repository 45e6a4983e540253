// The workload and hardware of a Kafka scenario: shown to the player, never editable.
import type { KeySpec, ObjectNode } from '../../engine/types';

export type Codec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const CODECS: readonly Codec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export interface BrokerHardware {
  networkMBps: number;
  diskMBps: number;
  diskGB: number;
  /** Client <-> broker round trip (also broker <-> broker). */
  rttMs: number;
  cores: number;
  /** Broker CPU per produce request, whatever its size (parsing, locking, response). */
  requestCpuMs: number;
}

export interface ProducerWorld {
  /** Total records per second of the whole application (all instances share it). */
  recordsPerSecond: number;
  recordBytes: number;
  /** Fields the application could use as key, with how many distinct values each has. */
  keys: Record<string, number>;
  /** Per key field: share of records carrying its single most common value (0 or absent = uniform). */
  hotKeys: Record<string, number>;
  /**
   * Fields that keep each entity's events in order when used as key: the entity id first
   * (ride_id), then coarser fields every entity maps to exactly one value of (city). Empty: order
   * does not matter to the consumers.
   */
  orderingKeys: string[];
  /** Compressed size / raw size per codec for this payload (full batches). */
  compressibility: Record<Codec, number>;
  /** Records per transaction when the application runs transactions (transactional.id set). */
  transactionRecords: number;
  /** Seconds after the start when the application begins sending. */
  startAt: number;
}

export interface ConsumerWorld {
  /** Processing cost per record (business logic). */
  recordMs: number;
  /** Cost per poll batch: the application's DB transaction and bookkeeping. */
  pollOverheadMs: number;
  /** sync: process in the poll loop. async: hand records to worker threads and poll again at once. */
  processing: 'sync' | 'async';
  workerThreads: number;
  /** Seconds an instance needs to start (deploy, JVM warm-up). */
  startupSeconds: number;
  /** Seconds after the start when the group is deployed. */
  startAt: number;
  /** Records the group is behind when the scenario starts (spread over partitions, from preloaded data). */
  lagAtStart: number;
  /** A read-process-write application: the records it sends, one per processed record (rate set by processing). */
  output: ProducerWorld | null;
}

export interface TopicPreload {
  /** Records already in the topic at the start, spread evenly over `spanHours` before t=0. */
  records: number;
  recordBytes: number;
  spanHours: number;
}

export interface KafkaWorld {
  brokers: BrokerHardware;
  producers: Record<string, ProducerWorld>;
  consumers: Record<string, ConsumerWorld>;
  topics: Record<string, TopicPreload>;
}

/** Typical compressed/raw ratios for JSON-like payloads; a scenario overrides them per payload. */
const DEFAULT_COMPRESSIBILITY: Record<Codec, number> = { none: 1, gzip: 0.25, snappy: 0.45, lz4: 0.42, zstd: 0.22 };
/** Producer-side compression throughput per instance (MB/s of raw data), order of magnitude of one core. */
export const COMPRESS_MBPS: Record<Codec, number> = { none: Infinity, gzip: 40, snappy: 400, lz4: 500, zstd: 150 };

const num = (doc: string, def: number, unit: string, min = 0, max?: number): { kind: 'value'; spec: KeySpec } =>
  ({ kind: 'value', spec: { type: 'double', default: def, doc, unit, min, max } });

export const worldSchema: ObjectNode = {
  kind: 'object',
  doc: 'Workload and hardware of the scenario.',
  fields: {
    brokers: {
      kind: 'object', doc: 'Hardware of each broker.',
      fields: {
        networkMBps: num('Network bandwidth per broker (each direction).', 125, 'MB/s', 1),
        diskMBps: num('Disk write bandwidth per broker.', 200, 'MB/s', 1),
        diskGB: num('Disk size per broker.', 1000, 'GB', 0.001),
        rttMs: num('Round trip between clients and brokers.', 1, 'ms', 0.01),
        cores: num('CPU cores per broker.', 8, 'cores', 1),
        requestCpuMs: num('Broker CPU per produce request.', 0.1, 'ms', 0),
      },
    },
    producers: {
      kind: 'map', doc: 'Producing applications.', entryName: 'application name',
      values: {
        kind: 'object', doc: 'Workload of one producing application.', required: ['recordsPerSecond', 'recordBytes'],
        fields: {
          recordsPerSecond: num('Records per second of the whole application (all instances together).', 100, 'records/s'),
          recordBytes: num('Serialized size of one record (key + value).', 500, 'bytes', 1),
          keys: { kind: 'map', doc: 'Fields usable as key, with the number of distinct values.', entryName: 'field', values: num('Distinct values of this field.', 1000, 'keys', 1) },
          hotKeys: { kind: 'map', doc: 'Per key field, the share of records carrying its most common value.', entryName: 'field', values: num('Share of the hottest value.', 0, '', 0, 1) },
          orderingKeys: { kind: 'value', spec: { type: 'list', doc: 'Key fields that keep each entity in order: the entity id first, then coarser fields (empty = order does not matter).' } },
          compressibility: {
            kind: 'object', doc: 'Compressed/raw size ratio of full batches, per codec.',
            fields: { gzip: num('gzip ratio', DEFAULT_COMPRESSIBILITY.gzip, '', 0.01, 1), snappy: num('snappy ratio', DEFAULT_COMPRESSIBILITY.snappy, '', 0.01, 1), lz4: num('lz4 ratio', DEFAULT_COMPRESSIBILITY.lz4, '', 0.01, 1), zstd: num('zstd ratio', DEFAULT_COMPRESSIBILITY.zstd, '', 0.01, 1) },
          },
          transactionRecords: num('Records per transaction (transactional producers).', 100, 'records', 1),
          startAt: num('Seconds after the start when it begins sending.', 0, 's'),
        },
      },
    },
    consumers: {
      kind: 'map', doc: 'Consuming applications, by group.id.', entryName: 'group.id',
      values: {
        kind: 'object', doc: 'Processing cost of one consuming application.', required: ['recordMs'],
        fields: {
          recordMs: num('Processing time per record.', 1, 'ms'),
          pollOverheadMs: num('Cost per polled batch (DB transaction, bookkeeping).', 5, 'ms'),
          processing: { kind: 'value', spec: { type: 'string', default: 'sync', values: ['sync', 'async'], doc: 'sync: records are processed inside the poll loop. async: handed to worker threads, poll continues.' } },
          workerThreads: num('Worker threads per instance (async processing).', 4, 'threads', 1),
          startupSeconds: num('Time for an instance to start.', 5, 's'),
          startAt: num('Seconds after the start when the group is deployed.', 0, 's'),
          lagAtStart: num('Records the group is behind when the scenario starts (needs data in world.topics).', 0, 'records'),
          output: {
            kind: 'object', doc: 'What the application sends for each record it processed (a read-process-write application).', required: ['recordBytes'],
            fields: {
              recordBytes: num('Serialized size of one output record.', 500, 'bytes', 1),
              keys: { kind: 'map', doc: 'Fields of the output usable as key, with the number of distinct values.', entryName: 'field', values: num('Distinct values of this field.', 1000, 'keys', 1) },
            },
          },
        },
      },
    },
    topics: {
      kind: 'map', doc: 'Data already in topics at the start.', entryName: 'topic name',
      values: {
        kind: 'object', doc: 'Existing data.', required: ['records'],
        fields: {
          records: num('Records already stored.', 0, 'records'),
          recordBytes: num('Size of those records.', 500, 'bytes', 1),
          spanHours: num('They were written evenly over this many hours before the start.', 24, 'hours', 0.001),
        },
      },
    },
  },
};

type Raw = Record<string, unknown>;
const asObj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const numOr = (v: unknown, def: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : def);

const keyCounts = (raw: unknown): Record<string, number> => {
  const keys: Record<string, number> = {};
  for (const [field, n] of Object.entries(asObj(raw))) keys[field] = Math.max(1, Math.round(numOr(n, 1)));
  return keys;
};

/** Fill defaults of a (schema-valid) world. */
export function normalizeWorld(raw: unknown): KafkaWorld {
  const w = asObj(raw);
  const b = asObj(w.brokers);
  const brokers: BrokerHardware = {
    networkMBps: numOr(b.networkMBps, 125), diskMBps: numOr(b.diskMBps, 200), diskGB: numOr(b.diskGB, 1000),
    rttMs: numOr(b.rttMs, 1), cores: numOr(b.cores, 8), requestCpuMs: numOr(b.requestCpuMs, 0.1),
  };
  const producers: Record<string, ProducerWorld> = {};
  for (const [name, v] of Object.entries(asObj(w.producers))) {
    const p = asObj(v);
    const c = asObj(p.compressibility);
    producers[name] = {
      recordsPerSecond: numOr(p.recordsPerSecond, 100), recordBytes: numOr(p.recordBytes, 500), keys: keyCounts(p.keys),
      hotKeys: Object.fromEntries(Object.entries(asObj(p.hotKeys)).map(([f, v]) => [f, Math.min(1, Math.max(0, numOr(v, 0)))])),
      orderingKeys: Array.isArray(p.orderingKeys) ? p.orderingKeys.map(String) : [],
      compressibility: {
        none: 1, gzip: numOr(c.gzip, DEFAULT_COMPRESSIBILITY.gzip), snappy: numOr(c.snappy, DEFAULT_COMPRESSIBILITY.snappy),
        lz4: numOr(c.lz4, DEFAULT_COMPRESSIBILITY.lz4), zstd: numOr(c.zstd, DEFAULT_COMPRESSIBILITY.zstd),
      },
      transactionRecords: Math.max(1, Math.round(numOr(p.transactionRecords, 100))),
      startAt: numOr(p.startAt, 0),
    };
  }
  const consumers: Record<string, ConsumerWorld> = {};
  for (const [name, v] of Object.entries(asObj(w.consumers))) {
    const c = asObj(v);
    const out = c.output === undefined || c.output === null ? null : asObj(c.output);
    consumers[name] = {
      recordMs: numOr(c.recordMs, 1), pollOverheadMs: numOr(c.pollOverheadMs, 5),
      processing: c.processing === 'async' ? 'async' : 'sync', workerThreads: Math.max(1, Math.round(numOr(c.workerThreads, 4))),
      startupSeconds: numOr(c.startupSeconds, 5), startAt: numOr(c.startAt, 0), lagAtStart: Math.max(0, Math.round(numOr(c.lagAtStart, 0))),
      output: out && {
        recordsPerSecond: 0, recordBytes: numOr(out.recordBytes, 500), keys: keyCounts(out.keys), hotKeys: {}, orderingKeys: [],
        compressibility: { ...DEFAULT_COMPRESSIBILITY }, transactionRecords: 1, startAt: 0,
      },
    };
  }
  const topics: Record<string, TopicPreload> = {};
  for (const [name, v] of Object.entries(asObj(w.topics))) {
    const t = asObj(v);
    topics[name] = { records: Math.round(numOr(t.records, 0)), recordBytes: numOr(t.recordBytes, 500), spanHours: numOr(t.spanHours, 24) };
  }
  return { brokers, producers, consumers, topics };
}

const fmt = (n: number): string => (n >= 10000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100));

/** One line per fact, for the console's world panel. */
export function describeWorld(world: KafkaWorld): string[] {
  const b = world.brokers;
  const lines = [`Brokers: ${fmt(b.cores)} cores, network ${fmt(b.networkMBps)} MB/s, disk ${fmt(b.diskMBps)} MB/s and ${fmt(b.diskGB)} GB each; round trip ${fmt(b.rttMs)} ms`];
  for (const [name, p] of Object.entries(world.producers)) {
    const keys = Object.entries(p.keys).map(([f, n]) => `${f} (${fmt(n)} values${p.hotKeys[f] ? `, one of them in ${fmt(p.hotKeys[f] * 100)}% of records` : ''})`).join(', ');
    const hot = p.orderingKeys.length > 0 ? `; consumers need each ${p.orderingKeys[0]}'s events in order` : '';
    const start = p.startAt > 0 ? `; starts at ${fmt(p.startAt)} s` : '';
    lines.push(`${name}: ${fmt(p.recordsPerSecond)} records/s in total, ${fmt(p.recordBytes)} bytes each; key fields: ${keys || 'none'}${hot}${start}`);
  }
  for (const [name, c] of Object.entries(world.consumers)) {
    const mode = c.processing === 'async' ? `, handed to ${c.workerThreads} worker threads` : ', inside the poll loop';
    const start = c.startAt > 0 ? `; deployed at ${fmt(c.startAt)} s` : c.lagAtStart > 0 ? `; ${fmt(c.lagAtStart)} records behind at the start` : '';
    const sends = c.output ? `; sends one ${fmt(c.output.recordBytes)}-byte record per record it processed` : '';
    lines.push(`${name}: ${fmt(c.recordMs)} ms per record + ${fmt(c.pollOverheadMs)} ms per polled batch${mode}${start}${sends}`);
  }
  for (const [name, t] of Object.entries(world.topics)) {
    if (t.records > 0) lines.push(`${name}: already holds ${fmt(t.records)} records written over the last ${fmt(t.spanHours)} h`);
  }
  return lines;
}
