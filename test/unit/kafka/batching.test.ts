import { strict as assert } from 'node:assert';
import { compressionRatio } from '../../../src/tech/kafka/producer';
import { BROKERS, Harness } from './helpers';

const world = {
  brokers: { ...BROKERS, rttMs: 10 },
  producers: { sensors: { recordsPerSecond: 5000, recordBytes: 300, keys: { sensor_id: 100000 }, compressibility: { lz4: 0.4 } } },
  consumers: {},
};
const run = (producer: Record<string, unknown>) =>
  new Harness({
    brokers: { instances: 3 },
    topics: { telemetry: { partitions: 6, 'replication.factor': 3 } },
    producers: { sensors: { instances: 2, topic: 'telemetry', key: 'sensor_id', config: producer } },
  }, world).run(20);

describe('kafka producer batching', () => {
  it('linger.ms makes batches bigger and requests fewer', () => {
    const eager = run({ 'linger.ms': 0 });
    const lingering = run({ 'linger.ms': 50 });
    assert.ok(lingering.metric('producer.sensors.batch_size_avg') > 2 * eager.metric('producer.sensors.batch_size_avg'));
    assert.ok(lingering.metric('producer.sensors.requests') < eager.metric('producer.sensors.requests') / 2);
    assert.ok(lingering.metric('producer.sensors.throughput') > 4500);
  });

  it('linger.ms adds up to its value to the latency of records sent in the absence of load', () => {
    const h = new Harness({
      brokers: { instances: 3 },
      topics: { t: { partitions: 6, 'replication.factor': 3 } },
      producers: { sensors: { instances: 1, topic: 't', key: 'sensor_id', config: { 'linger.ms': 2000 } } },
      consumers: { reader: { instances: 1, topics: ['t'] } },
    }, { ...world, producers: { sensors: { ...world.producers.sensors, recordsPerSecond: 50 } }, consumers: { reader: { recordMs: 0.01, pollOverheadMs: 1 } } }).run(30);
    assert.ok(h.metric('latency.p99') > 1500, `p99 ${h.metric('latency.p99')}`);
  });

  it('a small batch.size caps what one round trip can carry: records pile up in the buffer', () => {
    const tiny = run({ 'batch.size': 300 });
    assert.ok(tiny.metric('producer.sensors.throughput') < 4000, `throughput ${tiny.metric('producer.sensors.throughput')}`);
    assert.ok(tiny.metric('producer.sensors.buffer_used') > 1);
  });

  it('compression shrinks the bytes on the wire, more so for fuller batches', () => {
    const plain = run({ 'linger.ms': 20 });
    const lz4 = run({ 'linger.ms': 20, 'compression.type': 'lz4' });
    assert.ok(lz4.metric('broker.network_in') < plain.metric('broker.network_in') * 0.7);
    assert.ok(compressionRatio(0.4, 1) > 0.9, 'a one-record batch barely compresses');
    assert.ok(compressionRatio(0.4, 100) < 0.41);
  });
});
