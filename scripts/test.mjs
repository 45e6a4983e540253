// `npm test`: every test layer in order, stopping at the first failing one, always ending with a
// summary whose last line is `N passed, N failed` (layers).
//   typecheck      tsc --noEmit
//   build          node esbuild.mjs
//   unit           `npm run test:unit` (mocha): unit, scenario conformance, fuzz
//   vscode-env     code-server + chromium present, extension packaged as a .vsix and its contents checked
//   extension-host test/vscode suite inside a real VS Code extension host + the harness self-check
//   vscode-test    the same suite through @vscode/test-cli (.vscode-test.mjs, e2e/code-shim.mjs)
//   e2e            test/e2e/play-kafka-01.mjs: a person plays kafka-01 in the browser
// Env knobs (quick local runs): SKIP_TYPECHECK, SKIP_UNIT, SKIP_VSCODE (all VS Code layers),
// SKIP_SELFCHECK, SKIP_TEST_CLI, SKIP_E2E =1; KEEP_GOING=1 runs the later layers after a failure;
// E2E_VERBOSE=1 prints the workbench's console errors.
// Logs: .state/test/logs/<layer>.log; results JSON: .state/test/results; screenshots: .state/shots.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, CHROMIUM, VSIX, descendants, ensureCodeServer, ensureSystemPackages, instanceDirs, packageVsix, startCodeServer, writeUserSettings,
} from './vscode-env.mjs';

const STATE = join(ROOT, '.state/test');
const LOGS = join(STATE, 'logs');
const RESULTS = join(STATE, 'results');
const skip = (name) => process.env[name] === '1';
const bin = (name) => join(ROOT, 'node_modules/.bin', name);

rmSync(STATE, { recursive: true, force: true });
mkdirSync(LOGS, { recursive: true });
mkdirSync(RESULTS, { recursive: true });

// ---------------------------------------------------------------- child processes
let current; // the running child, ended on Ctrl+C
let codeServer; // the code-server of the extension-host layer

/**
 * Runs a command with output to the console and to logs/<name>.log, bounded by timeoutMs. The
 * child gets its own process group so a timeout ends it and everything it started.
 */
