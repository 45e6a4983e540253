import { strict as assert } from 'node:assert';
import { murmur2, partitionForKey, toPositive, utf8 } from '../../../src/tech/kafka/murmur2';
import { keySpread, keyValue } from '../../../src/tech/kafka/partitioner';
import { BROKERS, Harness } from './helpers';

const world = (keys: Record<string, number>, hotKeys: Record<string, number> = {}) => ({
  brokers: BROKERS,
  producers: { app: { recordsPerSecond: 2000, recordBytes: 200, keys, hotKeys } },
  consumers: {},
});
const config = (key: string | null) => ({
  brokers: { instances: 3 },
  topics: { events: { partitions: 6, 'replication.factor': 3 } },
  producers: { app: { instances: 2, topic: 'events', key } },
});
const perPartition = (h: Harness) => h.sim.cluster.topics.get('events')!.partitions.map((p) => p.log.hw);

describe('kafka partitioner', () => {
  it('murmur2 returns the values of Kafka UtilsTest for known keys', () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    assert.equal(murmur2(utf8('21')), -973932308);
    assert.equal(murmur2(utf8('foobar')), -790332482);
    assert.equal(murmur2(utf8('a-little-bit-long-string')), -985981536);
    assert.equal(murmur2(utf8('a-little-bit-longer-string')), -1486304829);
    assert.equal(murmur2(utf8('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')), -58897971);
    assert.equal(murmur2(utf8('abc')), 479470107);
  });

  it('toPositive clears the sign bit instead of taking the absolute value', () => {
    assert.equal(toPositive(-2147483648), 0);
    assert.equal(toPositive(-1), 2147483647);
    assert.equal(partitionForKey('21', 6), toPositive(-973932308) % 6);
  });

  it('records of one key all land on one partition', () => {
    const h = new Harness(config('store_id'), world({ store_id: 1 })).run(10);
    const counts = perPartition(h);
    const expected = partitionForKey(keyValue('store_id', 0), 6);
    counts.forEach((n, p) => (p === expected ? assert.ok(n > 15000) : assert.equal(n, 0)));
  });

  it('keyless records are spread over all partitions by the sticky partitioner', () => {
    const h = new Harness(config(null), world({ id: 1000 })).run(20);
    const counts = perPartition(h);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    for (const n of counts) assert.ok(n > mean * 0.6 && n < mean * 1.4, `uneven spread ${counts}`);
  });

  it('a hot key value makes one partition take its share no matter how many partitions exist', () => {
    for (const partitions of [6, 24]) {
      const spread = keySpread('city', 8, 0.5, partitions);
      assert.ok(Math.max(...spread.weights) >= 0.5, `hot partition share ${Math.max(...spread.weights)} with ${partitions} partitions`);
    }
  });
});
