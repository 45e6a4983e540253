// Bad input never crashes anything: thousands of mutated config files through the checker and the
// running kernel, wrong-typed values for every real key, and mutated files through the CLI.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { createRng } from '../../../src/engine/rng';
import { Run } from '../../../src/engine/run';
import type { SchemaNode } from '../../../src/engine/types';
import { loadCatalog } from '../../../src/scenario/catalog';
import { checkConfigText, generateConfigText } from '../../../src/scenario/configFile';
import { schemaAt } from '../../../src/scenario/validate';
import { techById } from '../../../src/tech';
import { mutate } from './mutate';

const catalog = loadCatalog(join(__dirname, '..', '..', '..', 'scenarios'));
describe('fuzz: mutated config files', () => {
  for (const scenario of catalog.scenarios.slice(0, 10)) {
    it(`${scenario.id}: 400 mutated files give positioned diagnostics or a valid config, and never stop the run`, () => {
      const tech = techById(scenario.track)!;
      const base = generateConfigText(scenario, tech);
      const rng = createRng(scenario.index * 1000);
      const run = new Run({ scenario, tech, seed: 1 });
      let rejected = 0;
      for (let n = 0; n < 400; n++) {
        let text = base;
        for (let k = rng.int(1, 4); k > 0; k--) text = mutate(text, rng);
        const checked = checkConfigText(text, tech, scenario.world);
        const lineCount = text.split('\n').length;
        for (const d of checked.diagnostics) {
          assert.ok(d.message.length > 0);
          assert.ok(d.line >= 1 && d.line <= lineCount + 1 && d.col >= 1, `bad position ${d.line}:${d.col} for ${d.message}`);
        }
        const hasErrors = checked.diagnostics.some((d) => d.severity === 'error');
        assert.equal(checked.config === undefined, hasErrors, 'a config is produced exactly when there is no error');
        const result = run.submitConfig(text);
        assert.equal(result.applied, !hasErrors);
        if (hasErrors) rejected++;
        const before = run.tick;
        if (run.status === 'running') {
          run.step();
          assert.equal(run.tick, before + 1);
        }
      }
      assert.deepEqual(run.ledgerViolations.slice(0, 3), []);
      assert.ok(rejected > 50, `only ${rejected} of 400 mutations were rejected: the mutator is too gentle`);
    });
  }

  it('a wrong-typed value for any real key is an error at that key’s line', () => {
    const scenario = catalog.scenarios[0];
    const tech = techById(scenario.track)!;
    const base = generateConfigText(scenario, tech).split('\n');
    let checkedKeys = 0;
    const path: string[] = [];
    base.forEach((line, i) => {
      const m = /^(\s*)([^\s#:][^:]*):(.*)$/.exec(line);
      if (!m) return;
      const depth = m[1].length / 2;
      path.length = depth;
      path.push(m[2].trim());
      const node = schemaAt(tech.configSchema, path) as SchemaNode | undefined;
      if (node?.kind !== 'value' || !['int', 'long', 'double', 'boolean'].includes(node.spec.type)) return;
      const edited = [...base];
      edited[i] = `${m[1]}${m[2]}: not-a-value`;
      const { diagnostics } = checkConfigText(edited.join('\n'), tech, scenario.world);
      assert.ok(diagnostics.some((d) => d.severity === 'error' && d.line === i + 1), `${path.join('.')}: ${JSON.stringify(diagnostics)}`);
      checkedKeys++;
    });
    assert.ok(checkedKeys >= 3, `only ${checkedKeys} numeric/boolean keys found`);
  });
});
