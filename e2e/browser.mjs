// Headless chromium (Debian's, through playwright-core) pointed at a code-server workbench.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { CHROMIUM } from '../scripts/vscode-env.mjs';

// root => --no-sandbox; a closed network => no background traffic of any kind.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A fresh browser profile per launch; close() removes it. */
export async function launch({ viewport = { width: 1600, height: 1000 } } = {}) {
  const profile = mkdtempSync('/tmp/dops-chromium.');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    timeout: 60_000,
    // keeps chromium's crash reports and caches out of ~
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/**
 * Workbench URL for a server-side folder. `payload` is the [key, value] list the web workbench
 * reads from ?payload= (extensionDevelopmentPath, extensionTestsPath, ...).
 */
export function workbenchUrl(base, folder, payload) {
  const url = new URL(base);
  url.searchParams.set('folder', folder);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** Paths in the payload must name the remote (code-server) side so its Node extension host loads them. */
export function remoteUri(base, absPath) {
  return `vscode-remote://${new URL(base).host}${absPath}`;
}

/** Rejects after ms: every wait in the harness is bounded. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/**
 * Opens the workbench with the extension under development and a tests entry, and resolves with
 * the exit code VS Code reports through window.codeAutomationExit when the entry's run() settles
 * (0 = resolved, 1 = rejected). Extension-host console output arrives via window.codeAutomationLog.
 */
export async function runTestsInWorkbench({ base, folder, extDevPaths, testsPath, timeoutMs = 180_000, log = console.log, onTimeout }) {
  const payload = [
    ...extDevPaths.map((p) => ['extensionDevelopmentPath', remoteUri(base, p)]),
    ['extensionTestsPath', remoteUri(base, testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = workbenchUrl(base, folder, payload);
  log(`[harness] opening ${url}`);
  const { page, close } = await launch();
  try {
    let onExit;
    const exited = new Promise((r) => (onExit = r));
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      // console.log's raw arguments, printf-style as mocha's reporters pass them
      const text = Array.isArray(args) ? format(...args) : String(args);
      for (const line of text.split('\n')) log(`[exthost:${level}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    page.on('pageerror', (e) => log(`[page:error] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && process.env.E2E_VERBOSE) log(`[page:console.error] ${m.text()}`);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    try {
      return await withTimeout(exited, timeoutMs, 'extension tests to finish (codeAutomationExit)');
    } catch (err) {
      if (onTimeout) await onTimeout(page).catch(() => {});
      throw err;
    }
  } finally {
    await withTimeout(close(), 20_000, 'browser close').catch(() => {});
  }
}
