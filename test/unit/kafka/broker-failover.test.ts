import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { payments: { recordsPerSecond: 3000, recordBytes: 300, keys: { payment_id: 10000000 } } },
  consumers: { ledger: { recordMs: 0.05, pollOverheadMs: 1 } },
};
const config = (producer: Record<string, unknown>, topic: Record<string, unknown> = {}) => ({
  brokers: { instances: 3 },
  topics: { payments: { partitions: 12, 'replication.factor': 3, ...topic } },
  producers: { payments: { instances: 2, topic: 'payments', key: 'payment_id', config: producer } },
  consumers: { ledger: { instances: 3, topics: ['payments'], config: { 'enable.auto.commit': false } } },
});

/** Brokers 1, 2, 3, 1 die in turn, 20 s apart, each back after 10 s. */
function rollingCrashes(producer: Record<string, unknown>, topic: Record<string, unknown> = {}): Harness {
  const h = new Harness(config(producer, topic), world).run(5);
  h.start('rolling-broker-crash', undefined, { everySeconds: 20, downSeconds: 10 });
  return h.run(75);
}

describe('kafka hard broker crashes (no controlled shutdown)', () => {
  it('acks=1 loses acknowledged records the dying leader had not replicated yet', () => {
    const h = rollingCrashes({ acks: 1 });
    assert.ok(h.saw('broker 1 crashed') && h.saw('broker 2 crashed') && h.saw('broker 3 crashed'), 'brokers crash in turn');
    assert.ok(h.dropped('payments/ledger', 'leader-failover') > 0);
    assert.equal(h.flow('payments/ledger').duplicates, 0, 'acks=1 records are acknowledged at once: nothing to retry');
  });

  it('acks=all without idempotence resends batches the followers already had: duplicates, no loss', () => {
    const h = rollingCrashes({ acks: 'all', 'enable.idempotence': false });
    const flow = h.flow('payments/ledger');
    assert.ok(flow.duplicates > 0, 'a batch copied by followers but never acknowledged is written again');
    assert.equal(Object.values(flow.dropped).reduce((a, b) => a + b, 0), 0);
    assert.ok(h.saw('NetworkException: The server disconnected before a response was received.'));
  });

  it('acks=all with the idempotent producer: neither loss nor duplicates', () => {
    const flow = rollingCrashes({ acks: 'all' }).flow('payments/ledger');
    assert.equal(flow.duplicates, 0);
    assert.equal(Object.values(flow.dropped).reduce((a, b) => a + b, 0), 0);
  });

  it('with a broker down, min.insync.replicas=3 leaves partitions under min ISR while 2 does not', () => {
    let underWith3 = 0;
    let underWith2 = 0;
    const three = new Harness(config({ acks: 'all' }, { config: { 'min.insync.replicas': 3 } }), world).run(5);
    three.start('rolling-broker-crash', undefined, { everySeconds: 30, downSeconds: 15 });
    three.run(30, () => void (underWith3 = Math.max(underWith3, three.metric('topic.payments.under_min_isr'))));
    const two = new Harness(config({ acks: 'all' }, { config: { 'min.insync.replicas': 2 } }), world).run(5);
    two.start('rolling-broker-crash', undefined, { everySeconds: 30, downSeconds: 15 });
    two.run(30, () => void (underWith2 = Math.max(underWith2, two.metric('topic.payments.under_min_isr'))));
    assert.equal(underWith3, 12, 'every partition has a replica on the dead broker');
    assert.ok(three.saw('NotEnoughReplicasException'));
    assert.equal(underWith2, 0);
  });
});
