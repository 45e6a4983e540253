// Parses and validates one scenario file. Scenarios are data: every field is checked here, with
// positioned problems, so a broken or hostile scenario pack is rejected instead of run.
import { LineCounter, parseDocument } from 'yaml';
import type { ConfigPath, Diagnostic, Incident, TechModule } from '../engine/types';
import { rangeOf, type PositionedDiagnostic } from './configFile';
import type { Comparison, Condition, ConceptCard, Difficulty, Fix, Hint, LossCondition, Scenario } from './types';
import { coerceValue, genericValueErrorText, validateNode } from './validate';

export const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'easy', 'medium', 'medium-hard', 'hard', 'expert', 'master'];
const COMPARISONS: readonly Comparison[] = ['<', '<=', '>', '>=', '=='];

export interface ParsedScenario {
  scenario?: Scenario;
  problems: PositionedDiagnostic[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects problems while reading typed fields out of untyped YAML. */
class Reader {
  readonly problems: Diagnostic[] = [];

  fail(path: ConfigPath, message: string): void {
    this.problems.push({ severity: 'error', message, path });
  }

  obj(parent: Obj, key: string, path: ConfigPath): Obj {
    const v = parent[key];
    if (!isObj(v)) {
      this.fail([...path, key], `'${key}' must be a mapping`);
      return {};
    }
    return v;
  }

  list(parent: Obj, key: string, path: ConfigPath, optional = false): unknown[] {
    const v = parent[key];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) {
      this.fail([...path, key], `'${key}' must be a list`);
      return [];
    }
    return v;
  }

  str(parent: Obj, key: string, path: ConfigPath, optional = false): string {
    const v = parent[key];
    if (v === undefined && optional) return '';
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail([...path, key], `'${key}' must be a non-empty string`);
      return '';
    }
    return v.trim();
  }

  num(parent: Obj, key: string, path: ConfigPath, opts: { optional?: boolean; min?: number; integer?: boolean } = {}): number | undefined {
    const v = parent[key];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) {
      this.fail([...path, key], `'${key}' must be a${opts.integer ? 'n integer' : ' number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}`);
      return undefined;
    }
    return v;
  }

  only(value: Obj, allowed: readonly string[], path: ConfigPath): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail([...path, key], `Unknown field '${key}' (expected one of: ${allowed.join(', ')})`);
    }
  }
}

const TOP_LEVEL = ['id', 'track', 'index', 'title', 'difficulty', 'concept', 'briefing', 'world', 'incidents', 'config', 'victory', 'loss', 'timeLimitSeconds', 'victoryFromSeconds', 'hints', 'concepts', 'solution', 'wrongFixes'];