function run(name, command, args, { timeoutMs, env = {} }) {
  return new Promise((resolve) => {
    const log = createWriteStream(join(LOGS, `${name}.log`), { flags: 'a' });
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk;
      log.write(chunk);
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[test] ${name}: timed out after ${timeoutMs / 1000} s, stopping it`);
      terminate(child);
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      log.end();
      resolve({ code: timedOut ? 124 : (code ?? 128), signal, output, timedOut });
    });
  });
}

/** SIGTERM to the child's group and every descendant (some re-parent), SIGKILL after 10 s. */
function terminate(child) {
  const tree = [child.pid, ...descendants(child.pid)];
  const signalAll = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* group gone */
    }
    for (const pid of tree) {
      try {
        process.kill(pid, signal);
      } catch {
        /* gone */
      }
    }
  };
  signalAll('SIGTERM');
  setTimeout(() => signalAll('SIGKILL'), 10_000).unref();
}

// ---------------------------------------------------------------- memory sampling
// Used memory of the machine (MemTotal - MemAvailable) and RSS of this test run's process tree.
const memory = { baseMiB: usedMemMiB(), peakMiB: usedMemMiB(), peakTreeMiB: treeRssMiB() };
function usedMemMiB() {
  const info = readFileSync('/proc/meminfo', 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return Math.round((kib('MemTotal') - kib('MemAvailable')) / 1024);
}
function treeRssMiB() {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' }).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kib]) => [pid, kib]));
  const tree = new Set([process.pid]);
  for (const pid of tree) for (const c of children.get(pid) ?? []) tree.add(c);
  // code-server instances run in their own process groups but are still our descendants
  return Math.round([...tree].reduce((sum, pid) => sum + (rss.get(pid) ?? 0), 0) / 1024);
}
const sampler = setInterval(() => {
  memory.peakMiB = Math.max(memory.peakMiB, usedMemMiB());
  memory.peakTreeMiB = Math.max(memory.peakTreeMiB, treeRssMiB());
}, 2000);
sampler.unref();

// ---------------------------------------------------------------- result parsing
const mochaCounts = (output) => ({
  passed: Number(/(\d+) passing/.exec(output)?.[1] ?? 0),
  failed: Number(/(\d+) failing/.exec(output)?.[1] ?? 0),
});
const readResults = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const one = (ok, note) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, note });

// ---------------------------------------------------------------- the layers
const layers = [
  {
    name: 'typecheck',
    skipBy: 'SKIP_TYPECHECK',
    async run() {
      const r = await run('typecheck', bin('tsc'), ['-p', '.', '--noEmit'], { timeoutMs: 300_000 });
      const errors = (r.output.match(/error TS\d+/g) ?? []).length;
      return r.code === 0 ? one(true) : { passed: 0, failed: Math.max(errors, 1), note: `${errors} type errors` };
    },
  },
  {
    name: 'build',
    async run() {
      // from a clean dist/: a stale dist/test/vscode/*.test.js of a deleted test would still run
      rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
      const r = await run('build', process.execPath, ['esbuild.mjs'], { timeoutMs: 180_000 });
      return one(r.code === 0);
    },
  },
  {
    name: 'unit',
    skipBy: 'SKIP_UNIT',
    async run() {
      // the spec (unit + conformance + fuzz) lives in the package.json script
      const r = await run('unit', 'npm', ['run', '--silent', 'test:unit'], { timeoutMs: 900_000 });
      const counts = mochaCounts(r.output);
      if (r.code !== 0 && counts.failed === 0) counts.failed = 1; // crashed, no test files, timeout
      return counts;
    },
  },
  {
    name: 'vscode-env',
    skipBy: 'SKIP_VSCODE',
    async run() {
      ensureSystemPackages({ log: (m) => console.log(`[test] ${m}`), logFile: join(LOGS, 'apt.log') });
      ensureCodeServer({ log: (m) => console.log(`[test] ${m}`), logFile: join(LOGS, 'npm-code-server.log') });
      if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}`);
      packageVsix(VSIX, { logFile: join(LOGS, 'vsce.log') });
      return checkVsixContents();
    },
  },
  {
    name: 'extension-host',
    skipBy: 'SKIP_VSCODE',
    async run() {
      const state = join(STATE, 'vscode');
      const folder = join(state, 'workspace');
      mkdirSync(folder, { recursive: true });
      writeUserSettings(instanceDirs(state).userData);
      codeServer = await startCodeServer({ stateDir: state, folder, extraEnv: { E2E_RESULTS_DIR: RESULTS }, log: (m) => console.log(`[test] ${m}`) });
      try {
        const suite = await run('extension-host', process.execPath, ['e2e/run-extension-tests.mjs', codeServer.base, folder, 'dist/test/vscode/index.js', join(RESULTS, 'vscode-results.json'), 'pass'], { timeoutMs: 480_000 });
        const results = readResults(join(RESULTS, 'vscode-results.json'));
        const counts = { passed: results?.passed ?? 0, failed: results ? results.failed : 1 };
        if (suite.code !== 0 && counts.failed === 0) counts.failed = 1;
        if (!skip('SKIP_SELFCHECK')) {
          console.log('[test] harness self-check: a suite with one deliberate failure must be reported as failed');
          const check = await run('selfcheck', process.execPath, ['e2e/run-extension-tests.mjs', codeServer.base, folder, 'e2e/selfcheck/index.js', join(RESULTS, 'selfcheck-results.json'), 'fail'], { timeoutMs: 300_000 });
          const ok = check.code === 0;
          console.log(`[test] harness self-check ${ok ? 'OK: the deliberate failure was detected' : 'FAILED: a failing suite was not reported as failing'}`);
          counts[ok ? 'passed' : 'failed'] += 1;
        }
        return counts;
      } finally {
        await codeServer.stop();
        codeServer = undefined;
      }
    },
  },
  {
    name: 'vscode-test',
    skipBy: 'SKIP_TEST_CLI',
    requires: 'SKIP_VSCODE',
    async run() {
      mkdirSync(join(STATE, 'workspace-cli'), { recursive: true }); // .vscode-test.mjs workspaceFolder
      const r = await run('vscode-test', bin('vscode-test'), [], { timeoutMs: 480_000 });
      const counts = mochaCounts(r.output);
      if (r.code !== 0 && counts.failed === 0) counts.failed = 1;
      if (r.code === 0 && counts.passed === 0) counts.failed = 1; // nothing ran: not a pass
      return counts;
    },
  },
  {
    name: 'e2e',
    skipBy: 'SKIP_E2E',
    requires: 'SKIP_VSCODE',
    async run() {
      const r = await run('e2e', process.execPath, ['test/e2e/play-kafka-01.mjs'], { timeoutMs: 600_000 });
      const m = /^(\d+) passed, (\d+) failed$/m.exec(r.output);
      const counts = m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
      if (r.code !== 0 && counts.failed === 0) counts.failed = 1;
      return counts;
    },
  },
];

