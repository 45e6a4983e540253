// What activate() returns. Only the in-VS-Code tests use it: it lets them observe the extension
// (ticks, applied configs, the webview handshake) instead of sleeping and guessing.
import type * as vscode from 'vscode';
import type { RunOutcome } from '../protocol';
import type { CatalogService } from './catalogService';
import type { ProgressStore } from './progress';
import type { Prompter } from './prompter';
import type { ScenarioTreeProvider } from './scenarioTree';
import type { AppliedConfig, ConfigCheck, Session } from './session';

export interface DistributedOpsApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** Largest snapshot and delta posted to the console so far, in bytes of JSON. */
  messageSizes(): { snapshotMaxBytes: number; deltaMaxBytes: number; deltaAverageBytes: number };
  readonly treeProvider: ScenarioTreeProvider;
  readonly progress: ProgressStore;
  readonly catalog: CatalogService;
  /** A tree provider over a new ProgressStore read from globalState (dispose it when done). */
  createTreeProvider(): ScenarioTreeProvider;
  currentSession(): Session | undefined;
  /** Replace the dialogs (undefined restores the real ones); modal dialogs would block a test. */
  setPrompter(prompter: Prompter | undefined): void;
  readonly onDidStartSession: vscode.Event<Session>;
  readonly onDidTick: vscode.Event<number>;
  /** A run ended and its result was recorded. */
  readonly onDidEnd: vscode.Event<RunOutcome>;
  /** A saved config reached the kernel (accepted or rejected, with its diagnostics). */
  readonly onDidCheckConfig: vscode.Event<ConfigCheck>;
  /** A config took effect in the simulation (at the tick after it was saved). */
  readonly onDidApplyConfig: vscode.Event<AppliedConfig>;
  /** The Ops Console page loaded under its CSP and said `ready`. */
  readonly onDidWebviewReady: vscode.Event<void>;
}
