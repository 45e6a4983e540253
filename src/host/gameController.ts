// The commands, and the one session at a time they act on. Starting, abandoning, ending (with
// progress recorded, never lowered) and the controls of the Ops Console all go through here.
import * as vscode from 'vscode';
import { formatClock } from '../engine/run';
import type { RunOutcome, Speed } from '../protocol';
import type { Scenario } from '../scenario/types';
import { techById } from '../tech';
import type { CatalogService } from './catalogService';
import { Disposable } from './dispose';
import type { ProgressStore } from './progress';
import { windowPrompter, type Prompter } from './prompter';
import { difficultyLabel, starText, trackTitle, type ScenarioTreeNode, type ScenarioTreeProvider } from './scenarioTree';
import { Session, type AppliedConfig, type ConfigCheck, type SessionControl } from './session';
import type { SessionStatusBar } from './statusBar';

export interface ControllerServices {
  context: vscode.ExtensionContext;
  catalog: CatalogService;
  progress: ProgressStore;
  tree: ScenarioTreeProvider;
  statusBar: SessionStatusBar;
  diagnostics: vscode.DiagnosticCollection;
  output: vscode.LogOutputChannel;
}

const SPEEDS: readonly Speed[] = [1, 2, 4];

export class GameController extends Disposable {
  private session: Session | undefined;
  /** Disposed with the session: forwarding of its events. */
  private sessionListeners: vscode.Disposable[] = [];
  prompter: Prompter = windowPrompter;

  private readonly started = this.own(new vscode.EventEmitter<Session>());
  readonly onDidStartSession = this.started.event;
  private readonly ticked = this.own(new vscode.EventEmitter<number>());
  readonly onDidTick = this.ticked.event;
  private readonly ended = this.own(new vscode.EventEmitter<RunOutcome>());
  /** A run ended and its result is recorded in the progress. */
  readonly onDidEnd = this.ended.event;
  private readonly applied = this.own(new vscode.EventEmitter<AppliedConfig>());
  readonly onDidApplyConfig = this.applied.event;
  private readonly checked = this.own(new vscode.EventEmitter<ConfigCheck>());
  readonly onDidCheckConfig = this.checked.event;
  private readonly webviewReady = this.own(new vscode.EventEmitter<void>());
  readonly onDidWebviewReady = this.webviewReady.event;

  constructor(private readonly services: ControllerServices) {
    super();
    this.own({ dispose: () => this.endSession() });
    const command = (id: string, run: (...args: unknown[]) => unknown) => this.own(vscode.commands.registerCommand(id, run));
    command('distributedOps.start', (arg) => this.start(scenarioIdFrom(arg)));
    command('distributedOps.openConfig', () => this.withSession((s) => s.showConfig()));
    command('distributedOps.showConsole', () => this.withSession((s) => s.showConsole()));
    command('distributedOps.pause', () => this.withSession((s) => s.pause()));
    command('distributedOps.resume', () => this.withSession((s) => s.resume()));
    command('distributedOps.step', () => this.withSession((s) => s.stepOnce()));
    command('distributedOps.setSpeed', (arg) => this.withSession((s) => this.setSpeed(s, arg)));
    command('distributedOps.restart', () => this.withSession((s) => s.restart()));
    command('distributedOps.hint', () => this.withSession((s) => this.hint(s)));
    command('distributedOps.stop', () => this.withSession(() => this.endSession()));
    command('distributedOps.resetProgress', () => this.resetProgress());
    command('distributedOps.refresh', () => services.catalog.refresh());
    void this.setContext('distributedOps.sessionActive', false);
    if (services.progress.hasAnyWin()) void this.setContext('distributedOps.wonOnce', true);
  }

  get currentSession(): Session | undefined {
    return this.session;
  }

  // ---------------------------------------------------------------- starting and ending

