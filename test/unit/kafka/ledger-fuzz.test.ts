// The ledger identity produced = delivered + queued + inFlight + dropped holds on every tick, for
// every flow, across random clusters, workloads, incidents and config changes.
import { strict as assert } from 'node:assert';
import { createRng } from '../../../src/engine/rng';
import type { Rng } from '../../../src/engine/types';
import { Harness } from './helpers';

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)];

function randomWorld(rng: Rng) {
  const brokers = rng.int(1, 4);
  const topics: Record<string, Record<string, unknown>> = {};
  const topicNames = ['t0', 't1', 't2'].slice(0, rng.int(1, 3));
  for (const name of topicNames) {
    const compact = rng.chance(0.2);
    topics[name] = {
      partitions: rng.int(1, 8),
      'replication.factor': rng.int(1, brokers),
      config: {
        'cleanup.policy': compact ? 'compact' : 'delete',
        'segment.bytes': pick(rng, [100000, 1000000, 1073741824]),
        'retention.bytes': pick(rng, [-1, 500000, 3000000]),
        'retention.ms': pick(rng, [604800000, 20000]),
        'min.insync.replicas': rng.int(1, 2),
        'unclean.leader.election.enable': rng.chance(0.3),
      },
    };
  }
  const producers: Record<string, Record<string, unknown>> = {};
  const producerWorld: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < rng.int(1, 3); i++) {
    const acks = pick(rng, ['0', '1', 'all']);
    const idempotent = acks === 'all' && rng.chance(0.5);
    const transactional = idempotent && rng.chance(0.3);
    producers[`p${i}`] = {
      instances: rng.int(0, 3),
      topic: pick(rng, topicNames),
      key: rng.chance(0.7) ? pick(rng, ['id', 'group']) : null,
      config: {
        acks,
        'enable.idempotence': idempotent,
        'linger.ms': pick(rng, [0, 5, 50, 500]),
        'batch.size': pick(rng, [200, 16384, 65536]),
        'compression.type': pick(rng, ['none', 'lz4', 'gzip']),
        'max.in.flight.requests.per.connection': idempotent ? rng.int(1, 5) : rng.int(1, 10),
        'request.timeout.ms': pick(rng, [2000, 30000]),
        'delivery.timeout.ms': pick(rng, [40000, 120000]),
        'buffer.memory': pick(rng, [200000, 33554432]),
        'max.block.ms': pick(rng, [1000, 60000]),
        ...(transactional ? { 'transactional.id': `tx-${i}` } : {}),
      },
    };
    producerWorld[`p${i}`] = { recordsPerSecond: rng.int(10, 1500), recordBytes: rng.int(50, 2000), keys: { id: rng.int(1, 100000), group: rng.int(1, 10) }, transactionRecords: rng.int(10, 500), orderingKeys: rng.chance(0.3) ? ['id'] : [] };
  }
  const consumers: Record<string, Record<string, unknown>> = {};
  const consumerWorld: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < rng.int(0, 3); i++) {
    consumers[`g${i}`] = {
      instances: rng.int(0, 6),
      topics: topicNames.filter(() => rng.chance(0.6)).concat(topicNames[0]).filter((t, k, a) => a.indexOf(t) === k),
      config: {
        'max.poll.records': pick(rng, [1, 50, 500]),
        'max.poll.interval.ms': pick(rng, [300000, 500]),
        'enable.auto.commit': rng.chance(0.6),
        'auto.commit.interval.ms': pick(rng, [100, 5000]),
        'auto.offset.reset': pick(rng, ['latest', 'earliest', 'none']),
        'isolation.level': pick(rng, ['read_committed', 'read_uncommitted']),
        'partition.assignment.strategy': pick(rng, ['org.apache.kafka.clients.consumer.RangeAssignor', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor', 'org.apache.kafka.clients.consumer.RoundRobinAssignor']),
        'session.timeout.ms': pick(rng, [10000, 45000]),
        ...(rng.chance(0.2) ? { 'group.instance.id': `static-${i}` } : {}),
      },
    };
    consumerWorld[`g${i}`] = {
      recordMs: pick(rng, [0.01, 0.5, 5]), pollOverheadMs: pick(rng, [0, 5, 50]), processing: pick(rng, ['sync', 'async']),
      workerThreads: rng.int(1, 4), startupSeconds: rng.int(0, 5), startAt: pick(rng, [0, 0, 15]), lagAtStart: pick(rng, [0, 2000]),
    };
  }
  const world = {
    brokers: { networkMBps: pick(rng, [5, 125]), diskMBps: 200, diskGB: pick(rng, [0.05, 1000]), rttMs: pick(rng, [1, 20]), cores: 4, requestCpuMs: pick(rng, [0.1, 2]) },
    producers: producerWorld,
    consumers: consumerWorld,
    topics: Object.fromEntries(topicNames.map((t) => [t, { records: pick(rng, [0, 5000]), recordBytes: 300, spanHours: 1 }])),
  };
  return { config: { brokers: { instances: brokers, config: { 'log.retention.check.interval.ms': 5000, 'log.cleaner.backoff.ms': 2000 } }, topics, producers, consumers }, world };
}

function randomIncident(rng: Rng, h: Harness, config: ReturnType<typeof randomWorld>['config']) {
  const groups = Object.keys(config.consumers);
  const producers = Object.keys(config.producers);
  const kind = pick(rng, ['broker-crash', 'consumer-crash', 'slow-processing', 'traffic-spike', 'network-latency', 'producer-retry-storm', 'consumer-restart', 'producer-crash', 'disk-fill']);
  const target = kind.startsWith('consumer') || kind === 'slow-processing' ? pick(rng, groups.length ? groups : ['none'])
    : kind.startsWith('producer-crash') || kind === 'traffic-spike' ? pick(rng, producers)
      : String(rng.int(1, config.brokers.instances));
  return h.start(kind, target, { factor: pick(rng, [0.5, 3]), instance: rng.int(0, 3), ms: 200, stallMs: 35000, gb: 0.01, broker: rng.int(1, config.brokers.instances) });
}

describe('kafka ledger fuzz', () => {
  it('balances on every tick across 40 random worlds with incidents and config changes', function () {
    this.timeout(120000);
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed * 7919);
      const { config, world } = randomWorld(rng);
      const h = new Harness(config, world, seed);
      const open: ReturnType<Harness['start']>[] = [];
      try {
        for (let step = 0; step < 8; step++) {
          h.run(rng.int(3, 12));
          if (rng.chance(0.5)) open.push(randomIncident(rng, h, config));
          if (open.length > 0 && rng.chance(0.4)) h.end(open.shift()!);
          if (rng.chance(0.3)) {
            const next = JSON.parse(JSON.stringify(config));
            for (const g of Object.values(next.consumers) as { instances: number; config: Record<string, unknown> }[]) {
              g.instances = rng.int(0, 6);
              g.config['max.poll.records'] = pick(rng, [10, 500]);
            }
            for (const t of Object.values(next.topics) as { partitions: number }[]) t.partitions += rng.int(0, 2);
            for (const p of Object.values(next.producers) as { key: string | null; topic: string }[]) {
              p.key = rng.chance(0.5) ? 'id' : null;
              if (rng.chance(0.3)) p.topic = pick(rng, Object.keys(next.topics));
            }
            h.reconfigure(next);
          }
        }
      } catch (err) {
        assert.fail(`seed ${seed}: ${(err as Error).message}\n${JSON.stringify({ config, world })}`);
      }
    }
  });
});
