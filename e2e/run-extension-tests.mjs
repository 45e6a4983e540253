// Runs a mocha suite INSIDE code-server's real (remote, Node.js) extension host: the workbench is
// opened with this repository as extensionDevelopmentPath and `testsEntry` as extensionTestsPath;
// VS Code calls the entry's run() and reports its outcome through window.codeAutomationExit.
// The entry writes a results JSON ($E2E_RESULTS_DIR/<dir name>-results.json, see test/vscode/index.ts).
//   expect=pass: OK iff exit code 0 and the results say passed > 0, failed = 0.
//   expect=fail: OK iff exit code 1 and the results say exactly 1 passed, 1 failed (the harness
//                self-check in e2e/selfcheck: proves a failing suite cannot be reported green).
//
// usage: node e2e/run-extension-tests.mjs <baseUrl> <workspaceFolder> <testsEntry> <resultsFile> [pass|fail]
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ROOT } from '../scripts/vscode-env.mjs';
import { runTestsInWorkbench } from './browser.mjs';

const [base, folder, testsEntry, resultsArg, expect = 'pass'] = process.argv.slice(2);
if (!base || !folder || !testsEntry || !resultsArg || !['pass', 'fail'].includes(expect)) {
  console.error('usage: run-extension-tests.mjs <baseUrl> <workspaceFolder> <testsEntry> <resultsFile> [pass|fail]');
  process.exit(2);
}
const resultsFile = resolve(resultsArg);
const tag = `[run-extension-tests ${testsEntry}]`;
rmSync(resultsFile, { force: true });
mkdirSync(dirname(resultsFile), { recursive: true });

let exitCode = 1;
try {
  const code = await runTestsInWorkbench({
    base,
    folder,
    extDevPaths: [ROOT],
    testsPath: resolve(ROOT, testsEntry),
    timeoutMs: Number(process.env.E2E_TEST_TIMEOUT_MS || 300_000),
    onTimeout: (page) => page.screenshot({ path: resultsFile.replace(/\.json$/, '') + '-timeout.png' }),
  });
  console.log(`${tag} extension host reported exit code ${code}`);
  if (!existsSync(resultsFile)) throw new Error(`no results file at ${resultsFile}`);
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const t of results.tests ?? []) {
    const err = t.error ? `\n        ${t.error.split('\n').slice(0, 4).join('\n        ')}` : '';
    console.log(`  ${t.state === 'passed' ? 'PASS' : t.state.toUpperCase()}  ${t.title}${err}`);
  }
  console.log(`${tag} VS Code ${results.vscodeVersion}: ${results.passed} passed, ${results.failed} failed in ${results.durationMs} ms`);
  const asExpected =
    expect === 'pass'
      ? code === 0 && results.failed === 0 && results.passed > 0
      : code === 1 && results.failed === 1 && results.passed === 1;
  if (!asExpected) console.error(`${tag} outcome (exit ${code}, ${results.passed} passed, ${results.failed} failed) does not match "${expect}"`);
  exitCode = asExpected ? 0 : 1;
} catch (err) {
  console.error(`${tag} FAILED: ${err?.stack || err}`);
}
process.exit(exitCode);
