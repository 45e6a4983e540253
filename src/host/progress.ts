// The player's progress: which scenarios were won and their best score. Stored in the
// extension's globalState so it survives restarts and is never lowered by a worse run.
import type * as vscode from 'vscode';

export interface ScenarioProgress {
  won: boolean;
  bestScore: number;
  bestStars: number;
  attempts: number;
}

interface StoredProgress {
  version: 1;
  scenarios: Record<string, ScenarioProgress>;
}

export const PROGRESS_KEY = 'distributedOps.progress';

/** What a track's ordering needs to decide whether a scenario is open. */
export interface Ordered {
  id: string;
  track: string;
  index: number;
}

export class ProgressStore {
  constructor(private readonly state: vscode.Memento) {}

  private read(): StoredProgress {
    const stored = this.state.get<StoredProgress>(PROGRESS_KEY);
    return stored?.version === 1 ? stored : { version: 1, scenarios: {} };
  }

  of(id: string): ScenarioProgress | undefined {
    return this.read().scenarios[id];
  }

  isWon(id: string): boolean {
    return this.of(id)?.won === true;
  }

  /**
   * Record a finished run. A win can only raise the best score; a loss only counts the attempt.
   */
  async record(id: string, result: { won: boolean; score: number; stars: number }): Promise<ScenarioProgress> {
    const stored = this.read();
    const before = stored.scenarios[id] ?? { won: false, bestScore: 0, bestStars: 0, attempts: 0 };
    const after: ScenarioProgress = {
      won: before.won || result.won,
      bestScore: result.won ? Math.max(before.bestScore, result.score) : before.bestScore,
      bestStars: result.won ? Math.max(before.bestStars, result.stars) : before.bestStars,
      attempts: before.attempts + 1,
    };
    await this.state.update(PROGRESS_KEY, { version: 1, scenarios: { ...stored.scenarios, [id]: after } } satisfies StoredProgress);
    return after;
  }

  hasAnyWin(): boolean {
    return Object.values(this.read().scenarios).some((progress) => progress.won);
  }

  async reset(): Promise<void> {
    await this.state.update(PROGRESS_KEY, undefined);
  }

  /** Scenario 1 of every track is open; scenario N+1 opens when N of the same track is won. */
  isUnlocked(scenario: Ordered, all: readonly Ordered[]): boolean {
    const previous = this.previousOf(scenario, all);
    return !previous || this.isWon(previous.id);
  }

  /** The scenario whose win opens this one (for "locked: win X first"). */
  previousOf(scenario: Ordered, all: readonly Ordered[]): Ordered | undefined {
    return all
      .filter((other) => other.track === scenario.track && other.index < scenario.index)
      .sort((a, b) => b.index - a.index)[0];
  }
}
