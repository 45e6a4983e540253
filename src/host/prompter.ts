// Dialogs and notifications, behind an interface so the in-VS-Code tests can answer modal
// questions (a modal dialog would otherwise wait forever for a click).
import * as vscode from 'vscode';

export interface Prompter {
  /** A modal question or statement; resolves with the chosen action, undefined when dismissed. */
  ask(kind: 'info' | 'warning', message: string, detail: string, ...actions: string[]): Thenable<string | undefined>;
  /** A notification with optional buttons. */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowPrompter: Prompter = {
  ask: (kind, message, detail, ...actions) =>
    kind === 'warning'
      ? vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions)
      : vscode.window.showInformationMessage(message, { modal: true, detail }, ...actions),
  notify: (kind, message, ...actions) => {
    switch (kind) {
      case 'info':
        return vscode.window.showInformationMessage(message, ...actions);
      case 'warning':
        return vscode.window.showWarningMessage(message, ...actions);
      case 'error':
        return vscode.window.showErrorMessage(message, ...actions);
    }
  },
};
