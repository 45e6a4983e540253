// One play of one scenario inside VS Code: the kernel's Run, the tick loop that drives it, the
// config file the player edits (save and external changes are applied, deletion survived), its
// diagnostics, and the Ops Console panel fed from host-owned state.
import { randomInt } from 'node:crypto';
import * as vscode from 'vscode';
import { Run, type LogEntry } from '../engine/run';
import { TICK_MS, type TechModule } from '../engine/types';
import type { LiveState, RunOutcome, RunStatus, SnapshotMessage, Speed } from '../protocol';
import { diffConfigs, formatChange, generateConfigText, type PositionedDiagnostic } from '../scenario/configFile';
import type { Scenario } from '../scenario/types';
import { readConfigFile, resolveConfigFile, writeConfigFile } from './configFiles';
import { ConsoleFeed, liveState, scenarioView } from './consoleFeed';
import { ConsolePanel } from './consolePanel';
import { errorCount, toVscodeDiagnostics } from './diagnostics';
import { Disposable, intervalDisposable } from './dispose';
import type { Prompter } from './prompter';
import type { SessionStatusBar } from './statusBar';

/** Deltas to the console are coalesced to about ten per second at every speed. */
const DELTA_INTERVAL_MS = 100;
/** Typing is checked (not applied) once the player pauses for this long. */
const LIVE_CHECK_DELAY_MS = 300;

export interface SessionServices {
  context: vscode.ExtensionContext;
  diagnostics: vscode.DiagnosticCollection;
  statusBar: SessionStatusBar;
  prompter: Prompter;
  output: vscode.LogOutputChannel;
}

/** A saved config reached the kernel. */
export interface ConfigCheck {
  origin: 'save' | 'external';
  applied: boolean;
  diagnostics: readonly PositionedDiagnostic[];
  /** What will change at the next tick ("consumers.kitchen.config.max.poll.records: 1 → 500"). */
  changes: readonly string[];
}

/** A config took effect in the running simulation. */
export interface AppliedConfig {
  tick: number;
  changes: readonly string[];
  config: Record<string, unknown>;
}

/** What the console's control buttons ask for; the controller maps them to commands. */
export type SessionControl = 'pause' | 'resume' | 'step' | 'restart' | 'hint' | 'openConfig' | 'next' | { speed: Speed };

export class Session extends Disposable {
  private run: Run;
  private detachRunLog: () => void;
  private speed: Speed = 1;
  private paused = false;
  private pausedByClosingConsole = false;
  private loop: vscode.Disposable | undefined;
  private panel: ConsolePanel | undefined;
  readonly configUri: vscode.Uri;
  private readonly configFolder: vscode.Uri;
  /** Last text handed to the kernel (saves and watcher events of the same text are one change). */
  private lastSubmittedText: string;
  /** Last text the kernel accepted: what a deleted file is recreated from. */
  private lastGoodText: string;
  private lastDiagnostics: readonly PositionedDiagnostic[] = [];
  private readonly feed: ConsoleFeed;
  private lastDeltaAt = 0;
  private hintWasAvailable = false;
  private outcome: RunOutcome | undefined;
  private liveCheck: ReturnType<typeof setTimeout> | undefined;

  private readonly ticked = this.own(new vscode.EventEmitter<number>());
  readonly onDidTick = this.ticked.event;
  private readonly ended = this.own(new vscode.EventEmitter<Run>());
  /** The run was won or lost (the loop has stopped). */
  readonly onDidEnd = this.ended.event;
  private readonly checked = this.own(new vscode.EventEmitter<ConfigCheck>());
  readonly onDidCheckConfig = this.checked.event;
  private readonly applied = this.own(new vscode.EventEmitter<AppliedConfig>());
  readonly onDidApplyConfig = this.applied.event;
  private readonly webviewReady = this.own(new vscode.EventEmitter<void>());
  readonly onDidWebviewReady = this.webviewReady.event;
  private readonly restarted = this.own(new vscode.EventEmitter<void>());
  /** A fresh run replaced the previous one. */
  readonly onDidRestart = this.restarted.event;
  private readonly controlled = this.own(new vscode.EventEmitter<SessionControl>());
  readonly onDidRequestControl = this.controlled.event;

