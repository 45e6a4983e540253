// Typed messages between the extension host and the Ops Console webview.
// The only module both bundles import. The host owns all simulation state and history;
// the webview sends `ready`, gets a full snapshot, then one small delta per tick.
import type { LogEntry, RunOutcome as KernelOutcome, SloState } from './engine/run';
import type { ChartSpec, EntityStatus, Topology } from './engine/types';

export type RunStatus = 'running' | 'paused' | 'won' | 'lost';
export type Speed = 1 | 2 | 4;

/** One SLO of the checklist, live ("lag 12,400 records / < 1,000"). */
export type SloStatus = SloState;

export type { LogEntry };

/** The end of a run: shown as the victory or failure view. */
export interface RunOutcome extends KernelOutcome {
  /** Loss: what to look at next (e.g. the labels of the conditions that failed). */
  lookAt?: string[];
  bestScore?: number;
  nextScenarioId?: string;
}

export interface ScenarioView {
  id: string;
  title: string;
  track: string;
  index: number;
  difficulty: string;
  concept: string;
  version: string;
  briefing: { story: string; symptom: string; goal: string };
  worldFacts: string[];
  charts: ChartSpec[];
  hintCount: number;
  /** The run is lost when the simulated clock reaches this (shown next to the clock). */
  timeLimitSeconds?: number;
  concepts: { title: string; body: string }[];
}

/** The history series that carries run health (0–100) next to the metric series. */
export const HEALTH_SERIES = 'health';

/** Per-tick chart samples: `t` in simulated seconds, one array per metric name (plus HEALTH_SERIES). */
export interface History {
  t: number[];
  series: Record<string, number[]>;
}

export interface LiveState {
  tick: number;
  seconds: number;
  status: RunStatus;
  speed: Speed;
  health: number;
  slos: SloStatus[];
  topology: Topology;
  /** Number of hints revealed so far, and whether another one is on offer. */
  hintsShown: string[];
  hintAvailable: boolean;
  configPath: string;
  /** Latest diagnostics summary of the config file (errors block applying). */
  configErrors: number;
}

// ---------------------------------------------------------------- host -> webview

/** Everything needed to draw the console from scratch (sent on ready and when re-shown). */
export interface SnapshotMessage {
  type: 'snapshot';
  scenario: ScenarioView;
  live: LiveState;
  history: History;
  log: LogEntry[];
  outcome?: RunOutcome;
}

/** What changed in one or more ticks since the last message. */
export interface DeltaMessage {
  type: 'delta';
  live: LiveState;
  /** New samples to append to the history (same metric keys as the snapshot). */
  samples: History;
  log: LogEntry[];
}

export interface OutcomeMessage {
  type: 'outcome';
  outcome: RunOutcome;
}

export type ToWebview = SnapshotMessage | DeltaMessage | OutcomeMessage;

// ---------------------------------------------------------------- webview -> host

export interface ReadyMessage {
  type: 'ready';
}

export type ControlAction = 'pause' | 'resume' | 'step' | 'restart' | 'hint' | 'openConfig' | 'next';

export interface ControlMessage {
  type: 'control';
  action: ControlAction;
}

export interface SpeedMessage {
  type: 'speed';
  speed: Speed;
}

export type FromWebview = ReadyMessage | ControlMessage | SpeedMessage;

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; action?: unknown; speed?: unknown };
  switch (message.type) {
    case 'ready':
      return true;
    case 'control':
      return ['pause', 'resume', 'step', 'restart', 'hint', 'openConfig', 'next'].includes(String(message.action));
    case 'speed':
      return message.speed === 1 || message.speed === 2 || message.speed === 4;
    default:
      return false;
  }
}

export type { EntityStatus };
