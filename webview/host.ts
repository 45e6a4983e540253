// The webview's side of the VS Code API: typed posts to the host and the persisted UI state.
import type { FromWebview } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

// acquireVsCodeApi may be called once per page load.
const api: VsCodeApi = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** UI-only state that survives the panel being hidden and shown again (never simulation data). */
export interface UiState {
  /** Panel id -> open. */
  open: Record<string, boolean>;
  /** The event log follows new entries until the reader scrolls up. */
  logPinned: boolean;
  /** Scenarios whose briefing has been shown once: later views start with it collapsed. */
  seenBriefings?: string[];
}

function isUiState(value: unknown): value is UiState {
  const state = value as UiState | undefined;
  return typeof state === 'object' && state !== null && typeof state.open === 'object' && typeof state.logPinned === 'boolean';
}

export function loadUiState(): UiState {
  const saved = api.getState();
  return isUiState(saved) ? saved : { open: {}, logPinned: true };
}

export function saveUiState(state: UiState): void {
  api.setState(state);
}
