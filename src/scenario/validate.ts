// Schema validation of a parsed config (or a scenario's world) against a technology's SchemaNode.
// Produces path-located Diagnostics; the caller maps paths to source positions.
import type { ConfigPath, Diagnostic, KeySpec, ObjectNode, SchemaNode, ValueProblem } from '../engine/types';

export type ValueErrorText = (problem: ValueProblem) => string;

/** Used when a technology does not word value errors itself. */
export const genericValueErrorText: ValueErrorText = ({ key, value, spec, problem }) => {
  const shown = JSON.stringify(value);
  switch (problem) {
    case 'type':
      return `Invalid value ${shown} for '${key}': expected ${describeType(spec)}`;
    case 'min':
      return `Invalid value ${shown} for '${key}': must be at least ${spec.min}`;
    case 'max':
      return `Invalid value ${shown} for '${key}': must be no more than ${spec.max}`;
    case 'values':
      return `Invalid value ${shown} for '${key}': must be one of ${(spec.values ?? []).join(', ')}`;
  }
};

export function describeType(spec: KeySpec): string {
  switch (spec.type) {
    case 'int':
      return 'a 32-bit integer';
    case 'long':
      return 'a 64-bit integer';
    case 'double':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'list':
      return 'a list';
    default:
      return 'a string';
  }
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export type Coerced = { ok: true; value: unknown } | { ok: false; problem: ValueProblem['problem'] };

/**
 * Reads a YAML value the way a properties-based system parses it: numbers may be written as
 * numeric strings, booleans as "true"/"false", lists as YAML sequences or comma-separated strings.
 */
export function coerceValue(spec: KeySpec, value: unknown): Coerced {
  if (value === null || value === undefined) {
    return spec.default === undefined || spec.default === null ? { ok: true, value: null } : { ok: false, problem: 'type' };
  }
  let result: unknown;
  switch (spec.type) {
    case 'int':
    case 'long': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n)) return { ok: false, problem: 'type' };
      if (spec.type === 'int' && (n < INT_MIN || n > INT_MAX)) return { ok: false, problem: 'type' };
      if (!Number.isSafeInteger(n)) return { ok: false, problem: 'type' };
      result = n;
      break;
    }
    case 'double': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { ok: false, problem: 'type' };
      result = n;
      break;
    }
    case 'boolean':
      if (typeof value === 'boolean') result = value;
      else if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) result = value.trim().toLowerCase() === 'true';
      else return { ok: false, problem: 'type' };
      break;
    case 'list':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) result = value.map((v) => String(v).trim());
      else if (typeof value === 'string') result = value.trim() === '' ? [] : value.split(',').map((v) => v.trim());
      else return { ok: false, problem: 'type' };
      break;
    default:
      if (typeof value === 'string') result = value.trim();
      else if (typeof value === 'number' || typeof value === 'boolean') result = String(value);
      else return { ok: false, problem: 'type' };
  }
  if (typeof result === 'number') {
    if (spec.min !== undefined && result < spec.min) return { ok: false, problem: 'min' };
    if (spec.max !== undefined && result > spec.max) return { ok: false, problem: 'max' };
  }
  if (spec.values) {
    const allowed = spec.values.map((v) => v.toLowerCase());
    const items = Array.isArray(result) ? result : [result];
    if (!items.every((item) => allowed.includes(String(item).toLowerCase()))) return { ok: false, problem: 'values' };
  }
  return { ok: true, value: result };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Closest candidate by edit distance, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function unknownKeyMessage(key: string, where: string, candidates: string[]): string {
  const guess = didYouMean(key, candidates);
  return `Unknown key '${key}' in ${where}.${guess ? ` Did you mean '${guess}'?` : ''}`;
}

