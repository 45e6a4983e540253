// Answers "what is at this path of the config file?" from a technology's config schema, and
// turns the answer into hover text and completion candidates. Pure (no vscode).
import type { ConfigPath, KeySpec, MapNode, ObjectNode, SchemaNode } from '../../engine/types';

export type SchemaHit =
  /** A real system key inside a `config:` bag (e.g. ConsumerConfig's max.poll.records). */
  | { kind: 'key'; name: string; spec: KeySpec; owner: string }
  /** A fixed field of the file's own structure (e.g. `instances`, `topics`). */
  | { kind: 'field'; name: string; node: SchemaNode }
  /** A user-named entry of a map (e.g. the topic `orders`). */
  | { kind: 'entry'; name: string; map: MapNode };

/** Resolve `path` (as located in the file) against the schema; undefined if the file strays from it. */
export function schemaAt(root: ObjectNode, path: ConfigPath): SchemaHit | undefined {
  let node: SchemaNode = root;
  let hit: SchemaHit | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      // A list element: the hit stays the list's own key or field.
      if (!hit) return undefined;
      continue;
    }
    switch (node.kind) {
      case 'object': {
        const field: SchemaNode | undefined = node.fields[segment];
        if (!field) return undefined;
        hit = { kind: 'field', name: segment, node: field };
        node = field;
        break;
      }
      case 'map':
        hit = { kind: 'entry', name: segment, map: node };
        node = node.values;
        break;
      case 'properties': {
        const spec: KeySpec | undefined = node.keys[segment];
        if (!spec) return undefined;
        hit = { kind: 'key', name: segment, spec, owner: node.owner };
        node = { kind: 'value', spec };
        break;
      }
      case 'value':
        return undefined;
    }
  }
  return hit;
}

/** The schema node whose children live at `path` (for completing keys there). */
export function containerAt(root: ObjectNode, path: readonly string[]): SchemaNode | undefined {
  if (path.length === 0) return root;
  const hit = schemaAt(root, path);
  if (!hit) return undefined;
  return hit.kind === 'entry' ? hit.map.values : hit.kind === 'field' ? hit.node : undefined;
}

/** The value spec of a key or value field at `path`, if it is a leaf. */
export function leafSpecAt(root: ObjectNode, path: readonly string[]): KeySpec | undefined {
  const hit = schemaAt(root, path);
  if (hit?.kind === 'key') return hit.spec;
  if (hit?.kind === 'field' && hit.node.kind === 'value') return hit.node.spec;
  return undefined;
}

// ---------------------------------------------------------------- hover text (Markdown)

export function describeHit(hit: SchemaHit): string {
  switch (hit.kind) {
    case 'key':
      return describeKey(hit.name, hit.spec, hit.owner);
    case 'entry':
      return `**${hit.name}** — ${hit.map.entryName}\n\n${hit.map.values.kind === 'value' ? hit.map.values.spec.doc : nodeDoc(hit.map.values)}`;
    case 'field':
      return hit.node.kind === 'value' ? describeKey(hit.name, hit.node.spec) : `**${hit.name}**\n\n${nodeDoc(hit.node)}`;
  }
}

function nodeDoc(node: SchemaNode): string {
  return node.kind === 'value' ? node.spec.doc : node.doc;
}

/** Doc, type, default, valid values and unit of one key, as a real operator would want them. */
export function describeKey(name: string, spec: KeySpec, owner?: string): string {
  const title = owner ? `**\`${name}\`** — ${owner}` : `**\`${name}\`**`;
  const facts = [`Type: ${spec.type}`, `Default: ${formatValue(spec.default, spec.unit)}`];
  const valid = describeValid(spec);
  if (valid) facts.push(`Valid values: ${valid}`);
  if (spec.unit) facts.push(`Unit: ${spec.unit}`);
  const lines = [title, '', spec.doc, '', facts.join('  \n')];
  if (spec.inert) lines.push('', '_Accepted as in the real system; this simulation does not model its effect._');
  return lines.join('\n');
}

export function describeValid(spec: KeySpec): string | undefined {
  if (spec.values?.length) return spec.values.map((value) => `\`${value}\``).join(', ');
  if (spec.type === 'boolean') return '`true`, `false`';
  if (spec.min !== undefined && spec.max !== undefined) return `${formatNumber(spec.min)} … ${formatNumber(spec.max)}`;
  if (spec.min !== undefined) return `≥ ${formatNumber(spec.min)}`;
  if (spec.max !== undefined) return `≤ ${formatNumber(spec.max)}`;
  return undefined;
}

