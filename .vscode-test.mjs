// @vscode/test-cli config (`npx vscode-test`). No desktop VS Code can be downloaded here, so the
// "installation" is e2e/code-shim.mjs: it runs the same in-host suite in code-server's real
// extension host through headless chromium and exits with the extension host's exit code.
import { defineConfig } from '@vscode/test-cli';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  files: 'dist/test/vscode/*.test.js',
  workspaceFolder: '.state/test/workspace-cli',
  useInstallation: { fromPath: fileURLToPath(new URL('./e2e/code-shim.mjs', import.meta.url)) },
  mocha: { ui: 'tdd', timeout: 60_000, color: false },
});
