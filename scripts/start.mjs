// `npm start`: play the extension in a real VS Code.
// - With a desktop `code` CLI on PATH: builds (with sourcemaps) and opens a new window with this
//   repository as the extension under development.
// - Otherwise: builds, packages the .vsix, installs it into .state/start/extensions (as a user
//   would), starts code-server 4.100.3 (= VS Code 1.100.3) on 127.0.0.1 and prints the URL. Runs
//   until Ctrl+C. Progress (globalState) is kept in .state/start between starts.
// Env: PORT (default: a free port chosen by the kernel).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, VSIX, ensureCodeServer, ensureSystemPackages, installExtension, packageVsix, startCodeServer, writeUserSettings, instanceDirs,
} from './vscode-env.mjs';

const log = (m) => console.log(`[start] ${m}`);

function build(dev) {
  log(`building${dev ? ' (dev)' : ''}`);
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(dev ? ['--dev'] : [])], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

function desktopCodeCli() {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  // code-server can install a `code` wrapper of its own; only a desktop VS Code opens a window
  return found.status === 0 && path && !path.includes('code-server') ? path : undefined;
}

async function main() {
  const code = desktopCodeCli();
  if (code) {
    build(true);
    log(`opening a new VS Code window with the extension under development (${code})`);
    const result = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`], { stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }

  ensureSystemPackages({ log });
  ensureCodeServer({ log });
  build(false);
  log('packaging the .vsix');
  packageVsix(VSIX);
  const stateDir = join(ROOT, '.state/start');
  const folder = join(stateDir, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeUserSettings(instanceDirs(stateDir).userData);
  log(`installing ${VSIX} into ${instanceDirs(stateDir).extensions}`);
  installExtension(stateDir, VSIX);

  const server = await startCodeServer({ stateDir, folder, port: Number(process.env.PORT || 0), log });
  let stopping = false;
  const stop = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    log('stopping code-server');
    await server.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));

  const url = new URL(server.base);
  url.searchParams.set('folder', folder);
  console.log('');
  console.log('  Distributed Ops is running in VS Code for the web (code-server 4.100.3):');
  console.log('');
  console.log(`      ${url}`);
  console.log('');
  console.log('  Open that URL in a browser, then the "Distributed Ops" view in the activity bar.');
  console.log(`  Logs: ${server.logFile}. Press Ctrl+C to stop.`);
  console.log('');
  // keep running until code-server ends or we are told to stop
  const watchdog = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(watchdog);
      console.error(`[start] code-server exited unexpectedly (see ${server.logFile})`);
      stop(1);
    }
  }, 1000);
}

main().catch((err) => {
  console.error(`[start] ${err?.message || err}`);
  process.exit(1);
});
