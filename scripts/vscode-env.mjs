// The real VS Code the tests and `npm start` run against: code-server 4.100.3 (= VS Code 1.100.3)
// from npm in tools/code-server, driven by Debian's chromium. No desktop VS Code build can be
// downloaded on these machines, so everything here installs from the npm registry and apt only.
//
// As a script: `node scripts/vscode-env.mjs ensure` installs what is missing (apt packages,
// code-server) and exits; every step is skipped when already present.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
export const CS_DIR = join(ROOT, 'tools/code-server');
export const CS_BIN = process.env.CODE_SERVER_BIN || join(CS_DIR, 'node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Where `npm test` and `npm start` put the packaged extension. */
export const VSIX = join(ROOT, '.state/build/distributed-ops.vsix');

// chromium: the browser; libkrb5-dev: krb5-config + headers for code-server's native `kerberos`
// module; ripgrep: stands in for @vscode/ripgrep's GitHub download (see ensureCodeServer);
// make/g++/python3: node-gyp builds code-server's native modules.
const APT_PACKAGES = { chromium: '/usr/bin/chromium', 'libkrb5-dev': '/usr/bin/krb5-config', ripgrep: '/usr/bin/rg', make: 'make', 'g++': 'g++', python3: 'python3' };

const QUIET_NPM = { npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

const defaultLog = (message) => console.log(`[vscode-env] ${message}`);

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(name) {
  return spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
}

/** Installs the missing apt packages (as root), or throws naming them (non-root). */
export function ensureSystemPackages({ log = defaultLog, logFile } = {}) {
  const missing = Object.entries(APT_PACKAGES)
    .filter(([pkg, probe]) => !(probe.startsWith('/') ? existsSync(probe) : onPath(probe)) || (pkg === 'libkrb5-dev' && !dpkgInstalled(pkg)))
    .map(([pkg]) => pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages; install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const apt = (args, timeout) => {
    // another apt run (e.g. a provisioning step) may hold the lock: wait for it instead of failing
    const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      encoding: 'utf8',
      timeout,
    });
    if (logFile) writeFileSync(logFile, `$ apt-get ${args.join(' ')}\n${result.stdout}${result.stderr}`, { flag: 'a' });
    if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed${logFile ? ` (see ${logFile})` : `:\n${result.stderr}`}`);
  };
  apt(['update', '-q'], 300_000);
  apt(['install', '-y', '-q', '--no-install-recommends', ...missing], 900_000);
}

export function codeServerVersion() {
  if (!existsSync(CS_BIN)) return undefined;
  const scratch = mkdtempSync('/tmp/dops-ver.');
  try {
    const result = spawnSync(CS_BIN, ['--version'], { encoding: 'utf8', timeout: 60_000, env: isolatedEnv(scratch) });
    // first line may be "... info  Wrote default config file ..."; the version line is "4.100.3 <commit> with Code 1.100.3"
    return /^(\d+\.\d+\.\d+) \S+ with Code/m.exec(result.stdout ?? '')?.[1];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function codeServerComplete() {
  // the last native module its postinstall builds; absent = an interrupted install
  return existsSync(join(CS_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog')) && codeServerVersion() === CODE_SERVER_VERSION;
}

/** npm-installs code-server into tools/code-server unless a complete install is there. */
export function ensureCodeServer({ log = defaultLog, logFile } = {}) {
  if (codeServerComplete()) return false;
  log(`npm install code-server ${CODE_SERVER_VERSION} into tools/code-server (builds native modules; a few minutes)`);
  const tmp = mkdtempSync('/tmp/dops-cs-install.');
  try {
    // @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here); it first looks for
    // $TMPDIR/vscode-ripgrep-cache-<its version>/<asset>, so seed that cache with Debian's rg.
    // Version and asset as pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json).
    const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
    mkdirSync(join(cache, 'src'), { recursive: true });
    cpSync('/usr/bin/rg', join(cache, 'src/rg'));
    execFileSync('tar', ['-C', join(cache, 'src'), '-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), 'rg']);
    const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: CS_DIR,
      encoding: 'utf8',
      timeout: 1_800_000,
      maxBuffer: 256 * 1024 * 1024,
      env: {
        ...process.env,
        ...QUIET_NPM,
        TMPDIR: tmp,
        // code-server's postinstall.sh refuses to run as root without unsafe_perm
        npm_config_unsafe_perm: 'true',
        // node-pty's postinstall runs `npx node-gyp`; an npmrc with yes=false makes npx cancel it
        npm_config_yes: 'true',
      },
    });
    if (logFile) writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.status !== 0) throw new Error(`code-server install failed (exit ${result.status ?? result.signal})${logFile ? `, see ${logFile}` : `:\n${result.stderr}`}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!codeServerComplete()) throw new Error(`code-server install incomplete (expected version ${CODE_SERVER_VERSION})`);
  return true;
}

/** Packages the extension (already built into dist/) as a .vsix; everything is bundled. */
export function packageVsix(outFile, { logFile } = {}) {
  mkdirSync(dirname(outFile), { recursive: true });
  rmSync(outFile, { force: true });
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/vsce'),
    // no repository URL to rewrite README links against: they stay relative to the extension folder
    ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', outFile],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (logFile) writeFileSync(logFile, output);
  if (result.status !== 0 || !existsSync(outFile)) throw new Error(`vsce package failed:\n${output.trim().split('\n').slice(-15).join('\n')}`);
  return output;
}

/**
 * Environment that keeps code-server from writing into ~ (XDG dirs) and from reaching the
 * extension gallery (unreachable here). TMPDIR must be short: extension hosts put their
 * vscode-ipc-*.sock files there and unix socket paths are limited to ~100 bytes.
 */
export function isolatedEnv(stateDir, tmpDir = stateDir, extra = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(stateDir, 'xdg/config'),
    XDG_DATA_HOME: join(stateDir, 'xdg/data'),
    XDG_CACHE_HOME: join(stateDir, 'xdg/cache'),
    TMPDIR: tmpDir,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** User settings that keep a fresh workbench quiet and offline-friendly. */
export function writeUserSettings(userDataDir, overrides = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    ...overrides,
  };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

/** Directories of one code-server instance, all under stateDir. */
export function instanceDirs(stateDir) {
  return {
    userData: join(stateDir, 'user-data'),
    extensions: join(stateDir, 'extensions'),
    config: join(stateDir, 'code-server.yaml'),
    log: join(stateDir, 'code-server.log'),
  };
}

/** `code-server --install-extension` into the instance's own extensions dir (as a user would). */
export function installExtension(stateDir, vsix, { tmpDir } = {}) {
  const dirs = instanceDirs(stateDir);
  const result = spawnSync(
    CS_BIN,
    ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.config, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 120_000, env: isolatedEnv(stateDir, tmpDir) },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) throw new Error(`--install-extension ${vsix} failed:\n${output}`);
}

/** All descendant PIDs of pid, deepest last (read through ps). */
export function descendants(pid) {
  let children = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(\S+\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * Starts code-server on 127.0.0.1 (port 0 = the kernel picks a free one) serving `folder`, in its
 * own process group so that stop() ends it and every child it spawned (its file watcher outlives
 * it otherwise). Resolves once /healthz answers.
 */
export async function startCodeServer({ stateDir, folder, port = 0, extraEnv = {}, log = defaultLog }) {
  const dirs = instanceDirs(stateDir);
  mkdirSync(dirs.userData, { recursive: true });
  // short TMPDIR for the extension hosts' sockets (see isolatedEnv)
  const tmpDir = mkdtempSync('/tmp/dops-cs.');
  const out = createWriteStream(dirs.log);
  const child = spawn(
    CS_BIN,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
      '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.config, folder,
    ],
    { env: isolatedEnv(stateDir, tmpDir, extraEnv), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    out.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((r) => child.once('exit', r));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const tree = [child.pid, ...descendants(child.pid)];
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* group already gone */
    }
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    for (let i = 0; i < 50 && tree.some(alive); i++) await sleep(100);
    for (const pid of tree.filter(alive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await Promise.race([exited, sleep(2000)]);
    out.end();
    rmSync(tmpDir, { recursive: true, force: true });
  };

  try {
    let base;
    for (let i = 0; i < 600 && !base; i++) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (see ${dirs.log}):\n${output.slice(-2000)}`);
      base = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (!base) await sleep(100);
    }
    if (!base) throw new Error(`code-server did not report its port within 60 s (see ${dirs.log})`);
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) break;
      if (i >= 100) throw new Error(`code-server /healthz not answering at ${base}`);
      await sleep(200);
    }
    log(`code-server pid ${child.pid} listening on ${base}`);
    return { base, pid: child.pid, tmpDir, stop, logFile: dirs.log };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command !== 'ensure') {
    console.error('usage: node scripts/vscode-env.mjs ensure');
    process.exit(2);
  }
  try {
    ensureSystemPackages();
    const installed = ensureCodeServer();
    defaultLog(`code-server ${CODE_SERVER_VERSION} ${installed ? 'installed' : 'already present'}; chromium at ${CHROMIUM}`);
  } catch (err) {
    console.error(`[vscode-env] ${err.message}`);
    process.exit(1);
  }
}
