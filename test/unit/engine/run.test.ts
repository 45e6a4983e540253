import { strict as assert } from 'node:assert';
import { play } from '../../../src/engine/play';
import { Run, WIN_STREAK_TICKS } from '../../../src/engine/run';
import type { Scenario } from '../../../src/scenario/types';
import { queueTech } from './queueTech';

// 40 items/s arrive from t=5 s (a 4x spike of 10/s); one worker handles 10/s, so the queue grows
// until the player adds workers.
function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    id: 'queue-01',
    track: 'queue',
    index: 1,
    title: 'Queue',
    difficulty: 'beginner',
    concept: 'workers',
    briefing: { story: 's', symptom: 's', goal: 'g' },
    world: { arrivalsPerSecond: 10 },
    incidents: [{ at: 5, kind: 'spike', params: { factor: 4 } }],
    config: { pool: { 'worker.count': 1 } },
    victory: [{ metric: 'queue.depth', op: '<', value: 5, label: 'Queue under 5' }],
    loss: [{ metric: 'queue.depth', op: '>', value: 500, label: 'Queue over 500', forSeconds: 2, reason: 'The queue overflowed' }],
    timeLimitSeconds: 60,
    hints: [{ text: 'Look at the workers', afterSeconds: 10 }, { text: 'Add workers', healthBelow: 30 }],
    concepts: [],
    solution: { name: 'more workers', patch: { pool: { 'worker.count': 5 } }, why: '' },
    wrongFixes: [],
    source: 'test',
    ...overrides,
  };
}

const configText = (workers: number) => `pool:\n  worker.count: ${workers}\n`;

describe('kernel: Run', () => {
  it('a healthy system does not win before the last scripted incident has happened', () => {
    const run = new Run({ scenario: scenario({ config: { pool: { 'worker.count': 10 } } }), tech: queueTech, seed: 1 });
    while (run.tick < 50) run.step();
    assert.equal(run.status, 'running', 'incident at 5 s: no win may be counted before tick 50');
    while (run.status === 'running') run.step();
    assert.equal(run.status, 'won');
    assert.equal(run.tick, 50 + WIN_STREAK_TICKS, 'wins after 10 consecutive good ticks past the incident');
  });

  it('the untouched broken config loses by its loss condition, sustained for forSeconds', () => {
    const { run } = play({ scenario: scenario(), tech: queueTech, seed: 1 });
    assert.equal(run.status, 'lost');
    assert.equal(run.outcome?.reason, 'The queue overflowed');
    // depth grows 3 items/tick from tick 50; > 500 from tick 217; sustained 20 ticks.
    assert.ok(run.tick > 217 && run.tick < 250, `lost at tick ${run.tick}`);
  });

  it('a valid saved config applies at the next tick and the log says what changed', () => {
    const run = new Run({ scenario: scenario(), tech: queueTech, seed: 1 });
    run.step();
    const result = run.submitConfig(configText(5));
    assert.equal(result.applied, true);
    assert.deepEqual(result.changes, ['pool.worker.count: 1 → 5']);
    assert.equal(run.metrics().workers, 1, 'not before the next tick');
    run.step();
    assert.equal(run.metrics().workers, 5);
    assert.ok(run.log.some((e) => e.text.includes('pool.worker.count: 1 → 5')));
  });

  it('broken YAML is rejected with a positioned diagnostic and the last good config keeps running', () => {
    const run = new Run({ scenario: scenario(), tech: queueTech, seed: 1 });
    run.submitConfig(configText(3));
    run.step();
    const result = run.submitConfig('pool:\n  worker.count: [5\n');
    assert.equal(result.applied, false);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.line >= 2), JSON.stringify(result.diagnostics));
    const before = run.tick;
    run.step();
    run.step();
    assert.equal(run.tick, before + 2, 'the simulation keeps running');
    assert.equal(run.metrics().workers, 3, 'last good config still in force');
    assert.ok(run.log.some((e) => e.level === 'warn' && e.text.startsWith('Config rejected')));
  });

  it('out-of-range values and unknown keys are diagnosed at the key, with a suggestion for typos', () => {
    const run = new Run({ scenario: scenario(), tech: queueTech, seed: 1 });
    const result = run.submitConfig('pool:\n  worker.count: 0\n  worker.rat: 4\n');
    const byLine = Object.fromEntries(result.diagnostics.map((d) => [d.line, d]));
    assert.equal(byLine[2].severity, 'error');
    assert.match(byLine[2].message, /at least 1/);
    assert.equal(byLine[3].severity, 'warning');
    assert.match(byLine[3].message, /Did you mean 'worker\.rate'\?/);
    assert.equal(result.applied, false);
  });

  it('health falls while an SLO is missed and recovers once it holds', () => {
    const run = new Run({ scenario: scenario({ loss: [] }), tech: queueTech, seed: 1 });
    while (run.tick < 150) run.step();
    const sick = run.health;
    assert.ok(sick < 20, `health ${sick}`);
    run.submitConfig(configText(8));
    while (run.status === 'running') run.step();
    assert.equal(run.status, 'won');
    assert.ok(run.health > sick);
  });

  it('a time limit ends a run that never recovers', () => {
    const { run } = play({ scenario: scenario({ loss: [], timeLimitSeconds: 20 }), tech: queueTech, seed: 1 });
    assert.equal(run.status, 'lost');
    assert.match(run.outcome!.reason!, /Time limit/);
    assert.equal(run.seconds, 20);
  });

  it('hints are offered by time or health, revealed in order, and cost score', () => {
    const run = new Run({ scenario: scenario({ loss: [] }), tech: queueTech, seed: 1 });
    assert.equal(run.hintAvailable, false);
    while (run.tick < 100) run.step();
    assert.equal(run.hintAvailable, true);
    assert.equal(run.revealHint(), 'Look at the workers');
    assert.equal(run.revealHint(), 'Add workers');
    assert.equal(run.revealHint(), undefined);
    run.submitConfig(configText(8));
    while (run.status === 'running') run.step();
    const o = run.outcome!;
    assert.equal(o.hintsUsed, 2);
    assert.equal(o.score, Math.max(0, Math.round(1000 - 5 * o.seconds - 100 + 2 * o.finalHealth)));
  });

  it('stepping after the end changes nothing', () => {
    const { run } = play({ scenario: scenario(), tech: queueTech, seed: 1 });
    const tick = run.tick;
    run.step();
    assert.equal(run.tick, tick);
  });
});
