// The extension loads in a real VS Code, contributes its commands and view, and activation
// starts nothing by itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import { activateExtension, EXTENSION_ID } from './helpers';

const COMMANDS = [
  'distributedOps.start',
  'distributedOps.openConfig',
  'distributedOps.showConsole',
  'distributedOps.pause',
  'distributedOps.resume',
  'distributedOps.step',
  'distributedOps.setSpeed',
  'distributedOps.restart',
  'distributedOps.hint',
  'distributedOps.stop',
  'distributedOps.resetProgress',
];

suite('Distributed Ops: activation', () => {
  let api: DistributedOpsApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('runs in a real VS Code extension host with the manifest names everyone relies on', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = extension.packageJSON.contributes;
    assert.equal(contributes.viewsContainers.activitybar[0].id, 'distributedOps');
    assert.equal(contributes.viewsContainers.activitybar[0].title, 'Distributed Ops');
    assert.deepEqual(contributes.views.distributedOps.map((v: { id: string; name: string }) => [v.id, v.name]), [['distributedOps.scenarios', 'Scenarios']]);
  });

  test('every command is registered, in the "Distributed Ops" category', async () => {
    const registered = await vscode.commands.getCommands(true);
    const manifest: { command: string; category: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    for (const id of COMMANDS) {
      assert.ok(registered.includes(id), `${id} is not registered`);
      assert.equal(manifest.find((c) => c.command === id)?.category, 'Distributed Ops', `${id} has no category`);
    }
  });

  test('the getting-started walkthrough steps exist and complete on real commands, views or context keys', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as { id: string; steps: { id: string; media: { markdown?: string }; completionEvents: string[] }[] }[];
    assert.deepEqual(walkthrough.steps.map((step) => step.id), ['openView', 'startPizza', 'editConfig', 'win']);
    const registered = await vscode.commands.getCommands(true);
    for (const step of walkthrough.steps) {
      if (step.media.markdown) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown));
      for (const event of step.completionEvents) {
        const [kind, what] = event.split(':');
        if (kind === 'onCommand') assert.ok(registered.includes(what), `${event}: no such command`);
        else assert.ok(kind === 'onView' || kind === 'onContext', `${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  test('activation does not start a session; the view container opens', async () => {
    assert.equal(api.currentSession(), undefined);
    await vscode.commands.executeCommand('workbench.view.extension.distributedOps');
  });
});
