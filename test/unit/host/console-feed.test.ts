// What the Ops Console is sent (src/host/consoleFeed.ts): a snapshot, then deltas that carry
// exactly the new samples and log entries, small enough for ten updates a second.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Run } from '../../../src/engine/run';
import { ConsoleFeed, liveState, scenarioView, type SessionFacts } from '../../../src/host/consoleFeed';
import { loadCatalog } from '../../../src/scenario/catalog';
import { techById } from '../../../src/tech';

const catalog = loadCatalog(path.join(__dirname, '..', '..', '..', 'scenarios'));
const facts: SessionFacts = { paused: false, speed: 4, configPath: '/tmp/kafka-01.yaml', configErrors: 0 };

function kafka01Run(seed = 7): Run {
  const scenario = catalog.scenarios.find((s) => s.id === 'kafka-01');
  assert.ok(scenario, 'kafka-01 is not in the catalog');
  return new Run({ scenario, tech: techById('kafka')!, seed });
}

describe('Ops Console feed', () => {
  it('deltas carry every sample exactly once, in order, after the snapshot', () => {
    const run = kafka01Run();
    const feed = new ConsoleFeed(scenarioView(run.scenario, run.tech));
    for (let i = 0; i < 20; i++) run.step();
    const seen = [...feed.snapshot(run, liveState(run, facts), undefined).history.t];
    for (let frame = 0; frame < 30; frame++) {
      for (let i = 0; i < 1 + (frame % 4); i++) run.step();
      const delta = feed.delta(run, liveState(run, facts));
      for (const series of Object.values(delta.samples.series)) assert.equal(series.length, delta.samples.t.length);
      seen.push(...delta.samples.t);
    }
    assert.deepEqual(seen, run.history.since(-1).t);
  });

  it('log entries reach the console once: the kernel\'s and the host\'s, in tick order in a snapshot', () => {
    const run = kafka01Run();
    const feed = new ConsoleFeed(scenarioView(run.scenario, run.tech));
    run.onLog((entry) => feed.kernelLog(entry));
    for (let i = 0; i < 5; i++) run.step();
    feed.hostEvent({ tick: run.tick, level: 'info', text: 'Paused: the Ops Console was closed.' });
    const first = feed.delta(run, liveState(run, facts));
    assert.ok(first.log.some((e) => e.text.startsWith('Paused')));
    assert.equal(feed.delta(run, liveState(run, facts)).log.length, 0, 'nothing new, nothing sent');
    const snapshot = feed.snapshot(run, liveState(run, facts), undefined);
    assert.ok(snapshot.log.some((e) => e.text.startsWith('Paused')), 'host events survive into snapshots');
    assert.deepEqual(snapshot.log.map((e) => e.tick), [...snapshot.log.map((e) => e.tick)].sort((a, b) => a - b));
  });

  it('a delta of four ticks (one frame at 4×) stays under 10 kB through the whole incident', () => {
    const run = kafka01Run();
    const feed = new ConsoleFeed(scenarioView(run.scenario, run.tech));
    run.onLog((entry) => feed.kernelLog(entry));
    feed.snapshot(run, liveState(run, facts), undefined);
    let largest = 0;
    const ticks = Math.min(run.scenario.timeLimitSeconds * 10, 1800);
    while (run.status === 'running' && run.tick < ticks) {
      for (let i = 0; i < 4; i++) run.step();
      largest = Math.max(largest, JSON.stringify(feed.delta(run, liveState(run, facts))).length);
    }
    assert.ok(largest < 10 * 1024, `largest delta ${largest} bytes`);
  });
});