export function formatValue(value: unknown, unit?: string): string {
  if (value === undefined || value === null) return '`null` (none)';
  if (Array.isArray(value)) return value.length ? `\`${value.join(',')}\`` : '`""` (empty list)';
  if (typeof value === 'number') {
    const readable = readableQuantity(value, unit);
    return readable ? `\`${value}\` (${readable})` : `\`${value}\``;
  }
  return `\`${String(value)}\``;
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '∞' : '−∞';
}

/** 604800000 ms → "7 d", 1073741824 bytes → "1 GiB": big raw numbers are hard to read. */
function readableQuantity(value: number, unit?: string): string | undefined {
  if (unit === 'ms' && value >= 1000) {
    const steps: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
    for (const [size, label] of steps) if (value >= size) return `${trim(value / size)} ${label}`;
  }
  if (unit === 'bytes' && value >= 1024) {
    const steps: [number, string][] = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
    for (const [size, label] of steps) if (value >= size) return `${trim(value / size)} ${label}`;
  }
  return undefined;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

// ---------------------------------------------------------------- completion candidates

export interface Candidate {
  label: string;
  kind: 'key' | 'field' | 'value';
  /** Short line next to the label ("int, default 500"). */
  detail: string;
  /** Markdown documentation. */
  documentation: string;
  /** Text to insert (plain, not a snippet). */
  insertText: string;
  /** The key opens a nested block (an object, map or `config:` bag). */
  opensBlock: boolean;
  /** The key takes one of a few values (an enumeration or a boolean) worth offering next. */
  offersValues: boolean;
}

/** Keys that may be added in the mapping at `parentPath` and are not there yet. */
export function keyCandidates(root: ObjectNode, parentPath: readonly string[], present: readonly string[]): Candidate[] {
  const container = containerAt(root, parentPath);
  const taken = new Set(present);
  if (!container) return [];
  if (container.kind === 'object') {
    return Object.entries(container.fields)
      .filter(([name]) => !taken.has(name))
      .map(([name, node]) => {
        const opensBlock = node.kind !== 'value';
        const spec = node.kind === 'value' ? node.spec : undefined;
        return {
          label: name,
          kind: 'field' as const,
          detail: spec ? detailOf(spec) : node.kind === 'map' ? `map of ${(node as MapNode).entryName}` : node.kind,
          documentation: spec ? describeKey(name, spec) : `**${name}**\n\n${nodeDoc(node)}`,
          insertText: opensBlock ? `${name}:` : `${name}: `,
          opensBlock,
          offersValues: spec ? hasChoices(spec) : false,
        };
      });
  }
  if (container.kind === 'properties') {
    return Object.entries(container.keys)
      .filter(([name]) => !taken.has(name))
      .map(([name, spec]) => ({
        label: name,
        kind: 'key' as const,
        detail: `${container.owner} · ${detailOf(spec)}`,
        documentation: describeKey(name, spec, container.owner),
        insertText: `${name}: `,
        opensBlock: false,
        offersValues: hasChoices(spec),
      }));
  }
  return [];
}

/** Values worth offering after `key: ` (enumerations and booleans). */
export function valueCandidates(root: ObjectNode, keyPath: readonly string[]): Candidate[] {
  const spec = leafSpecAt(root, keyPath);
  if (!spec) return [];
  const values = spec.values?.length ? [...spec.values] : hasChoices(spec) ? ['true', 'false'] : [];
  const fallback = Array.isArray(spec.default) ? spec.default.join(',') : spec.default;
  return values.map((value) => ({
    label: value,
    kind: 'value' as const,
    detail: String(fallback) === value ? 'default' : '',
    documentation: '',
    insertText: value,
    opensBlock: false,
    offersValues: false,
  }));
}

function hasChoices(spec: KeySpec): boolean {
  return Boolean(spec.values?.length) || spec.type === 'boolean';
}

function detailOf(spec: KeySpec): string {
  const parts: string[] = [spec.type];
  if (spec.default !== undefined && spec.default !== null) {
    parts.push(`default ${Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)}${spec.unit ? ` ${spec.unit}` : ''}`);
  }
  return parts.join(', ');
}
