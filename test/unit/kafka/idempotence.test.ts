import { strict as assert } from 'node:assert';
import { kafka } from '../../../src/tech/kafka';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { payments: { recordsPerSecond: 300, recordBytes: 300, keys: { payment_id: 1000000, account_id: 50 } } },
  consumers: { ledger: { recordMs: 0.1, pollOverheadMs: 1 } },
};
const config = (producer: Record<string, unknown>, key = 'account_id') => ({
  brokers: { instances: 3 },
  topics: { payments: { partitions: 3, 'replication.factor': 3 } },
  producers: { payments: { instances: 1, topic: 'payments', key, config: producer } },
  consumers: { ledger: { instances: 1, topics: ['payments'] } },
});
const check = (producer: Record<string, unknown>) => kafka.crossCheck(config(producer), world);

describe('kafka idempotent producer', () => {
  it('explicit enable.idempotence=true with a conflicting setting is a ConfigException with Kafka’s text', () => {
    const acks = check({ 'enable.idempotence': true, acks: 1 });
    assert.deepEqual(acks.map((d) => [d.severity, d.message, d.key]), [['error', 'ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.', 'acks']]);
    assert.equal(check({ 'enable.idempotence': true, retries: 0 })[0].message, 'ConfigException: Must set retries to non-zero when using the idempotent producer.');
    assert.equal(check({ 'enable.idempotence': 'true', 'max.in.flight.requests.per.connection': 6 })[0].message, 'ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    assert.deepEqual(check({ 'enable.idempotence': true, acks: 'all', retries: 3 }), []);
  });

  it('idempotence left at its default is silently disabled by a conflict (Kafka 3.2+): a warning, not an error', () => {
    const d = check({ acks: '1' });
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.match(d[0].message, /^Idempotence will be disabled because acks is set to 1, not set to 'all'\./);
    assert.deepEqual(d[0].path, ['producers', 'payments', 'config', 'acks']);
    assert.match(check({ 'max.in.flight.requests.per.connection': 10 })[0].message, /is set to 10, which is greater than 5/);
    assert.equal(kafka.normalize(config({ acks: 1 })).producers.payments.idempotence, false);
    assert.equal(kafka.normalize(config({})).producers.payments.idempotence, true);
  });

  it('transactional.id requires idempotence', () => {
    const d = check({ 'transactional.id': 'payments-tx', acks: 1 });
    assert.ok(d.some((x) => x.severity === 'error' && x.message === 'ConfigException: Cannot set a transactional.id without also enabling idempotence.'));
    assert.ok(!check({ 'transactional.id': 'payments-tx' }).some((x) => x.severity === 'error'));
  });

  it('requests that time out but were written are written again on retry: duplicates without idempotence, none with it', () => {
    const storm = (producer: Record<string, unknown>) => {
      const h = new Harness(config(producer), world).run(5);
      const incident = h.start('producer-retry-storm', undefined, { stallMs: 31000 });
      h.run(40);
      h.end(incident);
      h.run(60);
      return h.flow('payments/ledger');
    };
    const plain = storm({ acks: 'all', 'enable.idempotence': false });
    assert.ok(plain.duplicates > 500, `duplicates without idempotence: ${plain.duplicates}`);
    const idempotent = storm({ acks: 'all' });
    assert.equal(idempotent.duplicates, 0);
    assert.equal(Object.values(idempotent.dropped).reduce((a, b) => a + b, 0), 0);
  });

  it('retries with several requests in flight reorder records of a key without idempotence, never with it', () => {
    const flaky = (producer: Record<string, unknown>) => {
      const h = new Harness(config(producer), world).run(5);
      // A broker dies: its in-flight batches fail and are retried while later batches get through.
      const crash = h.start('broker-crash', '2');
      h.run(20);
      h.end(crash);
      h.run(20);
      return h.flow('payments/ledger').outOfOrder;
    };
    assert.ok(flaky({ acks: 'all', 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5 }) > 0);
    assert.equal(flaky({ acks: 'all' }), 0);
    assert.equal(flaky({ acks: 'all', 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1 }), 0);
  });
});
