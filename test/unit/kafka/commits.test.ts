import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

const world = (processing: 'sync' | 'async') => ({
  brokers: BROKERS,
  producers: { events: { recordsPerSecond: 1000, recordBytes: 200, keys: { id: 100000 } } },
  consumers: { sink: { recordMs: 1, pollOverheadMs: 5, processing, workerThreads: 2, startupSeconds: 2 } },
});
const config = (consumer: Record<string, unknown>) => ({
  brokers: { instances: 3 },
  topics: { events: { partitions: 2, 'replication.factor': 3 } },
  producers: { events: { instances: 1, topic: 'events', key: 'id' } },
  consumers: { sink: { instances: 1, topics: ['events'], config: { 'session.timeout.ms': 10000, ...consumer } } },
});
const crashAndRecover = (h: Harness) => {
  h.run(7);
  const crash = h.start('consumer-crash', 'sink', { instance: 0 });
  h.run(3);
  h.end(crash);
  h.run(40);
  return h.flow('events/sink');
};

describe('kafka offset commits', () => {
  it('auto-commit, processing in the poll loop: a crash redelivers what was processed since the last commit', () => {
    const flow = crashAndRecover(new Harness(config({ 'auto.commit.interval.ms': 5000 }), world('sync')));
    assert.ok(flow.duplicates > 500, `duplicates ${flow.duplicates}`);
    assert.equal(Object.values(flow.dropped).reduce((a, b) => a + b, 0), 0, 'nothing is lost');
  });

  it('auto-commit with records handed to worker threads: a crash loses records committed but not yet processed', () => {
    // Workers (2 x 3 ms per record) fall behind the poll loop, so the in-memory queue stays full.
    const slowWorkers = { ...world('async'), consumers: { sink: { recordMs: 3, pollOverheadMs: 5, processing: 'async', workerThreads: 2, startupSeconds: 2 } } };
    const flow = crashAndRecover(new Harness(config({ 'auto.commit.interval.ms': 1000, 'max.poll.records': 500 }), slowWorkers));
    assert.ok((flow.dropped['committed-unprocessed'] ?? 0) > 0, `dropped ${JSON.stringify(flow.dropped)}`);
  });

  it('commitSync after each batch: a crash redelivers at most the batch in progress', () => {
    const manual = crashAndRecover(new Harness(config({ 'enable.auto.commit': false, 'max.poll.records': 100 }), world('sync')));
    const auto = crashAndRecover(new Harness(config({ 'max.poll.records': 100 }), world('sync')));
    assert.ok(manual.duplicates <= 200, `manual commits redelivered ${manual.duplicates}`);
    assert.ok(auto.duplicates > manual.duplicates);
    assert.equal(Object.values(manual.dropped).reduce((a, b) => a + b, 0), 0);
  });
});

describe('kafka auto.offset.reset for a new group', () => {
  const deployLater = (reset: string | undefined) => {
    const w = { ...world('sync'), consumers: { sink: { recordMs: 0.01, pollOverheadMs: 1, startAt: 10 } } };
    const h = new Harness(config(reset ? { 'auto.offset.reset': reset } : {}), w).run(30);
    return h;
  };

  it('latest (the default) skips what is already in the topic: counted as skipped for that group', () => {
    const h = deployLater(undefined);
    assert.ok(h.dropped('events/sink', 'offset-reset') > 8000);
    assert.ok(h.saw('resetting to latest'));
  });

  it('earliest reads the existing records', () => {
    const h = deployLater('earliest');
    assert.equal(h.dropped('events/sink', 'offset-reset'), 0);
    assert.ok(h.flow('events/sink').delivered > 25000);
  });

  it('none fails the consumer when there is no committed offset', () => {
    const h = deployLater('none');
    assert.ok(h.saw('NoOffsetForPartitionException'));
    assert.equal(h.flow('events/sink').delivered, 0);
  });
});
