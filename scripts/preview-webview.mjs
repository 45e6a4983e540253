// Renders the Ops Console webview outside VS Code for review: serves dist/webview.{js,css} with
// the panel's exact CSP, fakes acquireVsCodeApi, feeds it a recorded Kafka snapshot and a few
// seconds of deltas, and screenshots it in VS Code's Dark Modern and Light Modern colours.
// Fails (exit 1) on any CSP violation or page error. Build first: `node esbuild.mjs --dev`.
//
//   node scripts/preview-webview.mjs            screenshots into .state/preview/*.png
//   node scripts/preview-webview.mjs 480 won    only the shots whose name contains one of the words
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const out = join(root, '.state', 'preview');
const dist = join(root, 'dist');
const readFixture = (file) => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'webview', file), 'utf8'));
/** kafka-03 at 3 producers, 3 brokers, 2 topics × 12 partitions, 2 groups × 8 members: the busy case. */
const BUSY = readFixture('kafka-snapshot.json');
/** kafka-01 as the kernel reports it after 40 s (recorded): the first scenario a player sees. */
const KAFKA_01 = readFixture('kafka-01-snapshot.json');

for (const file of ['webview.js', 'webview.css']) {
  if (!existsSync(join(dist, file))) {
    console.error(`dist/${file} is missing: run \`node esbuild.mjs --dev\` first`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- themes
// What VS Code sets on a webview's <html style> for its default themes (colour registry
// defaults filled in where the theme file leaves a key out), as of VS Code 1.100.
const FONT = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};
const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    name: 'Dark Modern',
    vars: {
      foreground: '#cccccc',
      descriptionForeground: '#9d9d9d',
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      'editorWidget-background': '#202020',
      'sideBar-background': '#181818',
      'widget-border': '#313131',
      'panel-border': '#2b2b2b',
      focusBorder: '#0078d4',
      disabledForeground: '#cccccc80',
      errorForeground: '#f85149',
      'editorError-foreground': '#f14c4c',
      'editorWarning-foreground': '#cca700',
      'editorInfo-foreground': '#3794ff',
      'testing-iconPassed': '#73c991',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'input-background': '#313131',
      'toolbar-hoverBackground': '#5a5d5e50',
      'list-hoverBackground': '#2a2d2e',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc',
      'button-secondaryHoverBackground': '#3c3c3c',
      'button-border': '#ffffff12',
      'scrollbarSlider-background': '#79797966',
      'scrollbarSlider-hoverBackground': '#646464b3',
      'scrollbarSlider-activeBackground': '#bfbfbf66',
      'textLink-foreground': '#4daafc',
      'charts-foreground': '#cccccc',
      'charts-lines': '#cccccc80',
      'charts-red': '#f14c4c',
      'charts-blue': '#3794ff',
      'charts-yellow': '#cca700',
      'charts-orange': '#d18616',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    name: 'Light Modern',
    vars: {
      foreground: '#3b3b3b',
      descriptionForeground: '#3b3b3b',
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      'editorWidget-background': '#f8f8f8',
      'sideBar-background': '#f8f8f8',
      'widget-border': '#e5e5e5',
      'panel-border': '#e5e5e5',
      focusBorder: '#005fb8',
      disabledForeground: '#61616180',
      errorForeground: '#f85149',
      'editorError-foreground': '#e51400',
      'editorWarning-foreground': '#bf8803',
      'editorInfo-foreground': '#1a85ff',
      'testing-iconPassed': '#73c991',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'input-background': '#ffffff',
      'toolbar-hoverBackground': '#b8b8b850',
      'list-hoverBackground': '#f2f2f2',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b',
      'button-secondaryHoverBackground': '#cccccc',
      'button-border': '#0000001a',
      'scrollbarSlider-background': '#64646466',
      'scrollbarSlider-hoverBackground': '#646464b3',
      'scrollbarSlider-activeBackground': '#00000099',
      'textLink-foreground': '#005fb8',
      'charts-foreground': '#3b3b3b',
      'charts-lines': '#3b3b3b80',
      'charts-red': '#e51400',
      'charts-blue': '#1a85ff',
      'charts-yellow': '#bf8803',
      'charts-orange': '#d18616',
      'charts-green': '#388a34',
      'charts-purple': '#652d90',
    },
  },
};

function themeVariables(theme) {
  const vars = { ...FONT };
  for (const [key, value] of Object.entries(THEMES[theme].vars)) vars[`--vscode-${key}`] = value;
  return vars;
}

// VS Code's own default webview stylesheet (abridged): the console must look right on top of it.
const VSCODE_DEFAULTS = `html { scrollbar-color: var(--vscode-scrollbarSlider-background) var(--vscode-editor-background); background: var(--vscode-editor-background); }
body { overscroll-behavior-x: none; background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
a, a code { color: var(--vscode-textLink-foreground); }
code { font-family: var(--monaco-monospace-font); }
::-webkit-scrollbar { width: 10px; height: 10px; }
::-webkit-scrollbar-thumb { background-color: var(--vscode-scrollbarSlider-background); }
`;

// ---------------------------------------------------------------- page and server

function pageHtml(cspSource, nonce) {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource} data:`].join('; ');
  // The stub stands in for VS Code's acquireVsCodeApi and its theme injection (both through
  // script and CSSOM, as VS Code does, so the CSP is exercised exactly as in the real panel).
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${cspSource}/vscode-defaults.css">
  <link rel="stylesheet" href="${cspSource}/dist/webview.css">
  <title>Ops Console — preview</title>
  <script nonce="${nonce}">
    window.__posted = [];
    window.__state = undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__posted.push(message),
      getState: () => window.__state,
      setState: (state) => { window.__state = state; },
    });
    window.__applyTheme = (bodyClass, vars) => {
      const style = document.documentElement.style;
      for (let i = style.length - 1; i >= 0; i--) style.removeProperty(style[i]);
      for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
      document.body.classList.remove('vscode-dark', 'vscode-light');
      document.body.classList.add(bodyClass);
    };
  </script>
</head>
<body>
  <div id="app"></div>
  <script nonce="${nonce}">window.__applyTheme(${JSON.stringify(THEMES.dark.bodyClass)}, ${JSON.stringify(themeVariables('dark'))});</script>
  <script nonce="${nonce}" src="${cspSource}/dist/webview.js"></script>
</body>
</html>`;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

function startServer(files) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const body = files.get(path) ?? (path.startsWith('/dist/') && !path.includes('..') ? tryRead(join(dist, path.slice(6))) : undefined);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(server)));
}

