// The player's progress: unlock order and best scores (src/host/progress.ts, no VS Code needed).
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ProgressStore } from '../../../src/host/progress';

/** globalState stand-in: a Map behind the Memento interface. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, structuredClone(value));
    },
  } as vscode.Memento;
}

const track = [1, 2, 3].map((index) => ({ id: `kafka-0${index}`, track: 'kafka', index }));
const otherTrack = [{ id: 'redis-01', track: 'redis', index: 1 }, { id: 'redis-02', track: 'redis', index: 2 }];
const all = [...track, ...otherTrack];

describe('player progress', () => {
  it('opens the first scenario of every track and locks the rest', () => {
    const progress = new ProgressStore(memento());
    assert.deepEqual(all.map((s) => progress.isUnlocked(s, all)), [true, false, false, true, false]);
  });

  it('unlocks scenario N+1 of the same track when N is won, and only that one', async () => {
    const progress = new ProgressStore(memento());
    await progress.record('kafka-01', { won: true, score: 820, stars: 3 });
    assert.deepEqual(all.map((s) => progress.isUnlocked(s, all)), [true, true, false, true, false]);
  });

  it('a loss does not unlock anything but counts the attempt', async () => {
    const progress = new ProgressStore(memento());
    const after = await progress.record('kafka-01', { won: false, score: 0, stars: 0 });
    assert.equal(after.won, false);
    assert.equal(after.attempts, 1);
    assert.equal(progress.isUnlocked(track[1], all), false);
  });

  it('never lowers a best score, and a later loss does not take a win away', async () => {
    const progress = new ProgressStore(memento());
    await progress.record('kafka-01', { won: true, score: 700, stars: 2 });
    await progress.record('kafka-01', { won: true, score: 910, stars: 3 });
    await progress.record('kafka-01', { won: true, score: 450, stars: 1 });
    const after = await progress.record('kafka-01', { won: false, score: 0, stars: 0 });
    assert.deepEqual(after, { won: true, bestScore: 910, bestStars: 3, attempts: 4 });
  });

  it('survives a new store over the same state, and reset clears it', async () => {
    const state = memento();
    await new ProgressStore(state).record('kafka-01', { won: true, score: 800, stars: 3 });
    const reread = new ProgressStore(state);
    assert.equal(reread.isWon('kafka-01'), true);
    assert.equal(reread.hasAnyWin(), true);
    await reread.reset();
    assert.equal(new ProgressStore(state).of('kafka-01'), undefined);
    assert.equal(reread.hasAnyWin(), false);
  });
});