  constructor(
    readonly scenario: Scenario,
    readonly tech: TechModule,
    private readonly services: SessionServices,
  ) {
    super();
    const file = resolveConfigFile(services.context, scenario.id);
    this.configUri = file.uri;
    this.configFolder = file.folder;
    if (file.fallbackReason) {
      void services.prompter.notify('warning', `Distributed Ops: the config file is in the extension's storage because ${file.fallbackReason}.`);
    }
    this.feed = new ConsoleFeed(scenarioView(scenario, tech));
    this.run = this.newRun();
    this.detachRunLog = this.attachRunLog();
    this.lastSubmittedText = this.lastGoodText = generateConfigText(scenario, tech);
    this.own({ dispose: () => this.detachRunLog() });
    this.own({ dispose: () => this.stopLoop() });
    this.own({ dispose: () => clearTimeout(this.liveCheck) });
    this.own({ dispose: () => services.diagnostics.delete(this.configUri) });
    this.watchConfigFile();
  }

  /** Write the fresh config file, open the console and the file beside it, start the clock. */
  async open(): Promise<void> {
    await writeConfigFile(this.configUri, this.configFolder, this.lastGoodText);
    const groupsBefore = vscode.window.tabGroups.all.length;
    this.showConsole();
    await this.showConfig({ preserveFocus: true, column: vscode.ViewColumn.Beside });
    // The console needs room for its topology: when the session itself made the two-column
    // layout, give it 60%. A layout the user had already made is left alone.
    if (groupsBefore <= 1 && vscode.window.tabGroups.all.length === 2) {
      await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.6 }, { size: 0.4 }] });
    }
    this.startLoop();
  }

  // ---------------------------------------------------------------- state for tests and views

  get currentRun(): Run {
    return this.run;
  }

  get status(): RunStatus {
    return this.run.status === 'running' && this.paused ? 'paused' : this.run.status;
  }

  get currentSpeed(): Speed {
    return this.speed;
  }

  get consolePanel(): ConsolePanel | undefined {
    return this.panel;
  }

  // ---------------------------------------------------------------- the clock

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.pausedByClosingConsole = false;
    this.stopLoop();
    this.flush(true);
    this.updateStatusBar();
  }

  resume(): void {
    if (!this.paused || this.run.status !== 'running') return;
    this.paused = false;
    this.pausedByClosingConsole = false;
    this.startLoop();
    this.flush(true);
    this.updateStatusBar();
  }

  /** One tick while paused (for watching a change take effect). */
  stepOnce(): void {
    if (!this.paused) this.pause();
    this.advanceSafely();
    this.flush(true);
  }

  setSpeed(speed: Speed): void {
    if (speed === this.speed) return;
    this.speed = speed;
    if (this.loop) {
      this.stopLoop();
      this.startLoop();
    }
    this.flush(true);
    this.updateStatusBar();
  }

  private startLoop(): void {
    if (this.loop || this.paused || this.isDisposed || this.run.status !== 'running') return;
    this.loop = intervalDisposable(() => this.advanceSafely(), TICK_MS / this.speed);
    this.updateStatusBar();
  }

  private stopLoop(): void {
    this.loop?.dispose();
    this.loop = undefined;
  }

  /** A model failure must not throw from a timer ten times a second: pause and say so once. */
  private advanceSafely(): void {
    try {
      this.advance();
    } catch (error) {
      this.pause();
      this.services.output.error(`${this.scenario.id} tick ${this.run.tick}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void this.services.prompter.notify('error', `Distributed Ops: the simulation failed at tick ${this.run.tick} and is paused (details in the "Distributed Ops" output).`);
    }
  }

  private advance(): void {
    const run = this.run;
    if (run.status !== 'running') return;
    const configBefore = run.currentConfig;
    run.step();
    if (run.currentConfig !== configBefore) {
      this.applied.fire({ tick: run.tick, changes: diffConfigs(configBefore, run.currentConfig).map(formatChange), config: run.currentConfig });
    }
    const hintAvailable = run.hintAvailable;
    if (hintAvailable && !this.hintWasAvailable) this.note('info', 'A hint is available in the Ops Console (each hint costs 50 points).');
    this.hintWasAvailable = hintAvailable;
    this.ticked.fire(run.tick);
    if (run.status !== 'running') {
      this.stopLoop();
      this.ended.fire(run);
    }
    this.updateStatusBar();
    this.flush(run.status !== 'running');
  }

  // ---------------------------------------------------------------- restart, hints, outcome

  /** A fresh run with a new seed and a fresh config file (the player's edits are discarded). */
  async restart(): Promise<void> {
    this.stopLoop();
    this.detachRunLog();
    this.run = this.newRun();
    this.feed.reset();
    this.outcome = undefined;
    this.hintWasAvailable = false;
    this.paused = false;
    this.pausedByClosingConsole = false;
    this.detachRunLog = this.attachRunLog();
    this.lastSubmittedText = this.lastGoodText = generateConfigText(this.scenario, this.tech);
    this.lastDiagnostics = [];
    this.services.diagnostics.delete(this.configUri);
    await writeConfigFile(this.configUri, this.configFolder, this.lastGoodText);
    this.note('info', `Restarted: the config file was reset to the scenario's initial config (seed ${this.run.seed}).`);
    if (this.panel) this.panel.sendSnapshot();
    else this.showConsole();
    this.startLoop();
    this.updateStatusBar();
    this.restarted.fire();
  }

  revealHint(): string | undefined {
    const hint = this.run.revealHint();
    this.hintWasAvailable = this.run.hintAvailable;
    this.flush(true);
    return hint;
  }

  /** The controller adds progress facts (best score, next scenario) and shows the outcome. */
  showOutcome(outcome: RunOutcome): void {
    this.outcome = outcome;
    this.panel?.post({ type: 'outcome', outcome });
    this.updateStatusBar();
  }

  // ---------------------------------------------------------------- the config file

  /** Open the config file (recreating it from the config in force if it was deleted). */
  async showConfig(options: { preserveFocus?: boolean; column?: vscode.ViewColumn } = {}): Promise<vscode.TextEditor> {
    if ((await readConfigFile(this.configUri)) === undefined) {
      await writeConfigFile(this.configUri, this.configFolder, this.lastGoodText);
      this.lastSubmittedText = this.lastGoodText;
      this.note('info', `Config file recreated from the config in force: ${this.displayPath}`);
    }
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === this.configUri.toString());
    const document = await vscode.workspace.openTextDocument(this.configUri);
    return vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? options.column ?? vscode.ViewColumn.Beside,
      preserveFocus: options.preserveFocus ?? false,
      preview: false,
    });
  }

  private watchConfigFile(): void {
    const isOurs = (uri: vscode.Uri) => uri.toString() === this.configUri.toString();
    this.own(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (isOurs(document.uri)) this.submit(document.getText(), 'save');
      }),
    );
    // Edits made outside the editor (another tool, `git checkout`, a script) count as saves.
    const watcher = this.own(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.configFolder, '*.yaml')));
    const onDiskChange = async (uri: vscode.Uri) => {
      if (!isOurs(uri)) return;
      const text = await readConfigFile(uri);
      if (text !== undefined && !this.isDisposed) this.submit(text, 'external');
    };
    this.own(watcher.onDidChange(onDiskChange));
    this.own(watcher.onDidCreate(onDiskChange));
    this.own(watcher.onDidDelete((uri) => isOurs(uri) && this.configDeleted()));
    // Check while typing (nothing is applied until the file is saved).
    this.own(
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (!isOurs(document.uri)) return;
        clearTimeout(this.liveCheck);
        this.liveCheck = setTimeout(() => this.checkUnsaved(document), LIVE_CHECK_DELAY_MS);
      }),
    );
  }

  private checkUnsaved(document: vscode.TextDocument): void {
    if (this.isDisposed || document.isClosed) return;
    const diagnostics = this.run.checkConfig(document.getText());
    this.services.diagnostics.set(this.configUri, toVscodeDiagnostics(diagnostics, this.tech.version));
  }

  /** Hand a saved text to the kernel: errors keep the last good config, valid text applies next tick. */
  private submit(text: string, origin: ConfigCheck['origin']): void {
    if (text === this.lastSubmittedText) return;
    this.lastSubmittedText = text;
    const result = this.run.submitConfig(text);
    this.lastDiagnostics = result.diagnostics;
    this.services.diagnostics.set(this.configUri, toVscodeDiagnostics(result.diagnostics, this.tech.version));
    if (result.applied) {
      this.lastGoodText = text;
      if (result.changes.length && this.paused) this.note('info', 'Config accepted: it takes effect when the simulation resumes or steps.');
      if (result.changes.length) void vscode.commands.executeCommand('setContext', 'distributedOps.configApplied', true);
    }
    this.checked.fire({ origin, applied: result.applied, diagnostics: result.diagnostics, changes: result.changes });
    this.flush(true);
  }

  private configDeleted(): void {
    this.note('warn', 'The config file was deleted; the last good config keeps running. Open the config to recreate it.');
    this.flush(true);
    void this.services.prompter
      .notify('warning', `The config file of ${this.scenario.title} was deleted. The simulation keeps running on the last good config.`, 'Recreate File')
      .then((choice) => (choice === 'Recreate File' && !this.isDisposed ? this.showConfig() : undefined));
  }

  private get displayPath(): string {
    return this.configUri.scheme === 'file' ? this.configUri.fsPath : this.configUri.toString(true);
  }

  // ---------------------------------------------------------------- the Ops Console

  showConsole(): void {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = new ConsolePanel(this.services.context.extensionUri, `Ops Console — ${this.scenario.title}`, vscode.ViewColumn.Active, () => this.snapshot());
      this.panel = panel;
      panel.onDidBecomeReady(() => this.webviewReady.fire());
      panel.onDidReceive((message) => {
        if (message.type === 'speed') this.controlled.fire({ speed: message.speed });
        else if (message.type === 'control') this.controlled.fire(message.action);
      });
      panel.onDidClose(() => {
        this.panel = undefined;
        if (this.isDisposed || this.paused || this.run.status !== 'running') return;
        this.pause();
        this.pausedByClosingConsole = true;
        this.note('info', 'Paused: the Ops Console was closed. Show it again to continue.');
      });
    }
    if (this.pausedByClosingConsole) this.resume();
  }

  private snapshot(): SnapshotMessage {
    this.lastDeltaAt = Date.now();
    return this.feed.snapshot(this.run, this.live(), this.outcome);
  }

  /** Send what changed since the last message, at most every DELTA_INTERVAL_MS unless `now`. */
  private flush(now: boolean): void {
    if (!now && Date.now() - this.lastDeltaAt < DELTA_INTERVAL_MS) return;
    this.lastDeltaAt = Date.now();
    // Built even for a hidden console (which drops it): it gets a snapshot when it shows again.
    this.panel?.post(this.feed.delta(this.run, this.live()));
  }

  private live(): LiveState {
    return liveState(this.run, { paused: this.paused, speed: this.speed, configPath: this.displayPath, configErrors: errorCount(this.lastDiagnostics) });
  }

  // ---------------------------------------------------------------- helpers

  private newRun(): Run {
    return new Run({ scenario: this.scenario, tech: this.tech, seed: randomInt(1, 2 ** 31 - 1) });
  }

  private attachRunLog(): () => void {
    return this.run.onLog((entry) => this.feed.kernelLog(entry));
  }

  /** A host event in the console's log (the kernel's own events come from the run). */
  private note(level: LogEntry['level'], text: string): void {
    this.feed.hostEvent({ tick: this.run.tick, level, text });
    this.services.output.info(`[${this.scenario.id} t=${this.run.tick}] ${text}`);
  }

  private updateStatusBar(): void {
    if (this.isDisposed) return;
    this.services.statusBar.show({ scenarioId: this.scenario.id, title: this.scenario.title, status: this.status, health: this.run.health, speed: this.speed });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    const panel = this.panel;
    this.panel = undefined;
    super.dispose();
    panel?.dispose();
  }
}
