import { strict as assert } from 'node:assert';
import { kafka } from '../../../src/tech/kafka';
import { BROKERS } from './helpers';

const world = {
  brokers: BROKERS,
  producers: { shop: { recordsPerSecond: 100, recordBytes: 500, keys: { order_id: 1000 } } },
  consumers: { kitchen: { recordMs: 1 } },
};
const base = () => ({
  brokers: { instances: 3, config: {} as Record<string, unknown> },
  topics: { orders: { partitions: 3, 'replication.factor': 3, config: {} as Record<string, unknown> } },
  producers: { shop: { instances: 1, topic: 'orders', key: 'order_id' as string | null, config: {} as Record<string, unknown> } },
  consumers: { kitchen: { instances: 3, topics: ['orders'], config: {} as Record<string, unknown> } },
});
const messages = (config: unknown, running?: unknown) => kafka.crossCheck(config, world, running as never).map((d) => `${d.severity}: ${d.message}`);

describe('kafka cross-key rules', () => {
  it('the initial config of a healthy cluster has no findings', () => {
    assert.deepEqual(messages(base()), []);
  });

  it('replication.factor above the broker count is InvalidReplicationFactorException (KRaft wording)', () => {
    const c = base();
    c.brokers.instances = 1;
    assert.deepEqual(messages(c).filter((m) => m.startsWith('error')), [
      'error: InvalidReplicationFactorException: Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    ]);
  });

  it('partitions can only grow: fewer than the running topic is InvalidPartitionsException', () => {
    const running = kafka.normalize(base());
    const c = base();
    c.topics.orders.partitions = 2;
    assert.ok(messages(c, running).includes('error: InvalidPartitionsException: Topic currently has 3 partitions, which is higher than the requested 2.'));
  });

  it('min.insync.replicas above replication.factor is a warning: acks=all writes would always fail', () => {
    const c = base();
    c.topics.orders.config['min.insync.replicas'] = 4;
    const d = kafka.crossCheck(c, world);
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.deepEqual(d[0].path, ['topics', 'orders', 'config', 'min.insync.replicas']);
  });

  it('more consumer instances than partitions is an info: the extra members are idle', () => {
    const c = base();
    c.consumers.kitchen.instances = 5;
    assert.deepEqual(messages(c), ['info: kitchen runs 5 instances but orders has 3 partition(s): 2 member(s) will be idle (a partition is read by one member of a group at a time).']);
  });

  it('session.timeout.ms must lie within the broker group session limits, and the heartbeat must be shorter', () => {
    const c = base();
    c.consumers.kitchen.config['session.timeout.ms'] = 3000;
    c.consumers.kitchen.config['heartbeat.interval.ms'] = 3000;
    const found = messages(c);
    assert.ok(found.includes('error: IllegalArgumentException: Heartbeat must be set lower than the session timeout'));
    assert.ok(found.some((m) => m.startsWith('error: InvalidSessionTimeoutException: The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).')));
    c.brokers.config['group.min.session.timeout.ms'] = 2000;
    c.consumers.kitchen.config['heartbeat.interval.ms'] = 1000;
    assert.deepEqual(messages(c), []);
  });

  it('a keyless producer on a compacted topic is warned with the broker’s rejection text', () => {
    const c = base();
    c.topics.orders.config['cleanup.policy'] = 'compact';
    c.producers.shop.key = null;
    const [d] = kafka.crossCheck(c, world);
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.path, ['producers', 'shop', 'key']);
    assert.match(d.message, /Compacted topic cannot accept message without key in topic partition orders-0\./);
  });

  it('delivery.timeout.ms set below linger.ms + request.timeout.ms is a ConfigException; unset it is raised silently', () => {
    const c = base();
    c.producers.shop.config['delivery.timeout.ms'] = 20000;
    assert.deepEqual(messages(c), ['error: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms']);
    const unset = base();
    unset.producers.shop.config['linger.ms'] = 100000;
    assert.equal(kafka.normalize(unset).producers.shop.deliveryTimeoutMs, 130000);
  });

  it('applications and key fields must exist in the world', () => {
    const c = base();
    c.producers.shop.key = 'customer_id';
    assert.deepEqual(messages(c), ["error: shop records have no field 'customer_id' (fields: order_id)."]);
  });

  it('values are parsed the way a properties file would be: acks 1, "1", -1 and "all" are all accepted', () => {
    for (const acks of [1, '1', -1, 'all', 0]) {
      const c = base();
      c.producers.shop.config.acks = acks;
      const expected = acks === -1 || acks === 'all' ? 'all' : String(acks);
      assert.equal(kafka.normalize(c).producers.shop.acks, expected);
    }
  });

  it('bad values get Kafka’s ConfigException wording', () => {
    const text = kafka.valueErrorText!;
    assert.equal(text({ key: 'acks', value: 2, spec: { type: 'string', values: ['all', '-1', '0', '1'], doc: '' }, problem: 'values' }), 'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1');
    assert.equal(text({ key: 'max.poll.records', value: 0, spec: { type: 'int', min: 1, doc: '' }, problem: 'min' }), 'Invalid value 0 for configuration max.poll.records: Value must be at least 1');
  });
});
