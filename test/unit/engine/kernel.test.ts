import { strict as assert } from 'node:assert';
import { holds, satisfaction } from '../../../src/engine/conditions';
import { MetricHistory } from '../../../src/engine/history';
import { createRng } from '../../../src/engine/rng';
import { scoreOf, starsFor } from '../../../src/engine/score';

describe('kernel: PRNG', () => {
  it('the same seed gives the same sequence; another seed another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.next()));
    assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => c.next()));
  });

  it('forked streams are stable and independent of draws on the parent', () => {
    const a = createRng(7);
    const b = createRng(7);
    b.next();
    b.next();
    assert.equal(a.fork('producer').next(), b.fork('producer').next());
    assert.notEqual(a.fork('producer').next(), a.fork('consumer').next());
  });

  it('poisson draws have the requested mean', () => {
    const rng = createRng(1);
    for (const mean of [0.5, 4, 200]) {
      let sum = 0;
      for (let i = 0; i < 20000; i++) sum += rng.poisson(mean);
      assert.ok(Math.abs(sum / 20000 - mean) < mean * 0.05 + 0.02, `mean ${mean}: ${sum / 20000}`);
    }
  });
});

describe('kernel: conditions and score', () => {
  it('compares as written and never holds for a missing metric', () => {
    assert.equal(holds('<', 3, 5), true);
    assert.equal(holds('>=', 5, 5), true);
    assert.equal(holds('<', NaN, 5), false);
  });

  it('satisfaction is the ratio of target to actual when an SLO is missed', () => {
    const lag = { metric: 'lag', op: '<' as const, value: 1000, label: '' };
    assert.equal(satisfaction(lag, { lag: 500 }), 1);
    assert.equal(satisfaction(lag, { lag: 4000 }), 0.25);
    const tput = { metric: 't', op: '>' as const, value: 100, label: '' };
    assert.equal(satisfaction(tput, { t: 50 }), 0.5);
  });

  it('score follows the seed formula and stars its thresholds', () => {
    assert.equal(scoreOf({ seconds: 60, hintsUsed: 1, finalHealth: 100, duplicates: 2 }), 1000 - 300 - 50 + 200 - 20);
    assert.equal(scoreOf({ seconds: 1000, hintsUsed: 0, finalHealth: 0, duplicates: 0 }), 0);
    assert.deepEqual([800, 799, 500, 499, 1, 0].map(starsFor), [3, 2, 2, 1, 1, 0]);
  });
});

describe('kernel: metric history', () => {
  it('keeps the newest samples in order once full, and gives deltas after a tick', () => {
    const h = new MetricHistory(3, 0.1);
    for (let tick = 1; tick <= 5; tick++) h.push(tick, { x: tick * 10 }, ['x']);
    const all = h.since(-1);
    assert.deepEqual(all.t.map((t) => Math.round(t * 10)), [3, 4, 5]);
    assert.deepEqual(all.series.x, [30, 40, 50]);
    assert.deepEqual(h.since(4).series.x, [50]);
  });
});
