// A session of kafka-01 in a real VS Code: the config file and the Ops Console open, the clock
// ticks, a saved edit reconfigures the engine, mistakes become diagnostics while the last good
// config keeps running, and the file survives external edits and deletion.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import type { Session } from '../../src/host/session';
import { activateExtension, EXTENSION_ID, lineOf, nextEvent, RecordingPrompter, replaceAndSave, stopAnySession, waitFor, withYamlValue } from './helpers';

const MAX_POLL_RECORDS = 'max.poll.records';

/** Path of the first key named `key` in a config object (e.g. consumers.<group>.config.max.poll.records). */
function pathOfKey(config: unknown, key: string, prefix: string[] = []): string[] | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined;
  for (const [name, value] of Object.entries(config)) {
    if (name === key) return [...prefix, name];
    const found = pathOfKey(value, key, [...prefix, name]);
    if (found) return found;
  }
  return undefined;
}

function valueAt(config: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('Distributed Ops: a kafka-01 session', () => {
  let api: DistributedOpsApi;
  let prompter: RecordingPrompter;
  let session: Session;
  let document: vscode.TextDocument;
  let initialText: string;
  let pollPath: string[];

  suiteSetup(async () => {
    api = await activateExtension();
    prompter = new RecordingPrompter((record) => (record.actions.includes('Abandon and Start') ? 'Abandon and Start' : undefined));
    api.setPrompter(prompter);
    await stopAnySession(api);
    await api.progress.reset();
  });

  suiteTeardown(async () => {
    await stopAnySession(api);
    await api.progress.reset();
    api.setPrompter(undefined);
  });

  const run = () => session.currentRun;

  test('starting kafka-01 opens its fresh config file beside the Ops Console, which loads under a strict CSP', async () => {
    const ready = nextEvent(api.onDidWebviewReady, 30_000, 'the Ops Console to post ready');
    await vscode.commands.executeCommand('distributedOps.start', 'kafka-01');
    session = api.currentSession()!;
    assert.ok(session, 'no session after distributedOps.start');
    assert.equal(session.scenario.id, 'kafka-01');
    assert.match(session.configUri.path, /\/kafka-01\.yaml$/);
    await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === session.configUri.toString()), 10_000, 'the config editor');
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.configUri.toString())!;
    initialText = document.getText();
    assert.match(initialText, /^consumers:/m);
    pollPath = pathOfKey(run().currentConfig, MAX_POLL_RECORDS)!;
    assert.ok(pollPath, `kafka-01's config has no ${MAX_POLL_RECORDS}`);

    const panel = session.consolePanel!.webviewPanel;
    assert.equal(panel.viewType, 'distributedOps.console');
    assert.equal(panel.title, 'Ops Console — Pizza Order System');
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(panel.webview.html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await ready;
  });

  test('the simulation clock ticks', async () => {
    const from = run().tick;
    await nextEvent(api.onDidTick, 10_000, 'five ticks', (tick) => tick >= from + 5);
    assert.equal(session.status, 'running');
  });

  test('pause stops the clock, step advances one tick, resume continues', async () => {
    await vscode.commands.executeCommand('distributedOps.pause');
    const paused = run().tick;
    assert.equal(session.status, 'paused');
    // Proving that nothing happens needs a wait: three tick periods.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(run().tick, paused);
    await vscode.commands.executeCommand('distributedOps.step');
    assert.equal(run().tick, paused + 1);
    await vscode.commands.executeCommand('distributedOps.resume');
    await nextEvent(api.onDidTick, 5_000, 'a tick after resume');
  });

  test('closing the Ops Console pauses the run; Show Ops Console reopens it from host state and continues', async () => {
    session.consolePanel!.webviewPanel.dispose();
    assert.equal(session.consolePanel, undefined);
    assert.equal(session.status, 'paused');
    const ready = nextEvent(api.onDidWebviewReady, 30_000, 'the reopened Ops Console to post ready');
    await vscode.commands.executeCommand('distributedOps.showConsole');
    await ready;
    assert.equal(session.status, 'running');
    const from = run().tick;
    await nextEvent(api.onDidTick, 5_000, 'ticks after reopening', (tick) => tick > from);
  });

  test('a console hidden behind another editor gets no deltas; shown again it reloads and gets a snapshot', async () => {
    const panel = session.consolePanel!;
    const column = panel.webviewPanel.viewColumn;
    const other = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'package.json'));
    await vscode.window.showTextDocument(other, { viewColumn: column, preview: false });
    await waitFor(() => !panel.webviewPanel.visible, 5_000, 'the console to be hidden');
    assert.equal(panel.acceptsDeltas, false);
    assert.equal(session.status, 'running', 'hiding is not closing: the run goes on');
    const ready = nextEvent(api.onDidWebviewReady, 30_000, 'the re-shown console to post ready');
    await vscode.commands.executeCommand('distributedOps.showConsole');
    await ready;
    await waitFor(() => panel.acceptsDeltas, 5_000, 'the console to accept deltas after its snapshot');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === other.uri.toString());
    if (tab) await vscode.window.tabGroups.close(tab);
  });

  test('hint reveals the next hint and counts it', async () => {
    const before = run().hintsShown.length;
    await vscode.commands.executeCommand('distributedOps.hint');
    assert.equal(run().hintsShown.length, before + 1);
    assert.ok(prompter.asked.some((r) => r.kind === 'info' && r.message.startsWith(`Hint ${before + 1}/`)));
  });

  test('bad YAML gives a diagnostic at its line; the clock keeps running on the last good config', async () => {
    const good = valueAt(run().currentConfig, pollPath);
    const line = lineOf(document, new RegExp(`^\\s+${MAX_POLL_RECORDS.replace(/\./g, '\\.')}:`));
    const lines = document.getText().split('\n');
    lines[line] = `${lines[line].replace(/#.*$/, '').trimEnd()}: oops`;
    const checked = nextEvent(api.onDidCheckConfig, 10_000, 'the broken config to be checked');
    await replaceAndSave(document, lines.join('\n'));
    const result = await checked;
    assert.equal(result.applied, false);
    const errors = vscode.languages.getDiagnostics(session.configUri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(errors.length > 0, 'no error diagnostic');
    assert.equal(errors[0].range.start.line, line, `error at line ${errors[0].range.start.line + 1}, expected ${line + 1}: ${errors[0].message}`);
    assert.match(errors[0].message, /^YAML: /);
    const from = run().tick;
    await nextEvent(api.onDidTick, 5_000, 'ticks after the rejected save', (tick) => tick >= from + 3);
    assert.equal(valueAt(run().currentConfig, pollPath), good, 'the last good config must stay in force');
    assert.ok(run().log.some((entry) => /Config rejected: \d+ errors?/.test(entry.text) && entry.text.includes('last good config')));
  });

  test(`saving an edited config reconfigures the engine (${MAX_POLL_RECORDS} 1 → 500)`, async () => {
    const before = valueAt(run().currentConfig, pollPath);
    const target = before === 500 ? 100 : 500;
    const edited = withYamlValue(document.getText(), pollPath, target)!;
    assert.ok(edited, `${pollPath.join('.')} is not in the file`);
    const applied = nextEvent(api.onDidApplyConfig, 10_000, 'the config to take effect');
    await replaceAndSave(document, edited);
    const change = await applied;
    assert.ok(
      change.changes.some((text) => text.includes(`${MAX_POLL_RECORDS}: ${String(before)} → ${target}`)),
      `changes were: ${change.changes.join('; ')}`,
    );
    assert.equal(valueAt(run().currentConfig, pollPath), target);
    assert.ok(run().log.some((entry) => entry.text.startsWith('Config applied') && entry.text.includes(MAX_POLL_RECORDS)), 'the event log does not show the change');
    assert.equal(vscode.languages.getDiagnostics(session.configUri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
    // Back to the broken config, so the run cannot be won while the next tests need it running.
    const reverted = nextEvent(api.onDidApplyConfig, 10_000, 'the initial config to take effect again');
    await replaceAndSave(document, initialText);
    await reverted;
    assert.equal(valueAt(run().currentConfig, pollPath), before);
  });

  test('a misspelt key gets a "did you mean" diagnostic on that key', async () => {
    const misspelt = initialText.replace(`${MAX_POLL_RECORDS}:`, 'max.poll.record:');
    const checked = nextEvent(api.onDidCheckConfig, 10_000, 'the misspelt config to be checked');
    await replaceAndSave(document, misspelt);
    await checked;
    const diagnostics = vscode.languages.getDiagnostics(session.configUri);
    const guess = diagnostics.find((d) => d.message.includes(`Did you mean '${MAX_POLL_RECORDS}'?`));
    assert.ok(guess, `no "did you mean" among: ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.equal(guess.range.start.line, lineOf(document, /max\.poll\.record:/));
    // Back to a valid file for the next tests.
    const restored = nextEvent(api.onDidCheckConfig, 10_000, 'the restored config', (c) => c.applied);
    await replaceAndSave(document, initialText);
    await restored;
  });

  test('hovering a key shows its real documentation, type and default', async () => {
    const line = lineOf(document, new RegExp(`^\\s+${MAX_POLL_RECORDS.replace(/\./g, '\\.')}:`));
    const column = document.lineAt(line).text.indexOf(MAX_POLL_RECORDS) + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, column));
    const text = hoverText(hovers);
    assert.match(text, /max\.poll\.records/);
    assert.match(text, /Type: int/);
    assert.match(text, /Default: `500`/);
  });

  test('completion offers the consumer keys not yet set in that block, and the values of an enumerated key', async () => {
    const line = lineOf(document, new RegExp(`^\\s+${MAX_POLL_RECORDS.replace(/\./g, '\\.')}:`));
    const indent = /^\s*/.exec(document.lineAt(line).text)![0];
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line + 1, 0), `${indent}\n${indent}auto.offset.reset: \n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line + 1, indent.length));
      const labels = keys.items.map(labelOf);
      assert.ok(labels.includes('max.poll.interval.ms') || /max\.poll\.interval\.ms:/.test(document.getText()), `keys offered: ${labels.slice(0, 20).join(', ')}`);
      assert.ok(!labels.includes(MAX_POLL_RECORDS), `${MAX_POLL_RECORDS} is already set and must not be offered`);
      const valueLine = line + 2;
      const values = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        new vscode.Position(valueLine, document.lineAt(valueLine).text.length),
      );
      const valueLabels = values.items.map(labelOf);
      for (const value of ['earliest', 'latest', 'none']) assert.ok(valueLabels.includes(value), `values offered: ${valueLabels.join(', ')}`);
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.delete(document.uri, new vscode.Range(line + 1, 0, line + 3, 0));
      await vscode.workspace.applyEdit(undo);
      await document.save();
    }
  });

  test('a change written to the file by another program is applied (file watcher)', async () => {
    // 2 records per poll: a change the engine sees, not yet the fix (the run must go on).
    const text = withYamlValue(document.getText(), pollPath, 2)!;
    const applied = nextEvent(api.onDidApplyConfig, 15_000, 'the externally written config to take effect', (a) => a.changes.some((c) => c.endsWith('→ 2')));
    await vscode.workspace.fs.writeFile(session.configUri, new TextEncoder().encode(text));
    await applied;
    assert.equal(valueAt(run().currentConfig, pollPath), 2);
  });

  test('deleting the config file warns and keeps the run going; Open Config recreates it from the config in force', async () => {
    const warned = nextEvent(prompter.onDidPrompt, 15_000, 'the deleted-file warning', (r) => r.kind === 'warning' && /deleted/.test(r.message));
    await vscode.workspace.fs.delete(session.configUri);
    await warned;
    const from = run().tick;
    await nextEvent(api.onDidTick, 5_000, 'ticks after the deletion', (tick) => tick > from + 2);
    assert.equal(valueAt(run().currentConfig, pollPath), 2);
    await vscode.commands.executeCommand('distributedOps.openConfig');
    const recreated = new TextDecoder().decode(await vscode.workspace.fs.readFile(session.configUri));
    assert.match(recreated, /max\.poll\.records: 2\b/);
  });

  test('restart starts a fresh run and resets the config file', async () => {
    const old = run();
    await vscode.commands.executeCommand('distributedOps.restart');
    assert.notEqual(run(), old);
    assert.equal(run().hintsShown.length, 0);
    await waitFor(() => document.getText() === initialText, 5_000, 'the config document to show the initial config');
    assert.ok(!document.isDirty);
    assert.deepEqual(valueAt(run().currentConfig, pollPath), valueAt(old.scenario.config, pollPath));
    await nextEvent(api.onDidTick, 5_000, 'a tick of the new run');
  });

  test('starting another scenario asks to abandon the running one', async () => {
    await api.progress.record('kafka-01', { won: true, score: 900, stars: 3 });
    const asked = prompter.asked.length;
    await vscode.commands.executeCommand('distributedOps.start', 'kafka-02');
    assert.equal(prompter.asked[asked]?.kind, 'modal-warning');
    assert.match(prompter.asked[asked].message, /Abandon "Pizza Order System"\?/);
    assert.equal(api.currentSession()?.scenario.id, 'kafka-02');
    assert.equal(session.consolePanel, undefined, 'the abandoned session closed its console');
  });

  test('stop ends the session and closes its console', async () => {
    const current = api.currentSession()!;
    await vscode.commands.executeCommand('distributedOps.stop');
    assert.equal(api.currentSession(), undefined);
    assert.equal(current.consolePanel, undefined);
  });
});
