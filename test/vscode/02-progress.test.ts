// The Scenarios tree and the player's progress: tracks, locks, unlocks, persistence, reset.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import type { ScenarioTreeNode, ScenarioTreeProvider } from '../../src/host/scenarioTree';
import { activateExtension, EXTENSION_ID, RecordingPrompter, stopAnySession } from './helpers';

function kafkaScenarioFiles(): string[] {
  const dir = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'scenarios', 'kafka');
  return fs.readdirSync(dir).filter((name) => /^\d{2}-.*\.yaml$/.test(name)).sort();
}

function kafkaItems(tree: ScenarioTreeProvider): vscode.TreeItem[] {
  const track = tree.getChildren().find((node) => node.kind === 'track' && node.track === 'kafka');
  assert.ok(track, 'no Kafka track in the tree');
  return tree.getChildren(track).map((node: ScenarioTreeNode) => tree.getTreeItem(node));
}

suite('Distributed Ops: scenarios tree and progress', () => {
  let api: DistributedOpsApi;
  let prompter: RecordingPrompter;

  suiteSetup(async () => {
    api = await activateExtension();
    prompter = new RecordingPrompter((record) => (record.actions.includes('Reset Progress') ? 'Reset Progress' : undefined));
    api.setPrompter(prompter);
    await stopAnySession(api);
    await api.progress.reset();
  });

  suiteTeardown(async () => {
    await api.progress.reset();
    api.setPrompter(undefined);
  });

  test('the Kafka track lists every Kafka scenario file in order, titled "NN Title"', () => {
    const files = kafkaScenarioFiles();
    assert.equal(files.length, 10, `expected the 10 Kafka scenarios, found ${files.join(', ')}`);
    const items = kafkaItems(api.treeProvider);
    assert.equal(items.length, files.length);
    assert.equal(items[0].label, '01 Pizza Order System');
    items.forEach((item, i) => assert.match(String(item.label), new RegExp(`^${String(i + 1).padStart(2, '0')} `)));
    const trackItem = api.treeProvider.getTreeItem({ kind: 'track', track: 'kafka' });
    assert.equal(trackItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  test('on fresh progress only scenario 01 is open; the rest show a lock', () => {
    const items = kafkaItems(api.treeProvider);
    assert.equal(items[0].contextValue, 'scenario.open');
    assert.equal((items[0].iconPath as vscode.ThemeIcon).id, 'play-circle');
    assert.equal(items[0].description, 'Beginner · ☆☆☆');
    for (const item of items.slice(1)) {
      assert.equal(item.contextValue, 'scenario.locked', `${item.label} should be locked`);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'lock');
    }
    assert.deepEqual(items[1].command?.arguments, ['kafka-02']);
  });

  test('starting a locked scenario says why, in a modal message, and starts nothing', async () => {
    const before = prompter.asked.length;
    await vscode.commands.executeCommand('distributedOps.start', 'kafka-03');
    assert.equal(api.currentSession(), undefined);
    const asked = prompter.asked.slice(before);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].kind, 'modal-info');
    assert.match(asked[0].message, /locked/);
    assert.match(asked[0].detail ?? '', /Win ".+" first/);
  });

  test('a recorded win unlocks the next scenario and shows the best stars', async () => {
    await api.progress.record('kafka-01', { won: true, score: 870, stars: 3 });
    api.treeProvider.refresh();
    const items = kafkaItems(api.treeProvider);
    assert.equal(items[0].contextValue, 'scenario.won');
    assert.equal(items[0].description, 'Beginner · ★★★');
    assert.equal(items[1].contextValue, 'scenario.open');
    assert.equal(items[2].contextValue, 'scenario.locked');
  });

  test('a worse run never lowers the best score; a loss does not undo a win', async () => {
    await api.progress.record('kafka-01', { won: true, score: 640, stars: 2 });
    await api.progress.record('kafka-01', { won: false, score: 0, stars: 0 });
    const stored = api.progress.of('kafka-01');
    assert.equal(stored?.won, true);
    assert.equal(stored?.bestScore, 870);
    assert.equal(stored?.bestStars, 3);
    assert.equal(stored?.attempts, 3);
  });

  test('progress persists in globalState: a new tree provider reads it', () => {
    const fresh = api.createTreeProvider();
    try {
      const items = kafkaItems(fresh);
      assert.equal(items[0].contextValue, 'scenario.won');
      assert.equal(items[1].contextValue, 'scenario.open');
      assert.match(String((items[0].tooltip as vscode.MarkdownString).value), /Best score: 870/);
    } finally {
      fresh.dispose();
    }
  });

  test('reset progress asks first (modal), then clears every win and locks again', async () => {
    const before = prompter.asked.length;
    await vscode.commands.executeCommand('distributedOps.resetProgress');
    const asked = prompter.asked.slice(before);
    assert.equal(asked[0]?.kind, 'modal-warning');
    assert.equal(api.progress.of('kafka-01'), undefined);
    const fresh = api.createTreeProvider();
    try {
      const items = kafkaItems(fresh);
      assert.equal(items[0].contextValue, 'scenario.open');
      assert.equal(items[1].contextValue, 'scenario.locked');
    } finally {
      fresh.dispose();
    }
  });

  test('cancelling the reset keeps progress', async () => {
    await api.progress.record('kafka-01', { won: true, score: 700, stars: 2 });
    api.setPrompter(new RecordingPrompter(() => undefined));
    try {
      await vscode.commands.executeCommand('distributedOps.resetProgress');
      assert.equal(api.progress.isWon('kafka-01'), true);
    } finally {
      api.setPrompter(prompter);
    }
  });
});
