// The `distributedOps.configLocation: workspace` setting: the config file goes to
// .distributed-ops/<id>.yaml in the workspace folder, where saving and hover work the same way.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import { activateExtension, lineOf, nextEvent, RecordingPrompter, replaceAndSave, stopAnySession, waitFor, withYamlValue } from './helpers';

suite('Distributed Ops: config file in the workspace', () => {
  let api: DistributedOpsApi;
  const settings = () => vscode.workspace.getConfiguration('distributedOps');

  suiteSetup(async () => {
    api = await activateExtension();
    api.setPrompter(new RecordingPrompter());
    await stopAnySession(api);
    await settings().update('configLocation', 'workspace', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await stopAnySession(api);
    await settings().update('configLocation', undefined, vscode.ConfigurationTarget.Global);
    api.setPrompter(undefined);
  });

  test('starting writes .distributed-ops/kafka-01.yaml in the first workspace folder; a save there is applied', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has no folder');
    await vscode.commands.executeCommand('distributedOps.start', 'kafka-01');
    const session = api.currentSession()!;
    assert.equal(session.configUri.toString(), vscode.Uri.joinPath(folder.uri, '.distributed-ops', 'kafka-01.yaml').toString());
    await waitFor(() => vscode.workspace.textDocuments.some((d) => d.uri.toString() === session.configUri.toString()), 10_000, 'the config document');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.configUri.toString())!;

    const line = lineOf(document, /^\s+max\.poll\.records:/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex + 2));
    assert.ok(hovers.length > 0, 'no hover in the workspace config file');

    const path = Object.keys(session.currentRun.currentConfig.consumers as object).map((group) => ['consumers', group, 'config', 'max.poll.records'])[0];
    const applied = nextEvent(api.onDidApplyConfig, 10_000, 'the workspace config to take effect');
    await replaceAndSave(document, withYamlValue(document.getText(), path, 321)!);
    const change = await applied;
    assert.ok(change.changes.some((c) => c.endsWith('→ 321')), change.changes.join('; '));
  });
});
