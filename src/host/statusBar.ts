// "$(pulse) kafka-01 ♥ 72%" while a session runs; a click shows the Ops Console.
import * as vscode from 'vscode';
import type { RunStatus, Speed } from '../protocol';
import { Disposable } from './dispose';

export interface StatusView {
  scenarioId: string;
  title: string;
  status: RunStatus;
  health: number;
  speed: Speed;
}

export class SessionStatusBar extends Disposable {
  private readonly item = this.own(vscode.window.createStatusBarItem('distributedOps.session', vscode.StatusBarAlignment.Left, 50));
  private lastKey = '';

  constructor() {
    super();
    this.item.name = 'Distributed Ops session';
    this.item.command = 'distributedOps.showConsole';
  }

  show(view: StatusView): void {
    const health = Math.round(view.health);
    const icon = view.status === 'won' ? '$(pass)' : view.status === 'lost' ? '$(error)' : view.status === 'paused' ? '$(debug-pause)' : '$(pulse)';
    const text = `${icon} ${view.scenarioId} ♥ ${health}%`;
    // Called every tick: touch the item only when what it shows changes.
    const key = `${text}|${view.status}|${view.speed}`;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.item.text = text;
      this.item.backgroundColor = health < 50 && view.status !== 'won' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.tooltip = `${view.title} — ${view.status}, ${view.speed}×, health ${health}%. Click to show the Ops Console.`;
      this.item.accessibilityInformation = { label: `Distributed Ops: ${view.title}, ${view.status}, health ${health} percent`, role: 'button' };
    }
    this.item.show();
  }

  hide(): void {
    this.lastKey = '';
    this.item.hide();
  }
}
