// Where a scenario's config file lives, and writing it. By default it goes to the extension's
// global storage so the user's repository stays clean; the `workspace` setting puts it in
// .distributed-ops/ of the first workspace folder, where it can be committed or diffed.
import * as vscode from 'vscode';

export type ConfigLocation = 'globalStorage' | 'workspace';

export const WORKSPACE_CONFIG_DIR = '.distributed-ops';

export interface ResolvedConfigFile {
  uri: vscode.Uri;
  folder: vscode.Uri;
  /** Set when the setting could not be honoured (why we fell back to global storage). */
  fallbackReason?: string;
}

export function configLocationSetting(): ConfigLocation {
  const value = vscode.workspace.getConfiguration('distributedOps').get<string>('configLocation');
  return value === 'workspace' ? 'workspace' : 'globalStorage';
}

export function globalConfigFolder(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, 'configs');
}

export function resolveConfigFile(context: vscode.ExtensionContext, scenarioId: string): ResolvedConfigFile {
  const fileName = `${scenarioId}.yaml`;
  if (configLocationSetting() === 'workspace') {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    if (workspaceFolder) {
      const folder = vscode.Uri.joinPath(workspaceFolder.uri, WORKSPACE_CONFIG_DIR);
      return { uri: vscode.Uri.joinPath(folder, fileName), folder };
    }
    const folder = globalConfigFolder(context);
    return { uri: vscode.Uri.joinPath(folder, fileName), folder, fallbackReason: 'no workspace folder is open' };
  }
  const folder = globalConfigFolder(context);
  return { uri: vscode.Uri.joinPath(folder, fileName), folder };
}

/** Patterns matching every place a config file can be, for the language features. */
export function configFileSelector(context: vscode.ExtensionContext): vscode.DocumentSelector {
  const globalFolder = globalConfigFolder(context);
  return [
    { language: 'yaml', scheme: globalFolder.scheme, pattern: new vscode.RelativePattern(globalFolder, '*.yaml') },
    { language: 'yaml', scheme: 'file', pattern: `**/${WORKSPACE_CONFIG_DIR}/*.yaml` },
  ];
}

/** The scenario id a config file belongs to (its base name), if it is one of ours. */
export function scenarioIdOf(uri: vscode.Uri): string | undefined {
  const match = /\/([a-z0-9-]+)\.yaml$/.exec(uri.path);
  return match?.[1];
}

/**
 * Replace the file's content with `text`. If the file is open in an editor, the edit goes
 * through the document (then saved), so unsaved edits cannot conflict with the new file.
 */
export async function writeConfigFile(uri: vscode.Uri, folder: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open && !open.isClosed) {
    if (open.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
      await vscode.workspace.applyEdit(edit);
    }
    if (open.isDirty) await open.save();
    // Still write to disk: the file may have been deleted while the editor stayed open.
    if (await exists(uri)) return;
  }
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function readConfigFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
