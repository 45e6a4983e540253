import { strict as assert } from 'node:assert';
import { assignPartitions } from '../../../src/tech/kafka/assignors';
import { BROKERS, Harness } from './helpers';

const world = (recordMs: number) => ({
  brokers: BROKERS,
  producers: { app: { recordsPerSecond: 3000, recordBytes: 200, keys: { id: 100000 } } },
  consumers: { workers: { recordMs, pollOverheadMs: 2 } },
});
const config = (instances: number, extra: Record<string, unknown> = {}) => ({
  brokers: { instances: 3 },
  topics: { jobs: { partitions: 6, 'replication.factor': 3 } },
  producers: { app: { instances: 2, topic: 'jobs', key: 'id' } },
  consumers: { workers: { instances, topics: ['jobs'], config: extra } },
});

describe('kafka consumer groups', () => {
  it('6 partitions and 8 members: 2 members sit idle and throughput does not grow beyond 6 members', () => {
    // 4 ms per record: a member handles about 250 records/s, far below the 3,000/s arriving.
    const six = new Harness(config(6), world(4)).run(30);
    const eight = new Harness(config(8), world(4)).run(30);
    assert.equal(eight.metric('group.workers.idle'), 2);
    assert.equal(six.metric('group.workers.idle'), 0);
    const t6 = six.metric('group.workers.throughput');
    const t8 = eight.metric('group.workers.throughput');
    assert.ok(t6 > 1000, `six members should be busy, got ${t6}/s`);
    assert.ok(Math.abs(t8 - t6) / t6 < 0.1, `8 members ${t8}/s vs 6 members ${t6}/s`);
  });

  it('more members than partitions: the group keeps one owner per partition', () => {
    const h = new Harness(config(8), world(0.1)).run(10);
    const group = h.sim.groups.get('workers')!;
    const owners = group.parts.get('jobs')!.map((gp) => gp.owner?.id);
    assert.equal(new Set(owners).size, 6);
    assert.ok(owners.every((o) => o !== undefined));
  });

  it('RangeAssignor gives the first members the extra partitions; sticky assignors keep previous owners', () => {
    const range = assignPartitions('range', ['a', 'b', 'c', 'd'], new Map([['t', 6]]), new Map());
    assert.deepEqual([...range.values()].map((l) => l.length), [2, 2, 1, 1]);
    const previous = new Map([['t-0', 'a'], ['t-1', 'a'], ['t-2', 'b'], ['t-3', 'b'], ['t-4', 'c'], ['t-5', 'c']]);
    const sticky = assignPartitions('cooperative-sticky', ['a', 'b', 'c', 'd'], new Map([['t', 6]]), previous);
    const moved = [...sticky.entries()].flatMap(([m, l]) => l.filter((tp) => previous.get(`t-${tp.index}`) !== m));
    assert.equal(moved.length, 1, 'adding one member to 3x2 partitions moves exactly one partition');
    assert.equal(sticky.get('d')!.length, 1);
  });

  it('scaling out triggers an eager rebalance that stops every member', () => {
    const h = new Harness(config(3), world(0.5)).run(5);
    const before = h.metric('group.workers.rebalances');
    h.reconfigure({ ...config(3), consumers: { workers: { instances: 5, topics: ['jobs'] } } });
    h.run(10);
    assert.ok(h.metric('group.workers.rebalances') > before);
    assert.ok(h.saw('rebalancing (eager)'));
    assert.equal(h.metric('group.workers.members'), 5);
  });
});

describe('kafka rebalance protocols', () => {
  const scaleOut = (assignment: Record<string, unknown>) => {
    const h = new Harness(config(4, assignment), world(1)).run(5);
    h.reconfigure({ ...config(4, assignment), consumers: { workers: { instances: 6, topics: ['jobs'], config: assignment } } });
    h.run(20);
    return h;
  };

  it('an eager rebalance revokes every partition; cooperative-sticky only moves what must move', () => {
    const eager = scaleOut({});
    assert.ok(eager.saw('6 partition(s) revoked and reassigned'));
    const cooperative = scaleOut({ 'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor' });
    assert.ok(cooperative.saw('rebalancing (cooperative)'));
    assert.ok(cooperative.saw('2 partition(s) revoked and reassigned'), cooperative.events.map((e) => e.text).join('\n'));
    assert.equal(cooperative.metric('group.workers.members'), 6);
    assert.equal(cooperative.flow('jobs/workers').duplicates, 0, 'a revoked partition is committed before it moves');
  });

  it('static members (group.instance.id) that restart within session.timeout.ms cause no rebalance', () => {
    const restarts = (extra: Record<string, unknown>) => {
      const h = new Harness(config(3, extra), world(0.5)).run(5);
      h.start('consumer-restart', 'workers');
      h.run(40);
      return h.metric('group.workers.rebalances');
    };
    assert.ok(restarts({}) >= 3, 'each dynamic member leaves and rejoins: rebalances');
    assert.equal(restarts({ 'group.instance.id': 'worker' }), 0);
  });
});