export function parseScenario(text: string, source: string, techById: (id: string) => TechModule | undefined): ParsedScenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const position = (d: Diagnostic): PositionedDiagnostic => {
    const [start, end] = rangeOf(doc, d.path, d.atKey ?? false);
    const s = lines.linePos(start);
    const e = lines.linePos(Math.max(end, start + 1));
    return { ...d, line: s.line, col: s.col, endLine: e.line, endCol: e.col };
  };
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const s = lines.linePos(e.pos[0]);
        return { severity: 'error', message: `YAML: ${e.message.split('\n')[0]}`, path: [], line: s.line, col: s.col, endLine: s.line, endCol: s.col + 1 };
      }),
    };
  }
  const root = doc.toJS({ maxAliasCount: 50 }) as unknown;
  const r = new Reader();
  if (!isObj(root)) {
    r.fail([], 'A scenario file must be a mapping');
    return { problems: r.problems.map(position) };
  }
  r.only(root, TOP_LEVEL, []);
  const id = r.str(root, 'id', []);
  const track = r.str(root, 'track', []);
  const index = r.num(root, 'index', [], { integer: true, min: 1 }) ?? 0;
  if (id && !/^[a-z][a-z0-9]*-\d{2,3}$/.test(id)) r.fail(['id'], `'id' must look like "${track || 'kafka'}-01"`);
  if (id && track && index && id !== `${track}-${String(index).padStart(2, '0')}`) r.fail(['id'], `'id' must be "${track}-${String(index).padStart(2, '0')}" (track and index)`);
  const tech = track ? techById(track) : undefined;
  if (track && !tech) r.fail(['track'], `Unknown track '${track}'`);
  const difficulty = r.str(root, 'difficulty', []) as Difficulty;
  if (difficulty && !DIFFICULTIES.includes(difficulty)) r.fail(['difficulty'], `'difficulty' must be one of: ${DIFFICULTIES.join(', ')}`);

  const briefingObj = r.obj(root, 'briefing', []);
  r.only(briefingObj, ['story', 'symptom', 'goal'], ['briefing']);
  const briefing = {
    story: r.str(briefingObj, 'story', ['briefing']),
    symptom: r.str(briefingObj, 'symptom', ['briefing']),
    goal: r.str(briefingObj, 'goal', ['briefing']),
  };

  const world = root.world ?? {};
  const config = isObj(root.config) ? root.config : (r.fail(['config'], "'config' must be a mapping"), {});
  if (tech) {
    r.problems.push(...validateNode(tech.worldSchema, world, ['world'], genericValueErrorText, 'the world'));
    const errorText = tech.valueErrorText?.bind(tech) ?? genericValueErrorText;
    const configProblems = validateNode(tech.configSchema, config, ['config'], errorText, 'the config');
    r.problems.push(...configProblems.filter((d) => d.severity === 'error'));
    if (!configProblems.some((d) => d.severity === 'error')) {
      r.problems.push(...tech.crossCheck(config, world).filter((d) => d.severity === 'error').map((d) => ({ ...d, path: ['config', ...d.path] })));
    }
  }

  const incidents = r.list(root, 'incidents', [], true).map((raw, i) => readIncident(r, raw, ['incidents', i], tech));
  const victory = r.list(root, 'victory', []).map((raw, i) => readCondition(r, raw, ['victory', i], false) as Condition);
  if (Array.isArray(root.victory) && root.victory.length === 0) r.fail(['victory'], "'victory' needs at least one condition");
  const loss = r.list(root, 'loss', [], true).map((raw, i) => readCondition(r, raw, ['loss', i], true) as LossCondition);
  const timeLimitSeconds = r.num(root, 'timeLimitSeconds', [], { min: 1 }) ?? 600;
  const victoryFromSeconds = r.num(root, 'victoryFromSeconds', [], { optional: true, min: 0 });
  if (victoryFromSeconds !== undefined && victoryFromSeconds >= timeLimitSeconds) r.fail(['victoryFromSeconds'], "'victoryFromSeconds' must be before the time limit");
  const hints = r.list(root, 'hints', []).map((raw, i): Hint => {
    const path = ['hints', i];
    if (!isObj(raw)) return (r.fail(path, 'a hint must be a mapping with text'), { text: '' });
    r.only(raw, ['text', 'afterSeconds', 'healthBelow'], path);
    return { text: r.str(raw, 'text', path), afterSeconds: r.num(raw, 'afterSeconds', path, { optional: true, min: 0 }), healthBelow: r.num(raw, 'healthBelow', path, { optional: true, min: 0 }) };
  });
  const concepts = r.list(root, 'concepts', []).map((raw, i): ConceptCard => {
    const path = ['concepts', i];
    if (!isObj(raw)) return (r.fail(path, 'a concept card must be a mapping with title and body'), { title: '', body: '' });
    r.only(raw, ['title', 'body'], path);
    return { title: r.str(raw, 'title', path), body: r.str(raw, 'body', path) };
  });
  const solution = readFix(r, root.solution, ['solution']);
  const wrongFixes = r.list(root, 'wrongFixes', []).map((raw, i) => readFix(r, raw, ['wrongFixes', i]));

  if (r.problems.some((p) => p.severity === 'error')) return { problems: r.problems.map(position) };
  const scenario: Scenario = {
    id,
    track,
    index,
    title: r.str(root, 'title', []),
    difficulty,
    concept: r.str(root, 'concept', []),
    briefing,
    world,
    incidents: incidents.sort((a, b) => a.at - b.at),
    config,
    victory,
    loss,
    timeLimitSeconds,
    victoryFromSeconds,
    hints,
    concepts,
    solution,
    wrongFixes,
    source,
  };
  return { scenario, problems: r.problems.map(position) };
}