function tryRead(path) {
  return existsSync(path) ? readFileSync(path) : undefined;
}

// ---------------------------------------------------------------- data

/** Deltas continuing the fixture's history: ticks after the snapshot's last one. */
function deltas(snapshot, count) {
  const { history, live } = snapshot;
  const last = history.t.length - 1;
  const messages = [];
  for (let k = 1; k <= count; k++) {
    const tick = live.tick + k;
    const series = {};
    for (const [name, values] of Object.entries(history.series)) {
      const wobble = 1 + 0.02 * Math.sin(tick * 0.7 + name.length);
      const value = values[last] * wobble;
      series[name] = [Number.isInteger(values[last]) ? Math.round(value) : Math.round(value * 10) / 10];
    }
    const log = k === count ? [{ tick, level: 'info', text: 'consumers.kitchen.config.max.poll.records: 500 → 100 (applies at the next poll)' }] : [];
    messages.push({
      type: 'delta',
      live: { ...live, tick, seconds: tick / 10 },
      samples: { t: [tick / 10], series },
      log,
    });
  }
  return messages;
}

const WON = { won: true, seconds: 84, hintsUsed: 1, finalHealth: 92, duplicates: 41, score: 304, stars: 1, bestScore: 612, nextScenarioId: 'kafka-04' };
const LOST = {
  won: false,
  seconds: 600,
  hintsUsed: 2,
  finalHealth: 0,
  duplicates: 41,
  score: 0,
  stars: 0,
  reason: 'Time limit reached (10:00) before every SLO held.',
  lookAt: ['Kitchen lag under 1,000 records', 'p99 latency under 500 ms'],
};

const PARTS = { header: '.console-header', controls: '.controls', outcome: '.outcome', slos: '.area-slos', topology: '#topology-body', charts: '.chart' };

/** A person's clicks and keys: each control must post the message the host expects. */
async function clickThrough(page) {
  const failures = [];
  const posted = () => page.evaluate(() => window.__posted.slice(1));
  const expect = async (what, message) => {
    const all = await posted();
    if (!all.some((m) => JSON.stringify(m) === JSON.stringify(message))) failures.push(`${what} did not post ${JSON.stringify(message)}`);
  };
  await page.getByRole('button', { name: 'Speed 4×' }).click();
  await expect('clicking 4×', { type: 'speed', speed: 4 });
  await page.getByRole('button', { name: 'Pause simulation' }).focus();
  await page.keyboard.press('Enter');
  await expect('Enter on Pause', { type: 'control', action: 'pause' });
  await page.getByRole('button', { name: /^Reveal a hint/ }).click();
  await expect('clicking Hint', { type: 'control', action: 'hint' });
  await page.getByRole('button', { name: /^Open the config file/ }).click();
  await expect('clicking Open config', { type: 'control', action: 'openConfig' });
  const briefing = page.getByRole('button', { name: 'Briefing' });
  await briefing.click();
  if ((await briefing.getAttribute('aria-expanded')) !== 'false') failures.push('Briefing did not collapse');
  const saved = await page.evaluate(() => window.__state);
  if (saved?.open?.['briefing:kafka-03'] !== false) failures.push('collapsed briefing not saved with setState');
  await briefing.click();
  return failures;
}

// ---------------------------------------------------------------- run

