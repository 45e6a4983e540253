// E2E: a person plays kafka-01 "Pizza Order System" in VS Code for the web (code-server 4.100.3)
// with the packaged .vsix installed as a user would, clicking and typing in headless chromium:
// open the Distributed Ops view, start the scenario from the tree, read the Ops Console webview,
// make a broken edit (the diagnostic shows, the run goes on), then type the fix from the
// scenario's solution into the config file with Find/Replace, save, set 4× and wait for victory.
// Screenshots of every step go to .state/shots/NN-step.png.
//
// usage: node test/e2e/play-kafka-01.mjs   (expects the .vsix that `npm test` packages)
// Prints one line per step and ends with `N passed, N failed`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { launch, withTimeout, workbenchUrl } from '../../e2e/browser.mjs';
import { ROOT, VSIX, installExtension, instanceDirs, startCodeServer, writeUserSettings } from '../../scripts/vscode-env.mjs';

const SCENARIO_ID = 'kafka-01';
const STATE = join(ROOT, '.state/e2e');
const SHOTS = join(ROOT, '.state/shots');
const STEP_MS = Number(process.env.E2E_STEP_TIMEOUT_MS || 60_000);
const VICTORY_MS = Number(process.env.E2E_VICTORY_TIMEOUT_MS || 240_000);
const log = (m) => console.log(`[play] ${m}`);

