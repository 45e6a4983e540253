import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const workload = {
  brokers: BROKERS,
  producers: { orders: { recordsPerSecond: 400, recordBytes: 300, keys: { id: 100000 } } },
  consumers: { billing: { recordMs: 2, pollOverheadMs: 10, lagAtStart: 20000 } },
  // A backlog, so every poll returns a full max.poll.records batch.
  topics: { orders: { records: 30000, recordBytes: 300, spanHours: 0.1 } },
};
const config = (consumer: Record<string, unknown>) => ({
  brokers: { instances: 3 },
  topics: { orders: { partitions: 4, 'replication.factor': 3 } },
  producers: { orders: { instances: 1, topic: 'orders', key: 'id' } },
  consumers: { billing: { instances: 2, topics: ['orders'], config: consumer } },
});

describe('kafka poll loop', () => {
  it('processing a batch for longer than max.poll.interval.ms makes the member leave: rebalance and redelivered records', () => {
    // 500 records x 2 ms = 1 s of processing per poll, against a 700 ms poll interval.
    const slow = { 'max.poll.records': 500, 'max.poll.interval.ms': 700 };
    const h = new Harness(config(slow), workload).run(60);
    assert.ok(h.metric('group.billing.rebalances') >= 3, `rebalances: ${h.metric('group.billing.rebalances')}`);
    assert.ok(h.flow('orders/billing').duplicates > 0, 'records processed by a member that was kicked out are processed again');
    assert.ok(h.saw('consumer poll timeout has expired'));
    assert.ok(h.saw('CommitFailedException') || h.metric('group.billing.duplicates') > 0);
  });

  it('session.timeout.ms does not matter for slow processing: heartbeats come from a background thread', () => {
    const outcome = (session: number) => {
      const h = new Harness(config({ 'max.poll.records': 500, 'max.poll.interval.ms': 700, 'session.timeout.ms': session }), workload).run(60);
      return [h.metric('group.billing.rebalances'), h.flow('orders/billing').duplicates];
    };
    const short = outcome(10000);
    assert.ok(short[0] > 0 && short[1] > 0, 'the slow group rebalances and redelivers');
    assert.deepEqual(outcome(120000), short);
  });

  it('smaller polls keep each poll within max.poll.interval.ms: no rebalance, no duplicates', () => {
    const h = new Harness(config({ 'max.poll.records': 100, 'max.poll.interval.ms': 700 }), workload).run(60);
    assert.equal(h.metric('group.billing.rebalances'), 0);
    assert.equal(h.flow('orders/billing').duplicates, 0);
  });

  it('a crashed member is noticed only after session.timeout.ms: its partitions wait until then', () => {
    const stalled = (session: number) => {
      const h = new Harness(config({ 'session.timeout.ms': session, 'heartbeat.interval.ms': 2000 }), workload).run(5);
      h.start('consumer-crash', 'billing', { instance: 0 });
      let removedAt = -1;
      h.run(60, () => {
        if (removedAt < 0 && h.saw('removed: session timeout')) removedAt = h.tick;
      });
      return removedAt / 10 - 5;
    };
    const short = stalled(10000);
    const long = stalled(45000);
    assert.ok(short >= 10 && short < 11, `removed after ${short} s`);
    assert.ok(long >= 45 && long < 46, `removed after ${long} s`);
  });
});
