// `npm run bench`: reported figures, never pass/fail. Per-scenario engine cost (ms per tick,
// median and p99), a stress world, whole-catalogue conformance time, bundle sizes, and the
// activation time measured by the last extension-host test run (if there was one).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { Run } from '../src/engine/run';
import { loadCatalog } from '../src/scenario/catalog';
import { patchedConfigText } from '../src/scenario/configFile';
import type { Scenario } from '../src/scenario/types';
import { techById } from '../src/tech';
import { stressScenario } from './stressWorld';

const root = join(__dirname, '..');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Times every tick of two plays — the untouched config and the reference solution saved at the
 * usual moment — after one warm-up play of each (JIT), so the figure covers sick and healthy states.
 */
function tickCosts(scenario: Scenario, ticks: number): number[] {
  const tech = techById(scenario.track)!;
  const solution = patchedConfigText(scenario, tech, scenario.solution.patch);
  const saveAt = Math.max(0, ...scenario.incidents.map((i) => i.at)) * 10 + 50;
  const costs: number[] = [];
  for (const measured of [false, true]) {
    for (const fixed of [false, true]) {
      const run = new Run({ scenario, tech, seed: 1 });
      for (let t = 0; t < ticks && run.status === 'running'; t++) {
        if (fixed && t === saveAt) run.submitConfig(solution);
        const start = performance.now();
        run.step();
        if (measured) costs.push(performance.now() - start);
      }
    }
  }
  return costs.sort((a, b) => a - b);
}

const rows: string[][] = [['scenario', 'ticks', 'median ms/tick', 'p99 ms/tick']];
const catalog = loadCatalog(join(root, 'scenarios'));
for (const scenario of [...catalog.scenarios, stressScenario()]) {
  const costs = tickCosts(scenario, 3000);
  rows.push([scenario.id, String(costs.length), quantile(costs, 0.5).toFixed(4), quantile(costs, 0.99).toFixed(4)]);
}
const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log('Engine cost per 100 ms tick (budget: median <= 0.1 ms per scenario, <= 1 ms on the heaviest)');
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(width[c])).join('  '));

const t0 = performance.now();
const conformance = spawnSync(process.execPath, [join(root, 'node_modules/mocha/bin/mocha.js'), '--config', '.mocharc.json', 'test/scenarios/**/*.test.ts'], { cwd: root, encoding: 'utf8' });
const conformanceSeconds = (performance.now() - t0) / 1000;
const summary = /(\d+) passing/.exec(conformance.stdout)?.[1] ?? '?';
console.log(`\nWhole-catalogue conformance (${catalog.scenarios.length} scenarios, ${summary} checks): ${conformanceSeconds.toFixed(1)} s (budget 30 s)`);

console.log('\nBundles (budget: extension <= 400 kB, webview <= 250 kB minified; built by `npm run build`)');
for (const file of ['dist/extension.js', 'dist/webview.js', 'dist/webview.css', 'dist/cli.js']) {
  const path = join(root, file);
  if (!existsSync(path)) {
    console.log(`  ${file}: not built`);
    continue;
  }
  const bytes = statSync(path).size;
  console.log(`  ${file}: ${(bytes / 1024).toFixed(1)} kB (${(gzipSync(readFileSync(path)).length / 1024).toFixed(1)} kB gzip)`);
}

const measured = join(root, '.state/test/results/perf.json');
if (existsSync(measured)) {
  const perf = JSON.parse(readFileSync(measured, 'utf8')) as Record<string, number>;
  console.log('\nMeasured inside the last real VS Code run (npm test):');
  for (const [name, value] of Object.entries(perf)) console.log(`  ${name}: ${value}`);
} else {
  console.log('\nActivation time and webview message sizes are measured by `npm test` (extension-host layer); none recorded yet.');
}
