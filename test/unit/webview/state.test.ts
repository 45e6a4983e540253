import { strict as assert } from 'node:assert';
import type { DeltaMessage, History, LiveState, SnapshotMessage } from '../../../src/protocol';
import { DEFAULT_HISTORY_POINTS, MAX_LOG_ENTRIES, reduce, type ConsoleState } from '../../../webview/state';
import fixture from '../../fixtures/webview/kafka-snapshot.json';

const snapshot = fixture as unknown as SnapshotMessage;

function samples(from: number, count: number, names = ['throughput.in']): History {
  const t = Array.from({ length: count }, (_, i) => (from + i) / 10);
  return { t, series: Object.fromEntries(names.map((n) => [n, t.map((x) => x * 2)])) };
}

function delta(live: Partial<LiveState>, sampleData: History, log: DeltaMessage['log'] = []): DeltaMessage {
  return { type: 'delta', live: { ...snapshot.live, ...live }, samples: sampleData, log };
}

function fromSnapshot(history: History = samples(0, 10)): ConsoleState {
  const state = reduce(undefined, { ...snapshot, history, log: [] });
  assert.ok(state);
  return state;
}

describe('webview state: snapshot and deltas', () => {
  it('a snapshot replaces everything, including an earlier outcome', () => {
    const ended = reduce(fromSnapshot(), { type: 'outcome', outcome: { won: true, seconds: 84, hintsUsed: 0, finalHealth: 90, duplicates: 0, score: 760, stars: 2 } });
    assert.ok(ended?.outcome);
    const fresh = reduce(ended, snapshot);
    assert.equal(fresh?.outcome, undefined);
    assert.equal(fresh?.history.t.length, snapshot.history.t.length);
    assert.equal(fresh?.log.length, snapshot.log.length);
  });

  it('deltas append samples and keep only the last 1,200 points', () => {
    let state: ConsoleState | undefined = fromSnapshot(samples(0, 1190));
    state = reduce(state, delta({ tick: 1200 }, samples(1190, 25)));
    assert.equal(state?.history.t.length, DEFAULT_HISTORY_POINTS);
    assert.equal(state?.history.t.at(-1), 121.4);
    assert.equal(state?.history.t[0], 1.5, 'the 15 oldest points were dropped');
    assert.equal(state?.history.series['throughput.in'].length, DEFAULT_HISTORY_POINTS);
  });

  it('a longer snapshot from the host widens the window to what it sent', () => {
    let state: ConsoleState | undefined = fromSnapshot(samples(0, 3000));
    assert.equal(state.historyLimit, 3000);
    state = reduce(state, delta({}, samples(3000, 5)));
    assert.equal(state?.history.t.length, 3000);
  });

  it('a metric that first appears in a delta is a gap before it (a new consumer group)', () => {
    let state: ConsoleState | undefined = fromSnapshot(samples(0, 3));
    state = reduce(state, delta({}, samples(3, 2, ['throughput.in', 'lag.new-group'])));
    const lag = state?.history.series['lag.new-group'];
    assert.equal(lag?.length, 5);
    assert.ok(lag?.slice(0, 3).every(Number.isNaN));
    assert.deepEqual(lag?.slice(3), [0.6, 0.8]);
  });

  it('a delta before the first snapshot is ignored (the snapshot always comes first)', () => {
    assert.equal(reduce(undefined, delta({}, samples(0, 1))), undefined);
  });

  it('the log keeps the newest entries and drops the oldest', () => {
    let state: ConsoleState | undefined = fromSnapshot();
    const entries = Array.from({ length: MAX_LOG_ENTRIES + 20 }, (_, i) => ({ tick: i, level: 'info' as const, text: `event ${i}` }));
    state = reduce(state, delta({}, samples(10, 1), entries));
    assert.equal(state?.log.length, MAX_LOG_ENTRIES);
    assert.equal(state?.log[0].text, 'event 20');
    assert.equal(state?.log.at(-1)?.text, `event ${MAX_LOG_ENTRIES + 19}`);
  });

  it('the outcome stays while the run is over and goes once it runs again (restart)', () => {
    const outcome = { won: false, seconds: 600, hintsUsed: 1, finalHealth: 0, duplicates: 0, score: 0, stars: 0, reason: 'Time limit reached' };
    let state = reduce(fromSnapshot(), { type: 'outcome', outcome });
    state = reduce(state, delta({ status: 'lost' }, samples(10, 1)));
    assert.deepEqual(state?.outcome, outcome);
    state = reduce(state, delta({ status: 'running', tick: 0 }, samples(11, 1)));
    assert.equal(state?.outcome, undefined);
  });
});
