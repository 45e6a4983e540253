// What the console shows, rebuilt from host messages: a snapshot replaces everything, a delta
// appends. Pure, so the rules (history window, log window, restart) are unit-tested.
import type { History, LiveState, LogEntry, RunOutcome, ScenarioView, ToWebview } from '../src/protocol';

/** 2 minutes of 100 ms ticks; a longer snapshot from the host widens the window. */
export const DEFAULT_HISTORY_POINTS = 1200;
export const MAX_LOG_ENTRIES = 500;

export interface ConsoleState {
  scenario: ScenarioView;
  live: LiveState;
  history: History;
  historyLimit: number;
  log: LogEntry[];
  outcome?: RunOutcome;
}

export function emptyHistory(): History {
  return { t: [], series: {} };
}

/** Append `samples` to `history`, keeping the last `limit` points; a metric first seen now is back-filled with NaN (a gap). */
export function appendHistory(history: History, samples: History, limit: number): History {
  const added = samples.t.length;
  if (added === 0) return history;
  const total = history.t.length + added;
  const drop = Math.max(0, total - limit);
  const t = history.t.concat(samples.t).slice(drop);
  const series: Record<string, number[]> = {};
  const names = new Set([...Object.keys(history.series), ...Object.keys(samples.series)]);
  for (const name of names) {
    const before = history.series[name] ?? new Array<number>(history.t.length).fill(NaN);
    const after = samples.series[name] ?? new Array<number>(added).fill(NaN);
    series[name] = before.concat(after).slice(drop);
  }
  return { t, series };
}

function trimHistory(history: History, limit: number): History {
  return appendHistory(emptyHistory(), history, limit);
}

function lastEntries<T>(items: T[], limit: number): T[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}

export function reduce(state: ConsoleState | undefined, message: ToWebview): ConsoleState | undefined {
  switch (message.type) {
    case 'snapshot': {
      const historyLimit = Math.max(DEFAULT_HISTORY_POINTS, message.history.t.length);
      return {
        scenario: message.scenario,
        live: message.live,
        history: trimHistory(message.history, historyLimit),
        historyLimit,
        log: lastEntries(message.log, MAX_LOG_ENTRIES),
        outcome: message.outcome,
      };
    }
    case 'delta': {
      if (!state) return state; // a delta before the first snapshot has nothing to extend
      // A run that is running or paused again (restart) has no outcome any more.
      const finished = message.live.status === 'won' || message.live.status === 'lost';
      return {
        ...state,
        live: message.live,
        history: appendHistory(state.history, message.samples, state.historyLimit),
        log: message.log.length ? lastEntries(state.log.concat(message.log), MAX_LOG_ENTRIES) : state.log,
        outcome: finished ? state.outcome : undefined,
      };
    }
    case 'outcome':
      return state && { ...state, outcome: message.outcome };
    default: {
      const unknown: never = message;
      return unknownMessage(state, unknown);
    }
  }
}

/** Messages from a newer host are ignored rather than breaking the view. */
function unknownMessage(state: ConsoleState | undefined, _message: never): ConsoleState | undefined {
  return state;
}