async function main() {
  mkdirSync(out, { recursive: true });
  const nonce = randomBytes(16).toString('base64');
  const files = new Map([
    ['/vscode-defaults.css', VSCODE_DEFAULTS],
    ['/favicon.ico', ''],
  ]);
  const server = await startServer(files);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const html = pageHtml(origin, nonce);
  files.set('/index.html', html);
  writeFileSync(join(out, 'index.html'), html);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const shots = [];
  try {
    const shoot = async ({ name, theme, width, height = 900, fixture = BUSY, status, outcome, configErrors, switchTo, interact, empty, fullPage = true, parts = false }) => {
      if (only.length && !only.some((word) => name.includes(word))) return;
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${name}: console ${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`${name}: page error: ${err.message}`));
      await page.goto(`${origin}/index.html`);
      await page.evaluate(([cls, vars]) => window.__applyTheme(cls, vars), [THEMES[theme].bodyClass, themeVariables(theme)]);
      await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
      const snapshot = structuredClone(fixture);
      if (status) snapshot.live.status = status;
      if (configErrors) snapshot.live.configErrors = configErrors;
      if (empty) {
        // The first snapshot of a run: no topology, no samples, no events yet.
        Object.assign(snapshot.live, { tick: 0, seconds: 0, slos: [], topology: { nodes: [], edges: [] }, hintsShown: [], hintAvailable: false });
        Object.assign(snapshot, { history: { t: [], series: {} }, log: [] });
      }
      await page.evaluate((message) => window.postMessage(message, '*'), snapshot);
      for (const delta of empty ? [] : deltas(snapshot, 20)) {
        if (status) delta.live.status = status;
        await page.evaluate((message) => window.postMessage(message, '*'), delta);
        await page.waitForTimeout(25);
      }
      if (outcome) await page.evaluate((message) => window.postMessage(message, '*'), { type: 'outcome', outcome });
      // VS Code switching theme under a live page: charts must redraw in the new colours.
      if (switchTo) await page.evaluate(([cls, vars]) => window.__applyTheme(cls, vars), [THEMES[switchTo].bodyClass, themeVariables(switchTo)]);
      if (interact) problems.push(...(await interact(page)).map((p) => `${name}: ${p}`));
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(400); // let particles travel and charts settle
      const path = join(out, `${name}.png`);
      await page.screenshot({ path, fullPage });
      shots.push(path);
      // Close-ups of the panels that have to fit a narrow console, at full resolution.
      for (const [part, selector] of parts ? Object.entries(PARTS) : []) {
        const element = page.locator(selector).first();
        if (!(await element.count())) continue;
        const partPath = join(out, `${name}--${part}.png`);
        await element.screenshot({ path: partPath });
        shots.push(partPath);
      }
      await page.close();
    };

    await shoot({ name: 'console-dark-1400', theme: 'dark', width: 1400 });
    await shoot({ name: 'console-light-1400', theme: 'light', width: 1400 });
    await shoot({ name: 'console-dark-820', theme: 'dark', width: 820 });
    await shoot({ name: 'console-light-1600-paused', theme: 'light', width: 1600, status: 'paused', configErrors: 2 });
    await shoot({ name: 'theme-switched-dark-to-light-1200', theme: 'dark', switchTo: 'light', width: 1200, interact: clickThrough });
    await shoot({ name: 'console-empty-dark-1000', theme: 'dark', width: 1000, empty: true });
    await shoot({ name: 'outcome-won-light-1200', theme: 'light', width: 1200, status: 'won', outcome: WON, fullPage: false });
    await shoot({ name: 'outcome-lost-dark-1000', theme: 'dark', width: 1000, status: 'lost', outcome: LOST, fullPage: false });
    // The console beside the config editor: ~480–800 px wide (a 60/40 split of a laptop screen and less).
    for (const width of [480, 530, 800]) {
      for (const theme of ['light', 'dark']) await shoot({ name: `kafka01-${theme}-${width}`, theme, width, fixture: KAFKA_01, parts: true });
    }
    await shoot({ name: 'busy-dark-480', theme: 'dark', width: 480, parts: true });
    await shoot({ name: 'busy-light-530', theme: 'light', width: 530, parts: true });
    await shoot({ name: 'outcome-won-kafka01-light-530', theme: 'light', width: 530, fixture: KAFKA_01, status: 'won', outcome: { ...WON, stars: 3, score: 1032, bestScore: 1032, duplicates: 0, hintsUsed: 0 }, fullPage: false, parts: true });
    await shoot({ name: 'outcome-won-dark-480', theme: 'dark', width: 480, status: 'won', outcome: WON, fullPage: false, parts: true });
    await shoot({ name: 'outcome-lost-light-480', theme: 'light', width: 480, status: 'lost', outcome: LOST, fullPage: false, parts: true });
  } finally {
    await browser.close();
    server.close();
  }

  for (const shot of shots) console.log(shot);
  const stale = readdirSync(out).filter((f) => f.endsWith('.png') && !shots.some((s) => s.endsWith(f)));
  if (stale.length) console.log(`(older screenshots also in ${out}: ${stale.join(', ')})`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('no CSP violations or page errors');
}

await main();