function readCondition(r: Reader, raw: unknown, path: ConfigPath, isLoss: boolean): Condition | LossCondition {
  if (!isObj(raw)) {
    r.fail(path, 'a condition must be a mapping: {metric, op, value, label}');
    return { metric: '', op: '<', value: 0, label: '' };
  }
  r.only(raw, isLoss ? ['metric', 'op', 'value', 'label', 'forSeconds', 'reason'] : ['metric', 'op', 'value', 'label'], path);
  const metric = r.str(raw, 'metric', path);
  if (metric && !/^[A-Za-z0-9_.\-]+$/.test(metric)) r.fail([...path, 'metric'], `'metric' must be a dotted metric name`);
  const op = raw.op as Comparison;
  if (!COMPARISONS.includes(op)) r.fail([...path, 'op'], `'op' must be one of: ${COMPARISONS.join(' ')}`);
  const condition: Condition = { metric, op, value: r.num(raw, 'value', path) ?? 0, label: r.str(raw, 'label', path) };
  if (!isLoss) return condition;
  return { ...condition, forSeconds: r.num(raw, 'forSeconds', path, { optional: true, min: 0 }) ?? 0, reason: r.str(raw, 'reason', path) };
}

function readIncident(r: Reader, raw: unknown, path: ConfigPath, tech: TechModule | undefined): Incident {
  if (!isObj(raw)) {
    r.fail(path, 'an incident must be a mapping: {at, kind, ...}');
    return { at: 0, kind: '', params: {} };
  }
  const at = r.num(raw, 'at', path, { min: 0 }) ?? 0;
  const kind = r.str(raw, 'kind', path);
  const spec = tech?.incidents[kind];
  if (kind && tech && !spec) r.fail([...path, 'kind'], `Unknown incident kind '${kind}' (known: ${Object.keys(tech.incidents).join(', ')})`);
  const target = raw.target === undefined ? undefined : r.str(raw, 'target', path);
  if (spec?.target && target === undefined) r.fail(path, `incident '${kind}' needs a target (${spec.target})`);
  const duration = r.num(raw, 'duration', path, { optional: true, min: 0.1 });
  const message = raw.message === undefined ? undefined : r.str(raw, 'message', path);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (['at', 'kind', 'target', 'duration', 'message'].includes(key)) continue;
    const paramSpec = spec?.params[key];
    if (!paramSpec) {
      if (spec) r.fail([...path, key], `Unknown parameter '${key}' for incident '${kind}' (known: ${Object.keys(spec.params).join(', ') || 'none'})`);
      continue;
    }
    const coerced = coerceValue(paramSpec, value);
    if (!coerced.ok) r.fail([...path, key], genericValueErrorText({ key, value, spec: paramSpec, problem: coerced.problem }));
    else params[key] = coerced.value;
  }
  for (const [key, paramSpec] of Object.entries(spec?.params ?? {})) {
    if (!(key in params) && paramSpec.default !== undefined) params[key] = paramSpec.default;
  }
  return { at, kind, target, duration, params, message };
}

function readFix(r: Reader, raw: unknown, path: ConfigPath): Fix {
  if (!isObj(raw)) {
    r.fail(path, 'a fix must be a mapping: {name, patch, why}');
    return { name: '', patch: {}, why: '' };
  }
  r.only(raw, ['name', 'patch', 'why'], path);
  return { name: r.str(raw, 'name', path), patch: r.obj(raw, 'patch', path), why: r.str(raw, 'why', path) };
}
