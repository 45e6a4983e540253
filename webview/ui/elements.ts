// The only module that loads @vscode-elements/elements. Import single components (not the
// bundle) so the webview pays only for what it draws.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
