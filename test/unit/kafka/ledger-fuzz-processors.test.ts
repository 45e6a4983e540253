// The ledger identity holds on every tick for read-process-write pipelines too: processors with or
// without transactions, readers with either isolation level, crash loops, hard broker crashes,
// retry storms and config changes.
import { strict as assert } from 'node:assert';
import { createRng } from '../../../src/engine/rng';
import type { Rng } from '../../../src/engine/types';
import { Harness } from './helpers';

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)];

function randomPipeline(rng: Rng) {
  const brokers = rng.int(1, 4);
  const rf = rng.int(1, brokers);
  const topic = () => ({ partitions: rng.int(1, 6), 'replication.factor': rf, config: { 'min.insync.replicas': rng.int(1, rf) } });
  const transactional = rng.chance(0.5);
  const acks = transactional ? 'all' : pick(rng, ['1', 'all']);
  const config = {
    brokers: { instances: brokers },
    topics: { in: topic(), out: topic() },
    producers: { src: { instances: rng.int(1, 2), topic: 'in', key: rng.chance(0.7) ? 'id' : null, config: { acks, 'enable.idempotence': acks === 'all' && rng.chance(0.7) } } },
    consumers: {
      proc: {
        instances: rng.int(1, 4),
        topics: ['in'],
        config: { 'enable.auto.commit': !transactional && rng.chance(0.5), 'max.poll.records': pick(rng, [20, 500]), 'session.timeout.ms': pick(rng, [6000, 10000]) },
        output: {
          topic: 'out', key: rng.chance(0.5) ? 'id' : null,
          config: { acks, 'enable.idempotence': acks === 'all', 'request.timeout.ms': pick(rng, [2000, 30000]), ...(transactional ? { 'transactional.id': 'proc' } : {}) },
        },
      },
      down: { instances: rng.int(1, 3), topics: ['out'], config: { 'isolation.level': pick(rng, ['read_committed', 'read_uncommitted']), 'enable.auto.commit': rng.chance(0.5) } },
    },
  };
  const world = {
    brokers: { networkMBps: 125, diskMBps: 200, diskGB: 1000, rttMs: pick(rng, [1, 20]), cores: 4, requestCpuMs: 0.1 },
    producers: { src: { recordsPerSecond: rng.int(50, 1500), recordBytes: rng.int(100, 1000), keys: { id: rng.int(10, 100000) } } },
    consumers: {
      proc: { recordMs: pick(rng, [0.05, 0.5, 2]), pollOverheadMs: pick(rng, [1, 10]), processing: pick(rng, ['sync', 'async']), startupSeconds: rng.int(1, 4), output: { recordBytes: rng.int(100, 1500), keys: { id: 100000 } } },
      down: { recordMs: pick(rng, [0.05, 1]), pollOverheadMs: 2 },
    },
  };
  return { config, world };
}

function randomIncident(rng: Rng, h: Harness, brokers: number) {
  const kind = pick(rng, ['consumer-crash-loop', 'consumer-crash', 'broker-crash', 'rolling-broker-crash', 'producer-retry-storm', 'consumer-restart']);
  const target = kind.startsWith('consumer') ? pick(rng, ['proc', 'proc', 'down']) : kind === 'rolling-broker-crash' ? undefined : String(rng.int(1, brokers));
  return h.start(kind, target, { instance: rng.int(0, 2), everySeconds: rng.int(5, 20), downSeconds: rng.int(1, 8), stallMs: pick(rng, [3000, 35000]) });
}

describe('kafka ledger fuzz: read-process-write', () => {
  it('balances on every tick across 25 random pipelines with crashes and config changes', function () {
    this.timeout(120000);
    for (let seed = 1; seed <= 25; seed++) {
      const rng = createRng(seed * 104729);
      const { config, world } = randomPipeline(rng);
      const h = new Harness(config, world, seed);
      const open: ReturnType<Harness['start']>[] = [];
      try {
        for (let step = 0; step < 6; step++) {
          h.run(rng.int(4, 12));
          if (rng.chance(0.6)) open.push(randomIncident(rng, h, config.brokers.instances));
          if (open.length > 0 && rng.chance(0.4)) h.end(open.shift()!);
          if (rng.chance(0.3)) {
            const next = JSON.parse(JSON.stringify(config));
            next.consumers.proc.instances = rng.int(1, 4);
            next.consumers.down.config['isolation.level'] = pick(rng, ['read_committed', 'read_uncommitted']);
            h.reconfigure(next);
          }
        }
      } catch (err) {
        assert.fail(`seed ${seed}: ${(err as Error).message}\n${JSON.stringify({ config, world })}`);
      }
    }
  });
});
