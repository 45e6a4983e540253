// Scenario conformance: every scenario carries its lesson. Across seeds, the untouched config does
// not win, the reference solution wins, and every plausible wrong fix does not win; runs are
// deterministic and the ledger balances on every tick.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { play } from '../../src/engine/play';
import { Run } from '../../src/engine/run';
import { loadCatalog } from '../../src/scenario/catalog';
import { checkConfigText, generateConfigText, patchedConfigText } from '../../src/scenario/configFile';
import type { Scenario } from '../../src/scenario/types';
import { techById } from '../../src/tech';

const SEEDS = [1, 2, 3];
const catalog = loadCatalog(join(__dirname, '..', '..', 'scenarios'));

function outcomeLine(run: Run): string {
  return `${run.status} at ${run.seconds}s (health ${run.health.toFixed(0)}${run.outcome?.reason ? `, ${run.outcome.reason}` : ''}; SLOs: ${run
    .slos()
    .map((s) => `${s.ok ? '✓' : '✗'} ${s.label} [${Number.isFinite(s.value) ? s.value.toFixed(2) : 'n/a'}]`)
    .join(', ')})`;
}

function assertLedgerBalanced(run: Run, what: string): void {
  assert.deepEqual(run.ledgerViolations.slice(0, 3), [], `${what}: the ledger must balance on every tick`);
}

describe('scenario catalogue', () => {
  it('every scenario file loads without problems', () => {
    const messages = catalog.problems.flatMap((p) => p.diagnostics.map((d) => `${p.file}:${d.line}:${d.col}: ${d.message}`));
    assert.deepEqual(messages, []);
    assert.ok(catalog.scenarios.length > 0, 'no scenarios found');
  });

  it('each track is numbered 1..N without gaps', () => {
    const tracks = new Map<string, number[]>();
    for (const s of catalog.scenarios) tracks.set(s.track, [...(tracks.get(s.track) ?? []), s.index]);
    for (const [track, indexes] of tracks) assert.deepEqual(indexes, indexes.map((_, i) => i + 1), `track ${track}`);
  });
});

for (const scenario of catalog.scenarios) {
  describe(`${scenario.id} ${scenario.title}`, () => {
    const tech = techById(scenario.track)!;
    const runWith = (patch: Scenario['config'] | undefined, seed: number) =>
      play({ scenario, tech, seed, configText: patch ? patchedConfigText(scenario, tech, patch) : undefined }).run;

    it('is complete: 2-4 hints, concept cards, a solution and at least two wrong fixes', () => {
      assert.ok(scenario.hints.length >= 2 && scenario.hints.length <= 4, `${scenario.hints.length} hints`);
      assert.ok(scenario.concepts.length >= 1, 'no concept cards');
      assert.ok(scenario.wrongFixes.length >= 2, `${scenario.wrongFixes.length} wrong fixes`);
      assert.ok(scenario.victory.length >= 1);
    });

    it('its generated config file round-trips: checks clean and reads back as the initial config', () => {
      const text = generateConfigText(scenario, tech);
      const checked = checkConfigText(text, tech, scenario.world);
      assert.deepEqual(checked.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(checked.raw, scenario.config);
    });

    it('the solution and every wrong fix are valid configs (a wrong fix must be plausible, not broken)', () => {
      for (const fix of [scenario.solution, ...scenario.wrongFixes]) {
        const checked = checkConfigText(patchedConfigText(scenario, tech, fix.patch), tech, scenario.world);
        assert.deepEqual(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], fix.name);
      }
    });

    it('every metric its conditions name is reported by the model', () => {
      const run = new Run({ scenario, tech, seed: 1 });
      run.step();
      for (const c of [...scenario.victory, ...scenario.loss]) assert.ok(c.metric in run.metrics(), `unknown metric '${c.metric}'`);
    });

    for (const seed of SEEDS) {
      it(`seed ${seed}: the untouched config does not win`, () => {
        const run = runWith(undefined, seed);
        assert.notEqual(run.status, 'won', outcomeLine(run));
        assertLedgerBalanced(run, 'untouched');
      });

      it(`seed ${seed}: the solution (${scenario.solution.name}) wins`, () => {
        const run = runWith(scenario.solution.patch, seed);
        assert.equal(run.status, 'won', outcomeLine(run));
        assert.ok((run.outcome?.stars ?? 0) >= 1, `a win earns at least one star (score ${run.outcome?.score})`);
        assertLedgerBalanced(run, 'solution');
      });

      for (const fix of scenario.wrongFixes) {
        it(`seed ${seed}: the wrong fix "${fix.name}" does not win`, () => {
          const run = runWith(fix.patch, seed);
          assert.notEqual(run.status, 'won', outcomeLine(run));
          assertLedgerBalanced(run, fix.name);
        });
      }
    }

    it('is deterministic: the same seed and edits give the same run', () => {
      const a = runWith(scenario.solution.patch, 7);
      const b = runWith(scenario.solution.patch, 7);
      assert.equal(a.tick, b.tick);
      assert.deepEqual(a.metrics(), b.metrics());
      assert.deepEqual(a.log, b.log);
    });
  });
}
