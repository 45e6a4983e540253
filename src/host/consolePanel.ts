// The Ops Console webview panel. The host owns all state: the panel only relays messages.
// Nothing is posted while the panel is hidden (its document is discarded without
// retainContextWhenHidden); when it shows again, or the page says `ready`, it gets a snapshot.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isFromWebview, type FromWebview, type SnapshotMessage, type ToWebview } from '../protocol';
import { Disposable } from './dispose';

export const CONSOLE_VIEW_TYPE = 'distributedOps.console';

export class ConsolePanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  /** The page currently shown has been sent a snapshot, so deltas can follow. */
  private synced = false;

  private readonly received = this.own(new vscode.EventEmitter<FromWebview>());
  /** Controls and speed changes from the page (ready is handled here). */
  readonly onDidReceive = this.received.event;
  private readonly readied = this.own(new vscode.EventEmitter<void>());
  readonly onDidBecomeReady = this.readied.event;
  private readonly closed = this.own(new vscode.EventEmitter<void>());
  /** The user closed the panel. */
  readonly onDidClose = this.closed.event;

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    column: vscode.ViewColumn,
    private readonly snapshot: () => SnapshotMessage,
  ) {
    super();
    this.panel = vscode.window.createWebviewPanel(
      CONSOLE_VIEW_TYPE,
      title,
      { viewColumn: column, preserveFocus: false },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    this.panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'console-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'console-dark.svg'),
    };
    this.panel.webview.html = consoleHtml(this.panel.webview, extensionUri, title);
    this.own(
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isFromWebview(message)) return;
        if (message.type === 'ready') {
          this.sendSnapshot();
          this.readied.fire();
        } else {
          this.received.fire(message);
        }
      }),
    );
    // Focus moving between the console and an editor also fires this: act on hidden ⇄ shown only.
    let wasVisible = this.panel.visible;
    this.own(
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible && !wasVisible) this.sendSnapshot();
        if (!webviewPanel.visible) this.synced = false;
        wasVisible = webviewPanel.visible;
      }),
    );
    this.own(
      this.panel.onDidDispose(() => {
        this.synced = false;
        this.closed.fire();
        this.dispose();
      }),
    );
  }

  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  /** Deltas make sense only for a visible page that has a snapshot to apply them to. */
  get acceptsDeltas(): boolean {
    return !this.isDisposed && this.synced && this.panel.visible;
  }

  reveal(): void {
    if (!this.isDisposed) this.panel.reveal(undefined, false);
  }

  /** Full state, when the page is visible. */
  sendSnapshot(): void {
    if (this.isDisposed || !this.panel.visible) return;
    this.synced = true;
    this.postNow(this.snapshot());
  }

  /** A delta or an outcome; dropped when the page could not use it (it gets a snapshot later). */
  post(message: ToWebview): void {
    if (this.acceptsDeltas) this.postNow(message);
  }

  private postNow(message: ToWebview): void {
    messageSizes.record(message.type, JSON.stringify(message).length);
    void this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }
}

function consoleHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${asset('webview.css')}">
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <div id="app"></div>
  <script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sizes of what the host posts to the console (reported by the tests against the 10 kB budget). */
export const messageSizes = {
  snapshotMaxBytes: 0,
  deltaMaxBytes: 0,
  deltaCount: 0,
  deltaTotalBytes: 0,
  record(type: ToWebview['type'], bytes: number): void {
    if (type === 'snapshot') this.snapshotMaxBytes = Math.max(this.snapshotMaxBytes, bytes);
    else if (type === 'delta') {
      this.deltaMaxBytes = Math.max(this.deltaMaxBytes, bytes);
      this.deltaCount++;
      this.deltaTotalBytes += bytes;
    }
  },
};
