import { strict as assert } from 'node:assert';
import { kafka } from '../../../src/tech/kafka';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { shop: { recordsPerSecond: 200, recordBytes: 500, keys: { order_id: 1000, shop_id: 8 }, hotKeys: { shop_id: 0.4 } } },
  consumers: { kitchen: { recordMs: 1, pollOverheadMs: 5 } },
};
const config = {
  brokers: { instances: 3 },
  topics: { orders: { partitions: 3, 'replication.factor': 3 } },
  producers: { shop: { instances: 2, topic: 'orders', key: 'order_id' } },
  consumers: { kitchen: { instances: 4, topics: ['orders'] } },
};

describe('kafka topology and world facts', () => {
  it('draws producers, brokers, topics with partitions and groups with members, left to right', () => {
    const topology = new Harness(config, world).run(5).sim.topology();
    const byKind = (kind: string) => topology.nodes.filter((n) => n.kind === kind);
    assert.equal(byKind('producer').length, 1);
    assert.equal(byKind('broker').length, 3);
    assert.equal(byKind('partition').length, 3);
    assert.ok(byKind('partition').every((n) => n.parent === 'topic:orders' && n.detail.some((d) => d === 'ISR 3/3')));
    assert.equal(byKind('consumer').length, 4);
    assert.equal(byKind('consumer').filter((n) => n.status === 'idle').length, 1, 'a fourth member has no partition');
    assert.deepEqual([...new Set(topology.nodes.map((n) => `${n.kind}:${n.column}`))].sort(), ['broker:1', 'consumer-group:3', 'consumer:3', 'partition:2', 'producer:0', 'topic:2']);
    assert.ok(topology.edges.some((e) => e.from === 'producer:shop' && e.to === 'topic:orders' && e.rate > 100));
    assert.ok(topology.edges.some((e) => e.from === 'topic:orders' && e.to === 'group:kitchen'));
  });

  it('describes the workload in plain facts', () => {
    const facts = kafka.describeWorld(world);
    assert.ok(facts.some((f) => f.includes('shop: 200 records/s in total, 500 bytes each') && f.includes('shop_id (8 values, one of them in 40% of records)')));
    assert.ok(facts.some((f) => f.startsWith('kitchen: 1 ms per record + 5 ms per polled batch')));
  });

  it('every metric the model reports is documented', () => {
    const metrics = new Harness(config, world).run(2).sim.metrics();
    const patterns = kafka.metrics.map((m) => new RegExp(`^${m.name.replace(/\./g, '\\.').replace(/\{[a-z]+\}/g, '[^.]+')}$`));
    for (const name of Object.keys(metrics)) assert.ok(patterns.some((p) => p.test(name)), `undocumented metric ${name}`);
  });
});
