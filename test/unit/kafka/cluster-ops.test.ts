import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const world = (diskGB = 1000) => ({
  brokers: { ...BROKERS, diskGB },
  producers: { app: { recordsPerSecond: 1000, recordBytes: 1000, keys: { id: 1000 } } },
  consumers: {},
});
const config = (rf = 3, brokers = 3) => ({
  brokers: { instances: brokers },
  topics: { events: { partitions: 3, 'replication.factor': rf } },
  producers: { app: { instances: 1, topic: 'events', key: 'id', config: { acks: 1 } } },
});

describe('kafka cluster operations', () => {
  it('a broker whose disk fills up shuts down; it comes back once the space is freed', () => {
    const h = new Harness(config(), world(0.05)).run(5);
    const fill = h.start('disk-fill', undefined, { gb: 0.045, broker: 2 });
    h.run(10);
    assert.ok(h.saw('broker 2: No space left on device'));
    assert.equal(h.metric('brokers.up'), 2);
    h.end(fill);
    h.run(5);
    assert.equal(h.metric('brokers.up'), 3);
  });

  it('raising the replication factor adds replicas that join the ISR once they have copied the log', () => {
    // 2 MB/s of replication bandwidth: copying 10 s of data takes a few seconds.
    const slowNetwork = { ...world(), brokers: { ...BROKERS, networkMBps: 2 } };
    const h = new Harness(config(1), slowNetwork).run(10);
    h.reconfigure({ ...config(1), topics: { events: { partitions: 3, 'replication.factor': 3 } } });
    h.run(0.2);
    assert.ok(h.metric('topic.events.under_replicated') > 0, 'new replicas start out of sync');
    h.run(10);
    assert.equal(h.metric('topic.events.under_replicated'), 0);
    assert.ok(h.saw('caught up and rejoined the ISR'));
  });

  it('new brokers host nothing until a reassignment; removing one takes its replicas offline', () => {
    const h = new Harness(config(2), world()).run(5);
    h.reconfigure({ ...config(2, 4) });
    h.run(5);
    const hosted = (id: number) => h.sim.cluster.topics.get('events')!.partitions.filter((p) => p.replicas.includes(id)).length;
    assert.equal(hosted(4), 0);
    h.reconfigure({ ...config(2, 2) });
    h.run(5);
    assert.ok(h.metric('topic.events.under_replicated') > 0);
  });

  it('added partitions are used by producers only after their metadata refresh (metadata.max.age.ms)', () => {
    const grown = { ...config(), topics: { events: { partitions: 6, 'replication.factor': 3 } } };
    const h = new Harness(config(), world()).run(5);
    h.reconfigure(grown);
    h.run(10);
    const written = () => h.sim.cluster.topics.get('events')!.partitions.slice(3).reduce((a, p) => a + p.log.hw, 0);
    assert.equal(written(), 0, 'still on the old 3 partitions');
    h.run(290);
    assert.ok(written() > 0, 'after the 5-minute refresh the new partitions get records');
  });
});
