import { strict as assert } from 'node:assert';
import { kafka } from '../../../src/tech/kafka';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { shop: { recordsPerSecond: 800, recordBytes: 500, keys: { order_id: 1000000 } } },
  consumers: {
    enricher: { recordMs: 0.5, pollOverheadMs: 5, startupSeconds: 2, output: { recordBytes: 800, keys: { order_id: 1000000 } } },
    shipping: { recordMs: 0.2, pollOverheadMs: 2 },
  },
};
const config = (enricher: Record<string, unknown>, output: Record<string, unknown>, shipping: Record<string, unknown> = {}) => ({
  brokers: { instances: 3 },
  topics: { orders: { partitions: 6, 'replication.factor': 3 }, enriched: { partitions: 6, 'replication.factor': 3 } },
  producers: { shop: { instances: 1, topic: 'orders', key: 'order_id' } },
  consumers: {
    enricher: { instances: 3, topics: ['orders'], config: { 'session.timeout.ms': 6000, ...enricher }, output: { topic: 'enriched', key: 'order_id', config: output } },
    shipping: { instances: 2, topics: ['enriched'], config: { 'enable.auto.commit': false, ...shipping } },
  },
});

/** Instance 1 of the enricher is killed every 20 s and restarted 3 s later. */
function crashLoop(c: ReturnType<typeof config>): Harness {
  const h = new Harness(c, world).run(5);
  h.start('consumer-crash-loop', 'enricher', { instance: 1, everySeconds: 20, downSeconds: 3 });
  return h.run(60);
}

describe('kafka read-process-write applications', () => {
  it('every processed record is sent on: downstream receives what the processor consumed', () => {
    const h = new Harness(config({ 'enable.auto.commit': false }, {}), world).run(20);
    const input = h.flow('orders/enricher');
    const output = h.flow('enriched/shipping');
    assert.ok(output.produced > 10000);
    assert.ok(Math.abs(output.produced - input.delivered) < 1000, `in ${input.delivered}, out ${output.produced}`);
    assert.equal(output.duplicates, 0);
  });

  it('at-least-once (commit after the results are acknowledged): a crash sends the results of uncommitted records twice', () => {
    const auto = crashLoop(config({}, {}));
    const manual = crashLoop(config({ 'enable.auto.commit': false }, {}));
    assert.ok(auto.saw('group enricher: instance 1 crashed'));
    assert.ok(auto.flow('enriched/shipping').duplicates > 1000, 'auto-commit: up to 5 s of records are processed again');
    const fewer = manual.flow('enriched/shipping').duplicates;
    assert.ok(fewer > 0 && fewer < auto.flow('enriched/shipping').duplicates / 5, `commit per batch narrows the window: ${fewer}`);
  });

  it('transactional: offsets commit with the results, aborted results are skipped by read_committed readers', () => {
    const h = crashLoop(config({ 'enable.auto.commit': false }, { 'transactional.id': 'enricher' }, { 'isolation.level': 'read_committed' }));
    assert.ok(h.saw('transaction aborted'));
    assert.equal(h.flow('enriched/shipping').duplicates, 0);
    assert.equal(h.flow('orders/enricher').duplicates, 0, 'processing that was rolled back with its transaction is not a duplicate');
    assert.equal(Object.values(h.flow('enriched/shipping').dropped).reduce((a, b) => a + b, 0), 0);
  });

  it('transactional, but read_uncommitted readers still process the aborted copies', () => {
    const h = crashLoop(config({ 'enable.auto.commit': false }, { 'transactional.id': 'enricher' }));
    assert.ok(h.flow('enriched/shipping').duplicates > 0);
  });

  it('its producer follows KafkaProducer rules, and transactions with auto-commit are flagged', () => {
    const check = (c: unknown) => kafka.crossCheck(c, world).map((d) => `${d.severity}: ${d.message}`);
    assert.ok(check(config({}, { 'transactional.id': 'enricher', acks: 1 })).includes('error: ConfigException: Cannot set a transactional.id without also enabling idempotence.'));
    assert.ok(check(config({}, { 'transactional.id': 'enricher' })).some((m) => m.startsWith('warning: enricher commits its input offsets inside its transaction')));
    assert.deepEqual(check(config({ 'enable.auto.commit': false }, { 'transactional.id': 'enricher' })), []);
  });
});
