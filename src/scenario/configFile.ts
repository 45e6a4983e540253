// The player's config file: generated from a scenario with explanatory comments, and checked on
// every save (YAML syntax, schema, the real system's cross-key rules) with positioned messages.
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, YAMLMap } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { ConfigPath, Diagnostic, KeySpec, SchemaNode, TechModule } from '../engine/types';
import type { Scenario } from './types';
import { genericValueErrorText, validateNode } from './validate';

export interface PositionedDiagnostic extends Diagnostic {
  /** 1-based. */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface CheckedConfig {
  /** The parsed config, present when there are no errors (warnings allowed). */
  raw?: Record<string, unknown>;
  config?: unknown;
  diagnostics: PositionedDiagnostic[];
}

/** Large files are rejected before parsing, so a pasted blob cannot stall the extension host. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** `running` is the config in force, for rules about changes (partitions can only increase). */
export function checkConfigText(text: string, tech: TechModule, world: unknown, running?: unknown): CheckedConfig {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const pos = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: pos.line, col: pos.col };
  };
  const span = (d: Diagnostic, start: number, end: number): PositionedDiagnostic => {
    const s = at(start);
    const e = at(Math.max(end, start + 1));
    return { ...d, line: s.line, col: s.col, endLine: e.line, endCol: e.col };
  };
  if (text.length > MAX_CONFIG_BYTES) {
    return { diagnostics: [span({ severity: 'error', message: `Config file is too large (${text.length} bytes; the limit is ${MAX_CONFIG_BYTES})`, path: [] }, 0, 1)] };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e) =>
    span({ severity: doc.errors.includes(e) ? 'error' : 'warning', message: `YAML: ${firstLine(e.message)}`, path: [] }, e.pos[0], e.pos[1]),
  );
  if (doc.errors.length) return { diagnostics: syntax };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { diagnostics: [...syntax, span({ severity: 'error', message: `YAML: ${firstLine(String((err as Error).message))}`, path: [] }, 0, 1)] };
  }
  if (value === null || value === undefined) value = {};
  const errorText = tech.valueErrorText?.bind(tech) ?? genericValueErrorText;
  let found = validateNode(tech.configSchema, value, [], errorText, 'the config');
  if (!found.some((d) => d.severity === 'error')) found = [...found, ...tech.crossCheck(value, world, running)];
  const diagnostics = [
    ...syntax,
    ...found.map((d) => {
      const [start, end] = rangeOf(doc, d.path, d.atKey ?? false);
      return span(d, start, end);
    }),
  ];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const raw = value as Record<string, unknown>;
  return { raw, config: tech.normalize(raw), diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Source range [start, end) of the node (or its key) at `path`, or of the nearest existing parent. */
export function rangeOf(doc: Document, path: ConfigPath, atKey: boolean): [number, number] {
  let node: unknown = doc.contents;
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as YamlNode;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
  }
  const target = (atKey && keyNode) || (node as YamlNode | null);
  const range = target && 'range' in target ? target.range : undefined;
  if (!range) return [0, 1];
  // For a mapping value, point at its first line rather than the whole block.
  return [range[0], isMap(target) || isSeq(target) ? range[0] + 1 : range[1]];
}

// ---------------------------------------------------------------- generation

export function generateConfigText(scenario: Scenario, tech: TechModule): string {
  const doc = new Document(scenario.config);
  doc.commentBefore = [
    ` ${scenario.title} — ${tech.version} configuration (Distributed Ops ${scenario.id})`,
    ' Edit and save: the running simulation applies valid changes at the next tick.',
    ' Errors are shown in the Problems panel and the last good config keeps running.',
    ' Hover a key for its documentation, type and real default.',
  ].join('\n');
  annotate(doc.contents, tech.configSchema);
  return doc.toString({ lineWidth: 0, indent: 2 });
}

function annotate(node: unknown, schema: SchemaNode | undefined): void {
  if (!schema || !isMap(node)) return;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const child = childSchema(schema, name);
    if (!child) continue;
    const comment = commentFor(child, schema.kind === 'map' ? undefined : name);
    if (comment && isScalar(pair.value)) pair.value.comment = ` ${comment}`;
    else if (comment && (isMap(pair.value) || isSeq(pair.value))) (pair.key as Scalar).commentBefore = ` ${comment}`;
    if (isMap(pair.value)) annotate(pair.value as YAMLMap, child);
  }
}

function childSchema(schema: SchemaNode, name: string): SchemaNode | undefined {
  switch (schema.kind) {
    case 'object':
      return schema.fields[name];
    case 'map':
      return schema.values;
    case 'properties': {
      const spec = schema.keys[name];
      return spec ? { kind: 'value', spec } : undefined;
    }
    default:
      return undefined;
  }
}

function commentFor(node: SchemaNode, name: string | undefined): string | undefined {
  if (name === undefined) return undefined; // map entries (topic names) carry no comment of their own
  switch (node.kind) {
    case 'value':
      return `${shortDoc(node.spec.doc)}${defaultNote(node.spec)}`;
    case 'object':
    case 'map':
    case 'properties':
      return shortDoc(node.doc);
  }
}

function shortDoc(doc: string): string {
  const first = doc.split(/(?<=\.)\s/)[0];
  return first.length > 110 ? `${first.slice(0, 107)}...` : first;
}

function defaultNote(spec: KeySpec): string {
  if (spec.default === undefined) return '';
  return ` (default: ${spec.default === null ? 'null' : Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)})`;
}

// ---------------------------------------------------------------- diff and patch

export interface ConfigChange {
  path: string;
  from: unknown;
  to: unknown;
}

/** Leaf-level differences between two configs, for the event log ("max.poll.records 1 → 500"). */
export function diffConfigs(before: unknown, after: unknown, prefix: string[] = []): ConfigChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffConfigs(before[k], after[k], [...prefix, k]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: prefix.join('.'), from: before, to: after }];
}

export function formatChange(change: ConfigChange): string {
  const show = (v: unknown) => (v === undefined ? '(unset)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return `${change.path}: ${show(change.from)} → ${show(change.to)}`;
}

/** Deep-merges a scenario fix into a config; `null` removes a key. Returns a new object. */
export function applyPatch(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && typeof current === 'object' && current !== null && !Array.isArray(current)) {
      out[key] = applyPatch(current as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

/** The text a player would save after applying a fix by hand: the generated file, edited. */
export function patchedConfigText(scenario: Scenario, tech: TechModule, patch: Record<string, unknown>): string {
  return generateConfigText({ ...scenario, config: applyPatch(scenario.config, patch) }, tech);
}
