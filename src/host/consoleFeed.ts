// What the Ops Console is sent, built from the kernel's Run: the scenario header, the live state,
// and the cursor that turns the host's history and log into small per-frame deltas.
// Pure (no vscode), so message sizes are measured in plain Node tests.
import type { LogEntry, Run } from '../engine/run';
import type { TechModule } from '../engine/types';
import type { DeltaMessage, LiveState, RunOutcome, ScenarioView, SnapshotMessage, Speed } from '../protocol';
import type { Scenario } from '../scenario/types';

/** Session facts that are not the kernel's: the clock controls and the config file. */
export interface SessionFacts {
  paused: boolean;
  speed: Speed;
  configPath: string;
  configErrors: number;
}

export function scenarioView(scenario: Scenario, tech: TechModule): ScenarioView {
  return {
    id: scenario.id,
    title: scenario.title,
    track: scenario.track,
    index: scenario.index,
    difficulty: scenario.difficulty,
    concept: scenario.concept,
    version: tech.version,
    briefing: scenario.briefing,
    worldFacts: tech.describeWorld(scenario.world),
    charts: [...tech.charts],
    hintCount: scenario.hints.length,
    concepts: scenario.concepts,
  };
}

export function liveState(run: Run, facts: SessionFacts): LiveState {
  return {
    tick: run.tick,
    seconds: run.seconds,
    status: run.status === 'running' && facts.paused ? 'paused' : run.status,
    speed: facts.speed,
    health: run.health,
    slos: run.slos(),
    topology: run.topology(),
    hintsShown: run.hintsShown,
    hintAvailable: run.hintAvailable,
    configPath: facts.configPath,
    configErrors: facts.configErrors,
  };
}

/**
 * Remembers what the console already has: a snapshot sends everything, a delta only the history
 * samples and log entries that came after it.
 */
export class ConsoleFeed {
  private sentTick = -1;
  private pendingLog: LogEntry[] = [];
  /** Host events (not the kernel's) for the log, kept for snapshots. */
  private hostLog: LogEntry[] = [];

  constructor(
    private readonly view: ScenarioView,
    private readonly hostLogLimit = 200,
  ) {}

  /** A new run replaces the old one: everything sent so far is obsolete. */
  reset(): void {
    this.sentTick = -1;
    this.pendingLog = [];
    this.hostLog = [];
  }

  /** A log entry of the kernel's, to go out with the next delta. */
  kernelLog(entry: LogEntry): void {
    this.pendingLog.push(entry);
  }

  hostEvent(entry: LogEntry): void {
    this.hostLog.push(entry);
    if (this.hostLog.length > this.hostLogLimit) this.hostLog.splice(0, this.hostLog.length - this.hostLogLimit);
    this.pendingLog.push(entry);
  }

  snapshot(run: Run, live: LiveState, outcome: RunOutcome | undefined): SnapshotMessage {
    this.sentTick = run.history.latestTick();
    this.pendingLog = [];
    // Kernel and host entries in tick order (the sort is stable: kernel first at equal ticks).
    const log = [...run.log, ...this.hostLog].sort((a, b) => a.tick - b.tick);
    return { type: 'snapshot', scenario: this.view, live, history: run.history.since(-1), log, outcome };
  }

  /** What changed since the last snapshot or delta (call it even when nobody will see it). */
  delta(run: Run, live: LiveState): DeltaMessage {
    const samples = run.history.since(this.sentTick);
    this.sentTick = run.history.latestTick();
    const log = this.pendingLog;
    this.pendingLog = [];
    return { type: 'delta', live, samples, log };
  }
}