/** The .vsix holds the bundles, media, scenarios and manifest, and nothing of the sources or tests. */
function checkVsixContents() {
  const list = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', VSIX], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`cannot list ${VSIX}:\n${list.stderr}`);
  const files = list.stdout.split('\n').filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
  const checks = [
    ['contains dist/extension.js', files.includes('dist/extension.js')],
    ['contains dist/webview.js and dist/webview.css', files.includes('dist/webview.js') && files.includes('dist/webview.css')],
    ['contains package.json', files.includes('package.json')],
    ['contains the Kafka scenarios', files.some((f) => /^scenarios\/kafka\/\d\d-.*\.yaml$/.test(f))],
    ['contains no sources, tests, maps or node_modules', !files.some((f) => /^(src|test|webview|e2e|node_modules|tools|scripts|\.state|dist\/test)\/|\.(map|ts|tsx)$/.test(f))],
  ];
  for (const [what, ok] of checks) console.log(`[test] vsix ${ok ? 'ok' : 'NOT OK'}: ${what}`);
  console.log(`[test] vsix: ${files.length} files in ${VSIX}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  return { passed: checks.length - failed, failed };
}

// ---------------------------------------------------------------- main
const summary = [];
const started = Date.now();
let stopReason;

async function interrupted(signal) {
  stopReason = `interrupted (${signal})`;
  if (current) terminate(current);
  await codeServer?.stop();
  printSummary();
  process.exit(130);
}
process.once('SIGINT', () => interrupted('SIGINT'));
process.once('SIGTERM', () => interrupted('SIGTERM'));

for (const layer of layers) {
  if (stopReason) {
    summary.push({ name: layer.name, state: 'skipped', note: stopReason });
    continue;
  }
  const skippedBy = [layer.skipBy, layer.requires].find((knob) => knob && skip(knob));
  if (skippedBy) {
    summary.push({ name: layer.name, state: 'skipped', note: `${skippedBy}=1` });
    continue;
  }
  console.log(`\n[test] ===== ${layer.name} =====`);
  const t0 = Date.now();
  let counts;
  try {
    counts = await layer.run();
  } catch (err) {
    console.error(`[test] ${layer.name}: ${err?.message || err}`);
    counts = { passed: 0, failed: 1, note: String(err?.message || err).split('\n')[0] };
  }
  const seconds = (Date.now() - t0) / 1000;
  const state = counts.failed === 0 && counts.passed > 0 ? 'passed' : 'failed';
  summary.push({ name: layer.name, state, seconds, ...counts });
  console.log(`[test] ${layer.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds.toFixed(1)} s)`);
  if (state === 'failed' && !skip('KEEP_GOING')) stopReason = `after ${layer.name} failed`;
}
printSummary();
process.exit(summary.some((s) => s.state === 'failed') ? 1 : 0);

function printSummary() {
  clearInterval(sampler);
  console.log('\n[test] ===== summary =====');
  for (const s of summary) {
    const counts = s.state === 'skipped' ? `skipped (${s.note})` : `${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`;
    const time = s.seconds === undefined ? '' : `  ${s.seconds.toFixed(1).padStart(6)} s`;
    console.log(`  ${s.state.padEnd(8)} ${s.name.padEnd(15)}${time}  ${counts}`);
  }
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s; memory: machine used ${memory.baseMiB} MiB at start, peak ${memory.peakMiB} MiB; peak RSS of the test process tree ${memory.peakTreeMiB} MiB`);
  const ran = summary.filter((s) => s.state !== 'skipped');
  console.log(`${ran.filter((s) => s.state === 'passed').length} passed, ${ran.filter((s) => s.state === 'failed').length} failed`);
}
