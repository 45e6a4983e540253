// Entry of the in-VS-Code suite (extensionTestsPath). VS Code calls run(); resolving means exit
// code 0, rejecting exit code 1. The outcome is also written as JSON for the harness:
//   $E2E_RESULTS_DIR/<suite dir name>-results.json (default <repo>/.state/<dir name>-results.json)
// and the console gets a closing "N passed, N failed" line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  return runMochaFilesIn(__dirname);
}

/** Runs every *.test.js in `dir` with mocha (TDD ui) and records each test's outcome. */
export function runMochaFilesIn(dir: string): Promise<void> {
  const resultsDir = process.env.E2E_RESULTS_DIR || path.resolve(dir, '..', '..', '..', '.state');
  const resultsFile = path.join(resultsDir, `${path.basename(dir)}-results.json`);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
  }

  const records: TestRecord[] = [];
  const started = Date.now();
  const write = (extra: Record<string, unknown>) => {
    const passed = records.filter((r) => r.state === 'passed').length;
    const failed = records.filter((r) => r.state === 'failed').length;
    const pending = records.filter((r) => r.state === 'pending').length;
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(
      resultsFile,
      JSON.stringify({ passed, failed, pending, durationMs: Date.now() - started, vscodeVersion: vscode.version, tests: records, ...extra }, null, 2),
    );
    return { passed, failed };
  };

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passed, failed } = write({ done: true, failures });
        console.log(`${passed} passed, ${failed} failed`);
        console.log(`results written to ${resultsFile}`);
        // A suite in which nothing passed did not test anything: not a success.
        if (failures > 0 || passed === 0) reject(new Error(`${failures} test(s) failed, ${passed} passed`));
        else resolve();
      });
      runner.on('pass', (test) => records.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
      runner.on('fail', (test, error: unknown) =>
        records.push({ title: test.fullTitle(), state: 'failed', error: String((error as Error | undefined)?.stack ?? error) }),
      );
      runner.on('pending', (test) => records.push({ title: test.fullTitle(), state: 'pending' }));
    } catch (error) {
      write({ done: true, crashed: String(error) });
      reject(error);
    }
  });
}
