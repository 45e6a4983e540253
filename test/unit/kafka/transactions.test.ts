import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { orders: { recordsPerSecond: 1000, recordBytes: 300, keys: { order_id: 100000 }, transactionRecords: 500 } },
  consumers: { committed: { recordMs: 0.05, pollOverheadMs: 1 }, dirty: { recordMs: 0.05, pollOverheadMs: 1 } },
};
const config = {
  brokers: { instances: 3 },
  topics: { orders: { partitions: 3, 'replication.factor': 3 } },
  producers: { orders: { instances: 1, topic: 'orders', key: 'order_id', config: { 'transactional.id': 'orders-tx' } } },
  consumers: {
    committed: { instances: 1, topics: ['orders'], config: { 'isolation.level': 'read_committed' } },
    dirty: { instances: 1, topics: ['orders'] },
  },
};

describe('kafka transactions', () => {
  it('read_committed consumers stop at the last stable offset: they see records only once their transaction commits', () => {
    const h = new Harness(config, world);
    let aheadOfLso = 0;
    h.run(20, () => {
      for (const p of h.sim.cluster.topics.get('orders')!.partitions) {
        const gp = h.sim.groups.get('committed')!.partition(p);
        if (gp.position !== null && gp.position > p.log.lso()) aheadOfLso++;
      }
    });
    assert.equal(aheadOfLso, 0);
    assert.ok(h.flow('orders/committed').delivered > 15000);
    // Waiting for the commit (about half a second of records per transaction) shows in the latency.
    assert.ok(h.metric('group.committed.latency_p99') > h.metric('group.dirty.latency_p99') + 200);
  });

  it('records of an aborted transaction are skipped by read_committed and delivered to read_uncommitted', () => {
    const h = new Harness(config, world).run(5);
    h.start('producer-crash', 'orders');
    h.run(10);
    assert.ok(h.saw('transaction aborted'));
    const skipped = h.dropped('orders/committed', 'aborted');
    assert.ok(skipped > 0, 'read_committed skipped the aborted records');
    assert.equal(h.dropped('orders/dirty', 'aborted'), 0, 'read_uncommitted processed them as if they were valid');
  });
});
