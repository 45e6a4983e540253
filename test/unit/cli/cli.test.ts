// The ops-sim contract (DESIGN.md): list / config / check / run, JSON shapes, exit codes, and
// one-line errors for bad input. Runs the real bundled CLI in a child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { createRng } from '../../../src/engine/rng';
import { mutate } from '../fuzz/mutate';

const root = join(__dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'ops-sim-test-'));
const cli = join(work, 'cli.js');
buildSync({ entryPoints: [join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'error' });

export function opsSim(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, OPS_SIM_SCENARIOS: join(root, 'scenarios') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('ops-sim CLI', () => {
  it('list --json gives id, track, index, title and difficulty for every scenario', () => {
    const r = opsSim('list', '--json');
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { id: string; track: string; index: number; title: string; difficulty: string }[];
    assert.ok(list.length >= 1);
    assert.deepEqual(Object.keys(list[0]).sort(), ['difficulty', 'id', 'index', 'title', 'track']);
    assert.ok(list.some((s) => s.id === 'kafka-01'));
  });

  it('config prints the initial config file, which check accepts (exit 0)', () => {
    const config = opsSim('config', 'kafka-01');
    assert.equal(config.code, 0, config.stderr);
    assert.match(config.stdout, /^#/m, 'the file explains itself with comments');
    const r = opsSim('check', 'kafka-01', file('initial.yaml', config.stdout), '--json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).filter((d: { severity: string }) => d.severity === 'error'), []);
  });

  it('check reports broken YAML with its line and exits 1', () => {
    const r = opsSim('check', 'kafka-01', file('broken.yaml', 'consumers:\n  kitchen: [1,\n'), '--json');
    assert.equal(r.code, 1);
    const diagnostics = JSON.parse(r.stdout) as { severity: string; line: number; col: number; message: string; key: string | null }[];
    assert.ok(diagnostics.length > 0);
    assert.equal(diagnostics[0].severity, 'error');
    assert.ok(diagnostics[0].line >= 2);
    assert.deepEqual(Object.keys(diagnostics[0]).sort(), ['col', 'key', 'line', 'message', 'severity']);
  });

  it('run without a fix does not win; run --solution wins, in the documented JSON shape', () => {
    const untouched = JSON.parse(opsSim('run', 'kafka-01', '--json', '--seed', '2').stdout);
    assert.equal(untouched.won, false);
    const solved = opsSim('run', 'kafka-01', '--solution', '--json', '--seed', '2');
    assert.equal(solved.code, 0, solved.stderr);
    const result = JSON.parse(solved.stdout);
    for (const key of ['id', 'seed', 'won', 'lost', 'wonAtTick', 'ticks', 'health', 'score', 'stars', 'metrics', 'events']) assert.ok(key in result, key);
    assert.equal(result.won, true);
    assert.equal(result.seed, 2);
    assert.equal(result.wonAtTick, result.ticks);
    assert.ok(result.stars >= 1);
  });

  it('run --config with broken YAML keeps the last good config and reports the rejection', () => {
    const r = JSON.parse(opsSim('run', 'kafka-01', '--config', file('bad.yaml', 'topics: {'), '--ticks', '200', '--json').stdout);
    assert.equal(r.configAccepted, false);
    assert.equal(r.ticks, 200, 'the simulation kept running');
    assert.ok(r.events.some((e: { text: string }) => e.text.startsWith('Config rejected')));
  });

  for (const [what, args] of [
    ['an unknown scenario id', ['run', 'kafka-99']],
    ['an unreadable config file', ['check', 'kafka-01', join(work, 'missing.yaml')]],
    ['an unknown flag', ['run', 'kafka-01', '--turbo']],
    ['a bad seed', ['run', 'kafka-01', '--seed', 'abc']],
    ['an unknown command', ['explode']],
    ['a missing id', ['config']],
  ] as const) {
    it(`${what}: one line on stderr, exit code 2, no stack trace`, () => {
      const r = opsSim(...args);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^ops-sim: /);
      assert.doesNotMatch(r.stderr, /\bat .*\(.*:\d+:\d+\)/);
    });
  }

  it('check never crashes on mutated files: exit 0 or 1 with JSON diagnostics, nothing on stderr', () => {
    const base = opsSim('config', 'kafka-01').stdout;
    const rng = createRng(99);
    for (let n = 0; n < 30; n++) {
      let text = base;
      for (let k = rng.int(1, 5); k > 0; k--) text = mutate(text, rng);
      const r = opsSim('check', 'kafka-01', file(`m${n}.yaml`, text), '--json');
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      assert.ok(Array.isArray(JSON.parse(r.stdout)));
    }
  });
});