/** Validates `value` against `node`; `errorText` words bad values as the real system would. */
export function validateNode(node: SchemaNode, value: unknown, path: ConfigPath, errorText: ValueErrorText, where = 'the config'): Diagnostic[] {
  const out: Diagnostic[] = [];
  switch (node.kind) {
    case 'object': {
      if (!isMapping(value)) {
        out.push({ severity: 'error', message: `Expected a mapping for ${where} (${node.doc})`, path });
        break;
      }
      for (const [field, child] of Object.entries(value)) {
        const fieldNode = node.fields[field];
        if (!fieldNode) {
          out.push({ severity: 'error', message: unknownKeyMessage(field, where, Object.keys(node.fields)), path: [...path, field], key: field, atKey: true });
          continue;
        }
        out.push(...validateNode(fieldNode, child, [...path, field], errorText, `'${field}'`));
      }
      for (const field of node.required ?? []) {
        if (!(field in value)) out.push({ severity: 'error', message: `Missing required key '${field}' in ${where}`, path, atKey: true });
      }
      break;
    }
    case 'map': {
      if (value === null || value === undefined) break; // an empty section
      if (!isMapping(value)) {
        out.push({ severity: 'error', message: `Expected a mapping of ${node.entryName} names for ${where}`, path });
        break;
      }
      const pattern = node.namePattern ? new RegExp(node.namePattern) : undefined;
      for (const [name, child] of Object.entries(value)) {
        if (pattern && !pattern.test(name)) {
          out.push({ severity: 'error', message: `Invalid ${node.entryName} name '${name}': must match ${node.namePattern}`, path: [...path, name], atKey: true });
        }
        out.push(...validateNode(node.values, child, [...path, name], errorText, `${node.entryName} '${name}'`));
      }
      break;
    }
    case 'properties': {
      if (value === null || value === undefined) break;
      if (!isMapping(value)) {
        out.push({ severity: 'error', message: `Expected a mapping of ${node.owner} keys for ${where}`, path });
        break;
      }
      for (const [key, raw] of Object.entries(value)) {
        const spec = node.keys[key];
        if (!spec) {
          // Real clients accept unknown keys and only log them, so this is a warning, not an error.
          const guess = didYouMean(key, Object.keys(node.keys));
          out.push({
            severity: 'warning',
            message: `The configuration '${key}' was supplied but isn't a known config; it has no effect.${guess ? ` Did you mean '${guess}'?` : ''}`,
            path: [...path, key],
            key,
            atKey: true,
          });
          continue;
        }
        const coerced = coerceValue(spec, raw);
        if (!coerced.ok) out.push({ severity: 'error', message: errorText({ key, value: raw, spec, problem: coerced.problem, owner: node.owner }), path: [...path, key], key });
      }
      break;
    }
    case 'value': {
      const key = String(path[path.length - 1] ?? '');
      const coerced = coerceValue(node.spec, value);
      if (!coerced.ok) out.push({ severity: 'error', message: genericValueErrorText({ key, value, spec: node.spec, problem: coerced.problem }), path, key });
      break;
    }
  }
  return out;
}

/** The schema node at a path (map entry names and list indexes are skipped through). */
export function schemaAt(root: ObjectNode, path: ConfigPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    switch (node.kind) {
      case 'object':
        node = node.fields[String(segment)];
        break;
      case 'map':
        node = node.values;
        break;
      case 'properties': {
        const spec: KeySpec | undefined = node.keys[String(segment)];
        return spec ? { kind: 'value', spec } : undefined;
      }
      case 'value':
        return typeof segment === 'number' ? node : undefined;
    }
  }
  return node;
}

/** Fills in defaults and coerces every real key: what a model runs on. */
export function withDefaults(spec: Record<string, KeySpec>, given: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const values = isMapping(given) ? given : {};
  for (const [key, keySpec] of Object.entries(spec)) {
    const coerced = key in values ? coerceValue(keySpec, values[key]) : undefined;
    out[key] = coerced && coerced.ok ? coerced.value : keySpec.default ?? null;
  }
  return out;
}