/** The scenario's title and the leaf keys its reference solution sets: [{key, value}]. */
function solutionEdits() {
  const dir = join(ROOT, 'scenarios/kafka');
  const file = readdirSync(dir).find((f) => f.startsWith('01-') && f.endsWith('.yaml'));
  if (!file) throw new Error(`no scenarios/kafka/01-*.yaml`);
  const scenario = parse(readFileSync(join(dir, file), 'utf8'));
  const edits = [];
  const walk = (node) => {
    for (const [key, value] of Object.entries(node)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value);
      else edits.push({ key, value });
    }
  };
  walk(scenario.solution.patch);
  return { title: scenario.title, edits };
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Visible text without codicon glyphs (private-use characters) and extra whitespace. */
const plain = (text) => (text ?? '').replace(/[\uE000-\uF8FF]/g, '').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- steps
const results = [];
let shotIndex = 0;
async function step(name, page, body) {
  const t0 = Date.now();
  try {
    const note = await body();
    shotIndex += 1;
    const shot = join(SHOTS, `${String(shotIndex).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48)}.png`);
    await page.screenshot({ path: shot });
    results.push({ name, ok: true });
    log(`ok   ${name}${note ? ` — ${note}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${err?.message?.split('\n').slice(0, 6).join('\n       ') ?? err}`);
    await page.screenshot({ path: join(SHOTS, `failed-${String(shotIndex + 1).padStart(2, '0')}.png`) }).catch(() => {});
    throw err;
  }
}

async function main() {
  if (!existsSync(VSIX)) throw new Error(`no ${VSIX}: run \`npm test\` (or build and package) first`);
  const { title, edits } = solutionEdits();
  rmSync(STATE, { recursive: true, force: true });
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const folder = join(STATE, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeUserSettings(instanceDirs(STATE).userData);
  installExtension(STATE, VSIX);
  server = await startCodeServer({ stateDir: STATE, folder, log });
  const browser = await launch();
  const { page } = browser;
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  if (process.env.E2E_VERBOSE) page.on('console', (m) => m.type() === 'error' && log(`console error: ${m.text()}`));
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const configTab = page.locator('.tabs-container .tab', { hasText: `${SCENARIO_ID}.yaml` });
  const configEditor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: `${SCENARIO_ID}.yaml` }) }).locator('.monaco-editor').first();

  /** Clock text in the console header: changes while the simulation runs. */
  const clock = async () => (await webview.locator('.console-header .clock').first().textContent())?.trim();

  try {
    await step('Workbench shows the Distributed Ops activity bar item', page, async () => {
      await page.goto(workbenchUrl(server.base, folder), { waitUntil: 'domcontentloaded', timeout: STEP_MS });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
      await page.locator('.activitybar .action-item a[aria-label^="Distributed Ops"]').waitFor({ state: 'visible' });
    });

    await step('Scenarios view lists the Kafka track and 01 Pizza Order System', page, async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Distributed Ops"]').click();
      const tree = page.locator('.pane-body .monaco-list');
      await tree.locator('.monaco-list-row', { hasText: /Kafka/ }).first().waitFor({ state: 'visible' });
      await tree.locator('.monaco-list-row', { hasText: `01 ${title}` }).first().waitFor({ state: 'visible' });
      const rows = await tree.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
      return `${rows.length} rows: ${rows.slice(0, 3).join(' | ')} …`;
    });

    await step('Clicking the scenario opens the Ops Console and the config file beside it', page, async () => {
      await page.locator('.pane-body .monaco-list .monaco-list-row', { hasText: `01 ${title}` }).first().click();
      await page.locator('.tabs-container .tab', { hasText: `Ops Console — ${title}` }).first().waitFor({ state: 'visible' });
      await configTab.first().waitFor({ state: 'visible' });
      await configEditor.locator('.view-lines').waitFor({ state: 'visible' });
    });

    await step('Ops Console renders title, SLO checklist, topology and charts', page, async () => {
      const heading = (await webview.getByRole('heading', { level: 1 }).first().innerText()).trim();
      if (heading !== title) throw new Error(`console title is "${heading}", expected "${title}"`);
      const slos = webview.locator('.slo-list .slo');
      await slos.first().waitFor({ state: 'visible' });
      const sloTexts = (await slos.allInnerTexts()).map(plain);
      const nodes = webview.locator('svg.topology-svg g.node');
      await nodes.nth(2).waitFor({ state: 'visible' }); // a producer, a broker, a topic at least
      const canvases = webview.locator('.uplot canvas');
      await canvases.nth(1).waitFor({ state: 'visible' });
      await nodes.first().scrollIntoViewIfNeeded(); // the screenshot shows the topology
      return `${await nodes.count()} topology nodes, ${await canvases.count()} chart canvases; SLOs: ${sloTexts.join(' | ')}`;
    });

    await step('A broken edit (invalid YAML) shows a diagnostic and the run keeps going', page, async () => {
      await configEditor.locator('.view-lines').click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('oops: a: b');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+S');
      await configEditor.locator('.squiggly-error').first().waitFor({ state: 'visible' });
      const rejected = webview.locator('.config-errors');
      await rejected.waitFor({ state: 'visible' });
      // the Problems panel lists it on line 1
      await page.keyboard.press('Control+Shift+M');
      const marker = page.locator('.markers-panel .monaco-list-row', { hasText: '[Ln 1,' }).first();
      await marker.waitFor({ state: 'visible' });
      const problem = plain(await marker.innerText());
      const before = await clock();
      let after = before;
      await withTimeout(
        (async () => {
          while (after === before) {
            await page.waitForTimeout(200);
            after = await clock();
          }
        })(),
        15_000,
        `the simulation clock to move on from ${before} after a rejected config`,
      );
      return `Problems: "${problem}"; console: "${(await rejected.textContent())?.trim()}"; clock ${before} → ${after}`;
    });

    await step(`Fixing ${edits.map((e) => e.key).join(', ')} with Find/Replace and saving applies the config`, page, async () => {
      await page.keyboard.press('Control+J'); // close the Problems panel again
      await configEditor.locator('.view-lines').click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+Shift+K'); // delete the broken line again
      for (const edit of edits) {
        await page.keyboard.press('Control+H');
        const find = page.locator('.find-widget.visible textarea[aria-label="Find"], .find-widget.visible .find-part textarea').first();
        const replace = page.locator('.find-widget.visible .replace-part textarea').first();
        await find.waitFor({ state: 'visible' });
        const regexToggle = page.locator('.find-widget.visible .codicon-regex').first();
        if ((await regexToggle.getAttribute('aria-checked')) !== 'true') await regexToggle.click();
        await find.fill(`^(\\s*${escapeRegex(edit.key)}:) *[^\\s#]+`);
        const matches = await page.locator('.find-widget.visible .matchesCount').innerText();
        if (!/^1 of 1$/.test(matches.trim())) throw new Error(`expected exactly one "${edit.key}:" line, find says "${matches}"`);
        await replace.fill(`$1 ${edit.value}`);
        await page.keyboard.press('Control+Alt+Enter'); // replace all
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Control+S');
      await configEditor.locator('.squiggly-error').first().waitFor({ state: 'detached' });
      // the event log names each applied change: "... max.poll.records: 1 → 200"
      const applied = [];
      for (const edit of edits) {
        const entry = webview.getByRole('log', { name: 'Event log' }).locator('.log-text', { hasText: new RegExp(`${escapeRegex(edit.key)}: \\S+ → ${escapeRegex(String(edit.value))}`) });
        await entry.first().waitFor({ state: 'visible' });
        applied.push((await entry.first().textContent())?.trim());
      }
      return `event log: ${applied.map((t) => `"${t}"`).join(', ')}`;
    });

    await step('Speed 4× from the console controls', page, async () => {
      await webview.locator('.uplot').first().scrollIntoViewIfNeeded(); // the screenshot shows the charts
      const fast = webview.getByRole('button', { name: 'Speed 4×' });
      await fast.click();
      await withTimeout(
        (async () => {
          while ((await fast.getAttribute('aria-pressed')) !== 'true') await page.waitForTimeout(100);
        })(),
        10_000,
        '4× to be pressed',
      );
    });

    await step('Victory view with score and stars', page, async () => {
      const victory = webview.locator('.outcome-won');
      await victory.waitFor({ state: 'visible', timeout: VICTORY_MS });
      const heading = plain(await victory.getByRole('heading', { level: 2 }).textContent());
      const stars = await victory.locator('.stars').getAttribute('aria-label');
      // textContent: the labels are upper-cased by CSS only
      const stats = [];
      for (const stat of await victory.locator('.stats .stat').all()) {
        stats.push(`${(await stat.locator('dt').textContent())?.trim()}: ${(await stat.locator('dd').textContent())?.trim()}`);
      }
      if (!stats.some((t) => /^Score: -?[\d,]+$/.test(t))) throw new Error(`no score in the victory view: ${stats.join(' | ')}`);
      return `"${heading}", ${stars}; ${stats.join(' | ')}`;
    });
  } catch {
    /* reported by step(); the remaining steps cannot run */
  } finally {
    await withTimeout(browser.close(), 20_000, 'browser close').catch(() => {});
    await server.stop();
  }
}

let server;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await server?.stop();
    process.exit(130);
  });
}
let crashed = false;
try {
  await main();
} catch (err) {
  crashed = true;
  console.error(`[play] ${err?.stack || err}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (crashed ? 1 : 0);
log(`screenshots in ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