  /** Start a scenario by id, or pick one. Resolves with the new session (undefined if none started). */
  async start(id: string | undefined): Promise<Session | undefined> {
    const { catalog, progress } = this.services;
    const scenario = id === undefined ? await this.pickScenario() : catalog.byId(id);
    if (!scenario) {
      if (id !== undefined) void this.prompter.notify('error', `Distributed Ops: there is no scenario '${id}'.`);
      return undefined;
    }
    if (!progress.isUnlocked(scenario, catalog.scenarios)) {
      const previous = progress.previousOf(scenario, catalog.scenarios);
      const previousTitle = previous ? catalog.byId(previous.id)?.title ?? previous.id : '';
      await this.prompter.ask('info', `"${scenario.title}" is locked`, `Win "${previousTitle}" first: each scenario of a track unlocks when the one before it is won.`);
      return undefined;
    }
    const tech = techById(scenario.track);
    if (!tech) {
      void this.prompter.notify('error', `Distributed Ops: no model for the technology '${scenario.track}'.`);
      return undefined;
    }
    const current = this.session;
    if (current?.scenario.id === scenario.id && current.currentRun.status === 'running') {
      // Clicking the scenario that is already running brings its console back.
      current.showConsole();
      return current;
    }
    if (current && current.currentRun.status === 'running') {
      const abandon = 'Abandon and Start';
      const choice = await this.prompter.ask(
        'warning',
        `Abandon "${current.scenario.title}"?`,
        `Only one scenario runs at a time. The current run ends without a score; your progress is kept.`,
        abandon,
      );
      if (choice !== abandon) return undefined;
    }
    this.endSession();
    // Listen before opening: the console may say `ready` while the config file is still opening.
    const session = new Session(scenario, tech, { ...this.services, prompter: this.prompter });
    this.session = session;
    this.sessionListeners = [
      session.onDidTick((tick) => this.ticked.fire(tick)),
      session.onDidApplyConfig((applied) => this.applied.fire(applied)),
      session.onDidCheckConfig((checked) => this.checked.fire(checked)),
      session.onDidWebviewReady(() => this.webviewReady.fire()),
      session.onDidEnd(() => void this.finish(session)),
      session.onDidRestart(() => this.services.tree.setRunning(session.scenario.id)),
      session.onDidRequestControl((control) => void this.control(session, control)),
    ];
    try {
      await session.open();
    } catch (error) {
      this.endSession();
      this.services.output.error(`Could not start ${scenario.id}: ${String(error)}`);
      void this.prompter.notify('error', `Distributed Ops: could not start "${scenario.title}": ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    this.services.tree.setRunning(scenario.id);
    await this.setContext('distributedOps.sessionActive', true);
    this.services.output.info(`Started ${scenario.id} (${scenario.title}), seed ${session.currentRun.seed}, config ${session.configUri.toString(true)}`);
    this.started.fire(session);
    return session;
  }

  private endSession(): void {
    for (const listener of this.sessionListeners.splice(0)) listener.dispose();
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.dispose();
    this.services.statusBar.hide();
    this.services.tree.setRunning(undefined);
    void this.setContext('distributedOps.sessionActive', false);
  }

  /** The run was won or lost: record it, unlock the next scenario, tell the player. */
  private async finish(session: Session): Promise<void> {
    const { progress, catalog, tree } = this.services;
    const run = session.currentRun;
    const result = run.outcome;
    if (!result) return;
    const scenario = session.scenario;
    tree.setRunning(undefined); // the tree shows the result, not "running"
    const stored = await progress.record(scenario.id, result);
    const next = catalog.nextOf(scenario);
    const outcome: RunOutcome = {
      ...result,
      bestScore: stored.won ? stored.bestScore : undefined,
      nextScenarioId: result.won ? next?.id : undefined,
    };
    tree.refresh();
    if (result.won) await this.setContext('distributedOps.wonOnce', true);
    if (session !== this.session || session.currentRun !== run) return; // abandoned or restarted meanwhile
    session.showOutcome(outcome);
    this.ended.fire(outcome);

    const replay = result.won ? 'Replay' : 'Retry';
    const nextAction = 'Next Scenario';
    const message = result.won
      ? `${scenario.title} recovered in ${formatClock(result.seconds)}: ${result.score} points ${starText(result.stars)}${stored.bestScore > result.score ? ` (best ${stored.bestScore})` : ''}.`
      : `${scenario.title} failed: ${result.reason ?? 'the SLOs were not met'}`;
    const actions = result.won && next ? [nextAction, replay] : [replay];
    const choice = await this.prompter.notify(result.won ? 'info' : 'warning', message, ...actions);
    if (session !== this.session) return;
    if (choice === nextAction && next) await this.start(next.id);
    else if (choice === replay) await session.restart();
  }

  // ---------------------------------------------------------------- the other commands

  private async withSession(action: (session: Session) => unknown): Promise<void> {
    if (!this.session) {
      void this.prompter.notify('info', 'Distributed Ops: no scenario is running. Start one from the Scenarios view.');
      return;
    }
    await action(this.session);
  }

  private async control(session: Session, control: SessionControl): Promise<void> {
    if (session !== this.session) return;
    if (typeof control === 'object') return this.setSpeed(session, control.speed);
    switch (control) {
      case 'pause':
        return session.pause();
      case 'resume':
        return session.resume();
      case 'step':
        return session.stepOnce();
      case 'restart':
        return session.restart();
      case 'hint':
        return this.hint(session);
      case 'openConfig':
        await session.showConfig();
        return;
      case 'next': {
        const next = this.services.catalog.nextOf(session.scenario);
        if (next) await this.start(next.id);
        else void this.prompter.notify('info', `"${session.scenario.title}" is the last scenario of its track.`);
        return;
      }
    }
  }

  private async setSpeed(session: Session, arg: unknown): Promise<void> {
    let speed = SPEEDS.find((s) => s === Number(arg));
    if (speed === undefined) {
      const picked = await vscode.window.showQuickPick(
        SPEEDS.map((s) => ({ label: `${s}×`, description: s === session.currentSpeed ? 'current' : `${s * 10} ticks per second`, speed: s })),
        { title: 'Simulation speed' },
      );
      speed = picked?.speed;
    }
    if (speed !== undefined) session.setSpeed(speed);
  }

  private hint(session: Session): void {
    const total = session.scenario.hints.length;
    const hint = session.revealHint();
    if (hint === undefined) {
      void this.prompter.notify('info', `No more hints: all ${total} are shown in the Ops Console.`);
      return;
    }
    void this.prompter.notify('info', `Hint ${session.currentRun.hintsShown.length}/${total}: ${hint}`);
  }

  private async resetProgress(): Promise<void> {
    const reset = 'Reset Progress';
    const choice = await this.prompter.ask(
      'warning',
      'Reset all Distributed Ops progress?',
      'Wins and best scores of every scenario are deleted, and scenarios lock again. This cannot be undone.',
      reset,
    );
    if (choice !== reset) return;
    await this.services.progress.reset();
    await this.setContext('distributedOps.wonOnce', false);
    this.services.tree.refresh();
    this.services.output.info('Progress reset');
  }

  private async pickScenario(): Promise<Scenario | undefined> {
    const { catalog, progress } = this.services;
    type Item = vscode.QuickPickItem & { scenario?: Scenario };
    const items: Item[] = [];
    let track: string | undefined;
    for (const scenario of catalog.scenarios) {
      if (scenario.track !== track) {
        track = scenario.track;
        items.push({ label: trackTitle(track), kind: vscode.QuickPickItemKind.Separator });
      }
      const unlocked = progress.isUnlocked(scenario, catalog.scenarios);
      const best = progress.of(scenario.id);
      items.push({
        label: `${unlocked ? '$(play-circle)' : '$(lock)'} ${String(scenario.index).padStart(2, '0')} ${scenario.title}`,
        description: `${difficultyLabel(scenario.difficulty)} · ${starText(best?.bestStars ?? 0)}${unlocked ? '' : ' · locked'}`,
        detail: scenario.concept,
        scenario,
      });
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Start a Distributed Ops scenario', matchOnDetail: true, placeHolder: 'Type to filter by title or concept' });
    return picked?.scenario;
  }

  private setContext(key: string, value: boolean): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }
}

/** The start command gets an id from code and links, or a tree node from the view's inline action. */
function scenarioIdFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as ScenarioTreeNode | undefined;
  return node?.kind === 'scenario' ? node.scenario.id : undefined;
}
