import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

// 1,000 records/s of 1,000 bytes with 1 MB segments: a segment rolls about every second.
const workload = (consumers: Record<string, unknown> = {}) => ({
  brokers: BROKERS,
  producers: { logs: { recordsPerSecond: 1000, recordBytes: 1000, keys: {} } },
  consumers,
});
const config = (topicConfig: Record<string, unknown>, consumers: Record<string, unknown> = {}) => ({
  brokers: { instances: 1, config: { 'log.retention.check.interval.ms': 1000 } },
  topics: { logs: { partitions: 1, 'replication.factor': 1, config: { 'segment.bytes': 1048576, ...topicConfig } } },
  producers: { logs: { instances: 1, topic: 'logs', key: null, config: { 'linger.ms': 5 } } },
  consumers,
});
const log = (h: Harness) => h.sim.cluster.topics.get('logs')!.partitions[0].log;

describe('kafka retention', () => {
  it('retention.bytes deletes whole closed segments only: the log start moves to a segment boundary', () => {
    const h = new Harness(config({ 'retention.bytes': 5000000 }), workload()).run(30);
    const l = log(h);
    assert.ok(l.logStart > 0, 'old segments were deleted');
    assert.equal(l.segments[0].base, l.logStart, 'the log starts exactly at a segment boundary');
    // The partition keeps at least retention.bytes minus one segment, and never more than retention.bytes + one segment.
    const bytes = l.visibleBytes();
    assert.ok(bytes >= 5000000 - 1100000 && bytes <= 5000000 + 1200000, `size ${bytes}`);
    assert.ok(l.segments.length >= 4);
  });

  it('the segment still being written survives retention: only segments wholly past the limit go', () => {
    // UnifiedLog.deletableSegments: a segment goes only when its newest record is past retention.ms
    // (and it lies below the high watermark); the one receiving records never qualifies.
    const h = new Harness(config({ 'retention.ms': 3000 }), workload()).run(20);
    const l = log(h);
    const active = l.segments[l.segments.length - 1];
    assert.ok(active.end > active.base, 'the active segment holds records');
    assert.ok(l.logStart > 10000, 'older segments were deleted');
    for (const segment of l.segments.slice(0, -1)) assert.ok(20000 - segment.lastMs <= 3000 + 1100, 'no expired closed segment is left');
  });

  it('retention.ms deletes segments whose newest record is older than the limit, in steps of the check interval', () => {
    const h = new Harness(config({ 'retention.ms': 10000 }), workload()).run(40);
    const l = log(h);
    const oldestAge = 40000 - l.segments[0].lastMs;
    assert.ok(oldestAge <= 10000 + 1000 + 1100, `oldest segment's newest record is ${oldestAge} ms old`);
    assert.ok(l.logStart > 15000);
  });

  it('records deleted before a group reads them are lost for that group (retention), not for a group that kept up', () => {
    const consumers = { fast: { instances: 1, topics: ['logs'] }, slow: { instances: 1, topics: ['logs'], config: { 'auto.offset.reset': 'earliest' } } };
    const h = new Harness(config({ 'retention.bytes': 3000000 }, consumers), workload({ fast: { recordMs: 0.01, pollOverheadMs: 1 }, slow: { recordMs: 5, pollOverheadMs: 1 } })).run(40);
    assert.equal(h.dropped('logs/fast', 'retention'), 0);
    // 40 s x 1,000/s written, about 200/s read, 3 MB (about 3,000 records) kept: most records expire unread.
    assert.ok(h.dropped('logs/slow', 'retention') > 25000, `slow lost ${h.dropped('logs/slow', 'retention')}`);
  });

  it('with auto.offset.reset=latest, a group that fell off the log start jumps to the end and skips the rest', () => {
    const consumers = { slow: { instances: 1, topics: ['logs'] } };
    const h = new Harness(config({ 'retention.bytes': 3000000 }, consumers), workload({ slow: { recordMs: 5, pollOverheadMs: 1 } })).run(40);
    assert.ok(h.dropped('logs/slow', 'retention') > 0);
    assert.ok(h.dropped('logs/slow', 'offset-reset') > 0);
    assert.ok(h.saw('an out-of-range offset, resetting to latest'));
  });
});
