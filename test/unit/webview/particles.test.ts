import { strict as assert } from 'node:assert';
import { PARTICLES, perEdgeCap, spawnRate } from '../../../webview/topology/particles';

describe('webview topology: particle rates', () => {
  it('an edge with no traffic spawns no particles', () => {
    assert.equal(spawnRate(0), 0);
    assert.equal(spawnRate(-3), 0);
    assert.equal(spawnRate(Number.NaN), 0);
  });

  it('busier edges spawn more, each tenfold step adding the same amount (log scale)', () => {
    const [r30, r300, r3000] = [spawnRate(30), spawnRate(300), spawnRate(3000)];
    assert.ok(r30 < r300 && r300 < r3000);
    assert.ok(Math.abs(r3000 - r300 - (r300 - r30)) < 0.05);
  });

  it('5,000 msg/s and beyond hit the cap instead of flooding the DOM', () => {
    assert.ok(spawnRate(5000) <= PARTICLES.maxSpawnPerSecond);
    assert.equal(spawnRate(1e7), PARTICLES.maxSpawnPerSecond);
  });

  it('many edges share a fixed particle budget, but every edge keeps a few', () => {
    assert.equal(perEdgeCap(4), PARTICLES.maxPerEdge);
    for (const edges of [30, 60, 90]) assert.ok(perEdgeCap(edges) * edges <= PARTICLES.budget);
    assert.equal(perEdgeCap(1000), PARTICLES.minPerEdge);
    assert.equal(perEdgeCap(0), 0);
  });
});
