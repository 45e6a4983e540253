import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const config = (key: string | null) => ({
  brokers: { instances: 1, config: { 'log.cleaner.backoff.ms': 1000 } },
  topics: { prices: { partitions: 1, 'replication.factor': 1, config: { 'cleanup.policy': 'compact', 'segment.bytes': 200000 } } },
  producers: { ticker: { instances: 1, topic: 'prices', key } },
});
const world = { brokers: BROKERS, producers: { ticker: { recordsPerSecond: 1000, recordBytes: 100, keys: { symbol: 10 } } } };
const log = (h: Harness) => h.sim.cluster.topics.get('prices')!.partitions[0].log;

describe('kafka log compaction', () => {
  it('compaction keeps only the latest record per key in the cleaned segments', () => {
    const h = new Harness(config('symbol'), world).run(30);
    const l = log(h);
    const active = l.segments[l.segments.length - 1];
    const cleaned = l.composition(l.logStart, l.firstDirty);
    assert.ok(l.firstDirty > 20000, 'the cleaner ran over most of the log');
    assert.ok(cleaned.uniques <= 10 && cleaned.uniques >= 9, `cleaned part holds ${cleaned.uniques} records for 10 keys`);
    // The active segment (and anything after the cleaner checkpoint) is untouched.
    assert.equal(l.composition(active.base, l.hw).uniques, l.hw - active.base);
    assert.ok(h.saw('log cleaner compacted away'));
  });

  it('a compacted topic rejects records without a key', () => {
    const h = new Harness(config(null), world).run(5);
    assert.equal(log(h).hw, 0);
    assert.ok(h.saw('InvalidRecordException: Compacted topic cannot accept message without key in topic partition prices-0.'));
    assert.ok(h.dropped('prices/-', 'invalid-record') > 4000);
  });
});
