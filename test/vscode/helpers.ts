// Shared by the in-VS-Code tests: the extension's test API, bounded waits on its events, and a
// prompter that answers dialogs (a real modal dialog would wait for a click forever).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistributedOpsApi } from '../../src/host/api';
import type { Prompter } from '../../src/host/prompter';

export const EXTENSION_ID = 'distributed-ops.distributed-ops';

export async function activateExtension(): Promise<DistributedOpsApi> {
  const extension = vscode.extensions.getExtension<DistributedOpsApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.ok(api?.treeProvider, 'activate() did not return the test API');
  return api;
}

/** The first event (matching `accept`) within `ms`, or a rejection naming what was awaited. */
export function nextEvent<T>(event: vscode.Event<T>, ms: number, what: string, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Polls a condition that has no event (editor state, files), up to `ms`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export interface PromptRecord {
  kind: string;
  message: string;
  detail?: string;
  actions: string[];
}

/** Answers every dialog with `answer(record)` and keeps a record of what was asked. */
export class RecordingPrompter implements Prompter {
  readonly asked: PromptRecord[] = [];
  private readonly emitter = new vscode.EventEmitter<PromptRecord>();
  readonly onDidPrompt = this.emitter.event;

  constructor(private readonly answer: (record: PromptRecord) => string | undefined = () => undefined) {}

  ask(kind: 'info' | 'warning', message: string, detail: string, ...actions: string[]): Thenable<string | undefined> {
    return this.record({ kind: `modal-${kind}`, message, detail, actions });
  }

  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.record({ kind, message, actions });
  }

  private record(record: PromptRecord): Thenable<string | undefined> {
    this.asked.push(record);
    this.emitter.fire(record);
    return Promise.resolve(this.answer(record));
  }
}

/** Replace the whole text of a document, then save it (as a person editing and pressing Ctrl+S). */
export async function replaceAndSave(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
  assert.ok(await document.save(), 'save failed');
}

/** 0-based line of the first line matching `pattern`. */
export function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  for (let line = 0; line < document.lineCount; line++) if (pattern.test(document.lineAt(line).text)) return line;
  assert.fail(`no line matches ${pattern} in ${document.uri.path}`);
}

export async function stopAnySession(api: DistributedOpsApi): Promise<void> {
  if (api.currentSession()) await vscode.commands.executeCommand('distributedOps.stop');
  assert.equal(api.currentSession(), undefined, 'the session did not stop');
}

/**
 * `text` with the block-style YAML value at `path` replaced by `value` (a person's edit of one
 * line), or undefined when the key is not in the file.
 */
export function withYamlValue(text: string, path: readonly string[], value: unknown): string | undefined {
  const lines = text.split('\n');
  const stack: { indent: number; key: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^( *)([^\s#:][^:#]*?):(?:\s|$)/.exec(lines[i]);
    if (!match) continue;
    const indent = match[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: match[2].trim() });
    if (stack.length === path.length && stack.every((entry, k) => entry.key === path[k])) {
      const comment = /\s+#.*$/.exec(lines[i].slice(match[0].length))?.[0] ?? '';
      lines[i] = `${match[1]}${match[2]}: ${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}${comment}`;
      return lines.join('\n');
    }
  }
  return undefined;
}

/** The leaves of a nested config patch as [path, value] pairs. */
export function patchLeaves(patch: Record<string, unknown>, prefix: string[] = []): [string[], unknown][] {
  return Object.entries(patch).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? patchLeaves(value as Record<string, unknown>, [...prefix, key])
      : [[[...prefix, key], value] as [string[], unknown]],
  );
}
