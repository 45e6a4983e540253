// Winning kafka-01 the way a player does: apply the reference fix to the config file, save, let
// it run at 4×. The win is recorded (never lowered), the next scenario unlocks, the console hears.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import { activateExtension, nextEvent, patchLeaves, RecordingPrompter, replaceAndSave, stopAnySession, waitFor, withYamlValue } from './helpers';

suite('Distributed Ops: winning kafka-01', () => {
  let api: DistributedOpsApi;
  let prompter: RecordingPrompter;

  suiteSetup(async () => {
    api = await activateExtension();
    prompter = new RecordingPrompter();
    api.setPrompter(prompter);
    await stopAnySession(api);
    await api.progress.reset();
  });

  suiteTeardown(async () => {
    await stopAnySession(api);
    await api.progress.reset();
    api.setPrompter(undefined);
  });

  test('the reference fix, saved in the config file, wins; the win is recorded and unlocks kafka-02', async function () {
    const scenario = api.catalog.byId('kafka-01')!;
    assert.ok(scenario, 'kafka-01 is not in the catalog');
    // At 4× a simulated second takes 250 ms; leave room for the slow CI machine.
    this.timeout(scenario.timeLimitSeconds * 250 + 60_000);

    const ready = nextEvent(api.onDidWebviewReady, 30_000, 'the Ops Console to post ready');
    await vscode.commands.executeCommand('distributedOps.start', 'kafka-01');
    const session = api.currentSession()!;
    await ready;
    await waitFor(() => vscode.workspace.textDocuments.some((d) => d.uri.toString() === session.configUri.toString()), 10_000, 'the config document');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.configUri.toString())!;

    let text = document.getText();
    for (const [path, value] of patchLeaves(scenario.solution.patch)) {
      const next = withYamlValue(text, path, value);
      assert.ok(next, `the solution sets ${path.join('.')}, which the generated file does not contain`);
      text = next;
    }
    const applied = nextEvent(api.onDidApplyConfig, 10_000, 'the fix to take effect');
    await replaceAndSave(document, text);
    await applied;
    await vscode.commands.executeCommand('distributedOps.setSpeed', 4);
    assert.equal(session.currentSpeed, 4);

    const outcome = await nextEvent(api.onDidEnd, scenario.timeLimitSeconds * 250 + 30_000, 'the end of the run');
    assert.equal(outcome.won, true, `lost: ${outcome.reason}`);
    assert.ok(outcome.score > 0 && outcome.stars >= 1);
    assert.equal(outcome.bestScore, outcome.score);
    assert.equal(outcome.nextScenarioId, 'kafka-02');
    assert.equal(session.status, 'won');
    assert.ok(prompter.asked.some((r) => r.kind === 'info' && r.actions.includes('Next Scenario') && r.actions.includes('Replay')));

    const stored = api.progress.of('kafka-01');
    assert.equal(stored?.won, true);
    assert.equal(stored?.bestScore, outcome.score);
    const fresh = api.createTreeProvider();
    try {
      const track = fresh.getChildren().find((n) => n.kind === 'track' && n.track === 'kafka')!;
      const items = fresh.getChildren(track).map((n) => fresh.getTreeItem(n));
      assert.equal(items[0].contextValue, 'scenario.won');
      assert.equal(items[1].contextValue, 'scenario.open');
    } finally {
      fresh.dispose();
    }
  });

  test('what the console was sent stays small (DESIGN.md: <= 10 kB per update); figures go to perf.json for `npm run bench`', () => {
    const sizes = api.messageSizes();
    assert.ok(sizes.deltaMaxBytes > 0, 'the console received deltas during the run');
    assert.ok(sizes.deltaMaxBytes <= 10 * 1024, `largest delta ${sizes.deltaMaxBytes} bytes`);
    const dir = process.env.E2E_RESULTS_DIR;
    if (dir) {
      const perf = { 'activation ms (real VS Code)': Number(api.activationMs.toFixed(2)), 'largest snapshot bytes': sizes.snapshotMaxBytes, 'largest delta bytes': sizes.deltaMaxBytes, 'average delta bytes': sizes.deltaAverageBytes };
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'perf.json'), JSON.stringify(perf, null, 2));
    }
  });
});
