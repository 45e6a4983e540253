// The Scenarios view: tracks (technologies) as roots, their scenarios as children, with lock,
// progress and best stars. Clicking a scenario runs distributedOps.start with its id.
import * as vscode from 'vscode';
import type { Scenario } from '../scenario/types';
import { techById } from '../tech';
import type { CatalogService } from './catalogService';
import { Disposable } from './dispose';
import type { ProgressStore } from './progress';

export type ScenarioTreeNode = { kind: 'track'; track: string } | { kind: 'scenario'; scenario: Scenario };

export class ScenarioTreeProvider extends Disposable implements vscode.TreeDataProvider<ScenarioTreeNode> {
  private readonly changed = this.own(new vscode.EventEmitter<ScenarioTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private runningId: string | undefined;

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
  ) {
    super();
    this.own(catalog.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Marks the scenario of the current session (undefined when none runs). */
  setRunning(id: string | undefined): void {
    if (id === this.runningId) return;
    this.runningId = id;
    this.refresh();
  }

  getChildren(element?: ScenarioTreeNode): ScenarioTreeNode[] {
    const scenarios = this.catalog.scenarios;
    if (!element) {
      // A track appears once it has scenarios; catalog order is by track, then index.
      const tracks = [...new Set(scenarios.map((s) => s.track))];
      return tracks.map((track) => ({ kind: 'track', track }));
    }
    if (element.kind === 'track') {
      return scenarios.filter((s) => s.track === element.track).map((scenario) => ({ kind: 'scenario', scenario }));
    }
    return [];
  }

  getParent(element: ScenarioTreeNode): ScenarioTreeNode | undefined {
    return element.kind === 'scenario' ? { kind: 'track', track: element.scenario.track } : undefined;
  }

  getTreeItem(element: ScenarioTreeNode): vscode.TreeItem {
    return element.kind === 'track' ? this.trackItem(element.track) : this.scenarioItem(element.scenario);
  }

  private trackItem(track: string): vscode.TreeItem {
    const inTrack = this.catalog.scenarios.filter((s) => s.track === track);
    const item = new vscode.TreeItem(trackTitle(track), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `track:${track}`;
    item.contextValue = 'track';
    item.iconPath = new vscode.ThemeIcon('layers');
    const won = inTrack.filter((s) => this.progress.isWon(s.id)).length;
    item.description = `${won}/${inTrack.length} won`;
    item.tooltip = `${trackTitle(track)}: ${inTrack.length} scenarios, ${won} won`;
    return item;
  }

  private scenarioItem(scenario: Scenario): vscode.TreeItem {
    const all = this.catalog.scenarios;
    const progress = this.progress.of(scenario.id);
    const unlocked = this.progress.isUnlocked(scenario, all);
    const won = progress?.won === true;
    const running = scenario.id === this.runningId;
    const item = new vscode.TreeItem(`${String(scenario.index).padStart(2, '0')} ${scenario.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = scenario.id;
    item.description = `${difficultyLabel(scenario.difficulty)} · ${starText(progress?.bestStars ?? 0)}${running ? ' · running' : ''}`;
    item.contextValue = !unlocked ? 'scenario.locked' : won ? 'scenario.won' : 'scenario.open';
    item.iconPath = running
      ? new vscode.ThemeIcon('pulse', new vscode.ThemeColor('charts.blue'))
      : !unlocked
        ? new vscode.ThemeIcon('lock')
        : won
          ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'))
          : new vscode.ThemeIcon('play-circle');
    item.command = { command: 'distributedOps.start', title: 'Start Scenario', arguments: [scenario.id] };

    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(`**${escape(scenario.title)}** — ${difficultyLabel(scenario.difficulty)}\n\n`);
    tooltip.appendMarkdown(`Concept: ${escape(scenario.concept)}\n\n`);
    if (!unlocked) {
      const previous = this.progress.previousOf(scenario, all);
      const title = all.find((s) => s.id === previous?.id)?.title ?? previous?.id;
      tooltip.appendMarkdown(`$(lock) Locked: win *${escape(title ?? '')}* first.`);
    } else if (won && progress) {
      tooltip.appendMarkdown(`Best score: ${progress.bestScore} ${starText(progress.bestStars)}`);
    } else {
      tooltip.appendMarkdown(progress?.attempts ? `Not won yet (${progress.attempts} attempts).` : 'Not played yet.');
    }
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: `${scenario.index} ${scenario.title}, ${difficultyLabel(scenario.difficulty)}, ${!unlocked ? 'locked' : won ? `won, best ${progress?.bestStars ?? 0} of 3 stars` : 'not won yet'}`,
    };
    return item;
  }
}

export function trackTitle(track: string): string {
  return techById(track)?.displayName ?? track;
}

export function difficultyLabel(difficulty: string): string {
  return difficulty
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-');
}

/** Best stars out of three, as text ("★★☆"). */
export function starText(stars: number): string {
  const filled = Math.max(0, Math.min(3, Math.round(stars)));
  return '★'.repeat(filled) + '☆'.repeat(3 - filled);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
