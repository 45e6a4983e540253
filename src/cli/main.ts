// ops-sim: the headless runner (contract in DESIGN.md). Errors in what the user typed give one
// line on stderr and exit code 2, never a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { play } from '../engine/play';
import { loadCatalog } from '../scenario/catalog';
import { checkConfigText, generateConfigText, patchedConfigText } from '../scenario/configFile';
import type { Scenario } from '../scenario/types';
import { techById } from '../tech';

class UsageError extends Error {}

const USAGE = `usage:
  ops-sim list [--json]
  ops-sim config <id>
  ops-sim check <id> <file.yaml> [--json]
  ops-sim run <id> [--config FILE] [--at TICK] [--ticks N] [--seed S] [--solution] [--json]`;

function scenariosDir(): string {
  return process.env.OPS_SIM_SCENARIOS ?? join(__dirname, '..', 'scenarios');
}

function parseFlags(args: string[], allowed: Record<string, 'flag' | 'value'>): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = allowed[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { positional, flags };
}

function intFlag(flags: Record<string, string | true>, name: string, min: number): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${String(v)}'`);
  }
  return Number(v);
}

function findScenario(id: string | undefined): Scenario {
  if (!id) throw new UsageError('missing scenario id (see `ops-sim list`)');
  const catalog = loadCatalog(scenariosDir());
  const scenario = catalog.scenarios.find((s) => s.id === id);
  if (!scenario) throw new UsageError(`unknown scenario '${id}' (see \`ops-sim list\`)`);
  return scenario;
}

function techFor(scenario: Scenario) {
  const tech = techById(scenario.track);
  if (!tech) throw new UsageError(`no model for track '${scenario.track}'`);
  return tech;
}

function readText(file: string | undefined): string {
  if (!file) throw new UsageError('missing config file');
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  switch (command) {
    case 'list': {
      const { flags, positional } = parseFlags(rest, { json: 'flag' });
      if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
      const list = loadCatalog(scenariosDir()).scenarios.map((s) => ({ id: s.id, track: s.track, index: s.index, title: s.title, difficulty: s.difficulty }));
      out(flags.json ? JSON.stringify(list, null, 2) : list.map((s) => `${s.id.padEnd(10)} ${s.difficulty.padEnd(12)} ${s.title}`).join('\n'));
      return 0;
    }
    case 'config': {
      const { positional } = parseFlags(rest, {});
      const scenario = findScenario(positional[0]);
      out(generateConfigText(scenario, techFor(scenario)));
      return 0;
    }
    case 'check': {
      const { flags, positional } = parseFlags(rest, { json: 'flag' });
      const scenario = findScenario(positional[0]);
      const text = readText(positional[1]);
      const { diagnostics } = checkConfigText(text, techFor(scenario), scenario.world);
      const list = diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.line, col: d.col, key: d.key ?? null }));
      if (flags.json) out(JSON.stringify(list, null, 2));
      else out(list.length ? list.map((d) => `${positional[1]}:${d.line}:${d.col}: ${d.severity}: ${d.message}`).join('\n') : `${positional[1]}: ok`);
      return list.some((d) => d.severity === 'error') ? 1 : 0;
    }
    case 'run': {
      const { flags, positional } = parseFlags(rest, { config: 'value', at: 'value', ticks: 'value', seed: 'value', solution: 'flag', json: 'flag' });
      const scenario = findScenario(positional[0]);
      const tech = techFor(scenario);
      if (flags.config && flags.solution) throw new UsageError('use either --config or --solution, not both');
      const configText = flags.solution ? patchedConfigText(scenario, tech, scenario.solution.patch) : typeof flags.config === 'string' ? readText(flags.config) : undefined;
      const seed = intFlag(flags, 'seed', 0) ?? 1;
      const { run, submitted } = play({ scenario, tech, seed, configText, atTick: intFlag(flags, 'at', 0), maxTicks: intFlag(flags, 'ticks', 1) });
      const result = {
        id: scenario.id,
        seed,
        won: run.status === 'won',
        lost: run.status === 'lost',
        wonAtTick: run.status === 'won' ? run.tick : null,
        ticks: run.tick,
        health: Math.round(run.health * 10) / 10,
        score: run.outcome?.score ?? 0,
        stars: run.outcome?.stars ?? 0,
        reason: run.outcome?.reason ?? null,
        configAccepted: submitted ? submitted.applied : null,
        diagnostics: submitted?.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.line, col: d.col })) ?? [],
        metrics: run.metrics(),
        events: run.log.map((e) => ({ tick: e.tick, level: e.level, text: e.text })),
      };
      if (flags.json) out(JSON.stringify(result, null, 2));
      else {
        out(`${scenario.id} seed ${seed}: ${result.won ? `WON at tick ${result.wonAtTick}` : result.lost ? `LOST at tick ${run.tick}: ${result.reason}` : `still running after ${run.tick} ticks`}`);
        out(`health ${result.health}  score ${result.score}  stars ${result.stars}`);
        for (const slo of run.slos()) out(`  ${slo.ok ? '✓' : '✗'} ${slo.label} (${Number.isFinite(slo.value) ? Math.round(slo.value * 100) / 100 : 'n/a'} ${slo.op} ${slo.target})`);
      }
      return 0;
    }
    case undefined:
    case '--help':
    case 'help':
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const message = err instanceof UsageError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`ops-sim: ${message}\n`);
  process.exitCode = 2;
}
