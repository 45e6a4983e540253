import { strict as assert } from 'node:assert';
import { BROKERS, Harness } from './helpers';

// 50 symbols, 2,000 updates/s: each symbol updates every 25 ms on average.
const world = {
  brokers: BROKERS,
  producers: { feed: { recordsPerSecond: 2000, recordBytes: 200, keys: { trade_id: 100000000, symbol: 50 }, orderingKeys: ['symbol'] } },
  consumers: { prices: { recordMs: 0.2, pollOverheadMs: 2 } },
};
const config = (key: string, instances = 4) => ({
  brokers: { instances: 3 },
  topics: { ticks: { partitions: 8, 'replication.factor': 3 } },
  producers: { feed: { instances: 1, topic: 'ticks', key } },
  consumers: { prices: { instances, topics: ['ticks'], config: { 'enable.auto.commit': false } } },
});

describe('kafka per-entity ordering across partitions', () => {
  it('updates of one symbol keyed by something else land on many partitions and are processed out of order by parallel members', () => {
    const h = new Harness(config('trade_id'), world).run(30);
    const flow = h.flow('ticks/prices');
    assert.ok(flow.outOfOrder > flow.delivered * 0.1, `out of order ${flow.outOfOrder} of ${flow.delivered}`);
    assert.ok(h.metric('group.prices.out_of_order_1m') > 0);
  });

  it('keyed by the symbol, each symbol stays on one partition and nothing is out of order', () => {
    const h = new Harness(config('symbol'), world).run(30);
    assert.equal(h.flow('ticks/prices').outOfOrder, 0);
    assert.equal(h.metric('group.prices.out_of_order'), 0);
  });

  it('the last-minute count forgets reorderings older than a minute', () => {
    const h = new Harness(config('trade_id'), world).run(20);
    const before = h.metric('group.prices.out_of_order');
    assert.ok(before > 0);
    h.reconfigure(config('symbol'));
    h.run(61);
    assert.ok(h.metric('group.prices.out_of_order') >= before, 'the cumulative count stays');
    assert.equal(h.metric('group.prices.out_of_order_1m'), 0);
    assert.equal(h.metric('ledger.out_of_order_1m'), 0);
  });
});
