import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const workload = {
  brokers: BROKERS,
  producers: {
    strict: { recordsPerSecond: 500, recordBytes: 300, keys: { id: 100000 } },
    loose: { recordsPerSecond: 500, recordBytes: 300, keys: { id: 100000 } },
  },
  consumers: { reader: { recordMs: 0.05, pollOverheadMs: 1 } },
};
const cluster = (extra: Record<string, unknown> = {}) => ({
  brokers: { instances: 3, config: { 'min.insync.replicas': 2 } },
  topics: { payments: { partitions: 3, 'replication.factor': 3, ...extra } },
  producers: {
    strict: { topic: 'payments', key: 'id', config: { acks: 'all', 'request.timeout.ms': 5000, 'delivery.timeout.ms': 10000 } },
    loose: { topic: 'payments', key: 'id', config: { acks: 1 } },
  },
  consumers: { reader: { instances: 1, topics: ['payments'] } },
});

describe('kafka replication and acks', () => {
  it('acks=all with the ISR below min.insync.replicas fails with NotEnoughReplicas while acks=1 still succeeds', () => {
    const h = new Harness(cluster(), workload).run(5);
    h.start('broker-crash', '2');
    h.start('broker-crash', '3');
    h.run(15); // the controller fences both after broker.session.timeout.ms (9 s)
    const partitions = h.sim.cluster.topics.get('payments')!.partitions;
    assert.ok(partitions.every((p) => p.leader === 1 && p.isr.length === 1), 'broker 1 leads everything with an ISR of 1');
    h.run(10);
    assert.ok(h.saw('NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of 2'));
    assert.equal(h.metric('producer.strict.throughput'), 0);
    assert.ok(h.metric('producer.strict.errors') > 0);
    assert.ok(h.metric('producer.loose.throughput') > 400, `acks=1 keeps writing: ${h.metric('producer.loose.throughput')}`);
    // NotEnoughReplicas is retriable: records are retried until delivery.timeout.ms, then dropped.
    h.run(10);
    assert.ok(h.dropped('payments/reader', 'delivery.timeout') > 0);
  });

  it('acks=1 loses acknowledged records when the leader dies before its followers copied them; acks=all does not', () => {
    const failover = (acks: string) => {
      const h = new Harness({
        brokers: { instances: 3 },
        topics: { payments: { partitions: 3, 'replication.factor': 3 } },
        producers: { loose: { topic: 'payments', key: 'id', config: { acks } } },
        consumers: { reader: { instances: 1, topics: ['payments'] } },
      }, workload).run(5);
      // Slow follower fetches: the followers trail the leaders by about 300 ms (still in sync).
      h.start('network-latency', undefined, { ms: 300, broker: 2 });
      h.start('network-latency', undefined, { ms: 300, broker: 3 });
      h.run(5);
      h.start('broker-crash', '1');
      h.run(20);
      return h.dropped('payments/reader', 'leader-failover');
    };
    const lostWithAcks1 = failover('1');
    assert.ok(lostWithAcks1 > 20 && lostWithAcks1 < 500, `acks=1 loses the last few hundred ms of one leader: ${lostWithAcks1}`);
    // acks=all records are acknowledged only once replicated: the unacknowledged ones are retried.
    assert.equal(failover('all'), 0);
  });

  it('unclean leader election brings an offline partition back but loses the records the new leader never had', () => {
    const run = (unclean: boolean) => {
      const h = new Harness({
        brokers: { instances: 2 },
        topics: { audit: { partitions: 1, 'replication.factor': 2, config: { 'unclean.leader.election.enable': unclean } } },
        producers: { strict: { topic: 'audit', key: 'id', config: { acks: 1 } } },
      }, { brokers: BROKERS, producers: { strict: { recordsPerSecond: 200, recordBytes: 300, keys: { id: 1000 } } } }).run(5);
      const leader = h.sim.cluster.topics.get('audit')!.partitions[0].leader;
      const follower = leader === 1 ? 2 : 1;
      const followerCrash = h.start('broker-crash', String(follower));
      h.run(15); // writes continue on the leader alone
      h.start('broker-crash', String(leader));
      h.run(15);
      h.end(followerCrash); // only the stale replica comes back
      h.run(15);
      return h;
    };
    const safe = run(false);
    assert.equal(safe.metric('topic.audit.offline'), 1, 'without unclean election the partition stays offline');
    assert.equal(safe.dropped('audit/-', 'unclean-election'), 0);
    const unsafe = run(true);
    assert.equal(unsafe.metric('topic.audit.offline'), 0);
    assert.ok(unsafe.dropped('audit/-', 'unclean-election') > 2000, `lost ${unsafe.dropped('audit/-', 'unclean-election')}`);
    assert.ok(unsafe.saw('unclean leader election'));
  });

  it('a crashed leader keeps its partitions offline until the controller fences it (broker.session.timeout.ms)', () => {
    const h = new Harness(cluster(), workload).run(5);
    const led = () => h.sim.cluster.topics.get('payments')!.partitions.filter((p) => p.leader === 1).length;
    assert.ok(led() > 0);
    h.start('broker-crash', '1');
    h.run(8);
    assert.ok(led() > 0, 'before 9 s the controller has not noticed');
    h.run(2);
    assert.equal(led(), 0, 'after 9 s its partitions have new leaders');
    assert.ok(h.saw('controller fenced broker 1'));
  });
});
