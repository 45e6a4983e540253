#!/usr/bin/env node
// Stands in for a desktop VS Code executable for @vscode/test-cli (`useInstallation.fromPath` in
// .vscode-test.mjs): no Electron build of VS Code can be had on these machines. It takes the
// command line @vscode/test-electron passes
//   [workspace] --extensionDevelopmentPath=X --extensionTestsPath=Y --user-data-dir=... ...
// starts its own code-server with this process's environment (so test-cli's VSCODE_TEST_OPTIONS
// reaches the extension host), runs the tests in headless chromium and exits with the extension
// host's exit code, as VS Code itself would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, startCodeServer, writeUserSettings, instanceDirs } from '../scripts/vscode-env.mjs';
import { runTestsInWorkbench } from './browser.mjs';

const log = (m) => console.log(`[code-shim] ${m}`);
const devPaths = [];
let testsPath;
const positional = [];
for (const arg of process.argv.slice(2)) {
  const value = () => resolve(arg.slice(arg.indexOf('=') + 1));
  if (arg.startsWith('--extensionDevelopmentPath=')) devPaths.push(value());
  else if (arg.startsWith('--extensionTestsPath=')) testsPath = value();
  else if (!arg.startsWith('-')) positional.push(resolve(arg));
  // the rest (--no-sandbox, --disable-updates, --user-data-dir=...) only means something to Electron
}
if (!devPaths.length || !testsPath) {
  console.error('code-shim: need --extensionDevelopmentPath= and --extensionTestsPath=');
  process.exit(2);
}

// under .state/ so a failed run's log and state stay for a look (`npm test` wipes them next time)
mkdirSync(join(ROOT, '.state/test'), { recursive: true });
const stateDir = mkdtempSync(join(ROOT, '.state/test/shim-'));
const folder = positional[0] ?? join(stateDir, 'workspace');
mkdirSync(folder, { recursive: true });
writeUserSettings(instanceDirs(stateDir).userData);

let code = 1;
let server;
const stopAndExit = async (signalCode) => {
  await server?.stop();
  process.exit(signalCode);
};
process.once('SIGINT', () => stopAndExit(130));
process.once('SIGTERM', () => stopAndExit(143));
try {
  server = await startCodeServer({ stateDir, folder, log });
  code = await runTestsInWorkbench({
    base: server.base,
    folder,
    extDevPaths: devPaths,
    testsPath,
    timeoutMs: Number(process.env.E2E_TEST_TIMEOUT_MS || 300_000),
    log: (m) => console.log(m),
  });
  log(`extension host exit code ${code}`);
} catch (err) {
  console.error(`[code-shim] ${err?.stack || err}`);
  code = 1;
} finally {
  await server?.stop();
  if (code === 0) rmSync(stateDir, { recursive: true, force: true });
  else console.error(`[code-shim] code-server state and log kept in ${stateDir}`);
}
process.exit(code);
