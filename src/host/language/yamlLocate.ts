// Where in a config file's structure is the cursor? Pure (no vscode), so it is unit tested in Node.
// Hover reads the parsed document (the `yaml` package keeps source ranges on every node);
// completion reads indentation, because the line being typed is usually not valid YAML yet.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ConfigPath } from '../../engine/types';

export interface Located {
  /** Path from the document root to the key (or value) under the cursor. */
  path: ConfigPath;
  /** The cursor is on the key itself or on its scalar value. */
  on: 'key' | 'value';
  /** Offsets [start, end) of the text under the cursor. */
  range: [number, number];
}

/** The key or scalar value at `offset` in `text`, with its path. */
export function locateAt(text: string, offset: number): Located | undefined {
  const document = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
  return document.contents ? locateIn(document.contents as Node, offset, []) : undefined;
}

function locateIn(node: Node, offset: number, path: (string | number)[]): Located | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      if (contains(key.range[0], key.range[1], offset)) {
        return { path: [...path, name], on: 'key', range: [key.range[0], key.range[1]] };
      }
      const value = pair.value as Node | null;
      if (value?.range && contains(value.range[0], value.range[1], offset)) {
        if (isScalar(value)) return { path: [...path, name], on: 'value', range: [value.range[0], value.range[1]] };
        return locateIn(value, offset, [...path, name]);
      }
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index] as Node | null;
      if (!item?.range || !contains(item.range[0], item.range[1], offset)) continue;
      if (isScalar(item)) return { path: [...path, index], on: 'value', range: [item.range[0], item.range[1]] };
      return locateIn(item, offset, [...path, index]);
    }
  }
  return undefined;
}

function contains(start: number, end: number, offset: number): boolean {
  return offset >= start && offset <= end;
}

/** What the user is typing on a line: a key (of the mapping at `parentPath`) or the value of `key`. */
export type TypingContext =
  | { kind: 'key'; parentPath: string[]; partial: string; partialStart: number; siblings: string[] }
  | { kind: 'value'; parentPath: string[]; key: string; partial: string; partialStart: number };

const KEY_TYPED = /^( *)([^\s:#'"-][^:#]*|)$/;
const VALUE_TYPED = /^( *)([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*'):[ ]+([^\s#]*)$/;
const KEY_LINE = /^( *)([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)(.*)$/;

/**
 * The typing context at (line, character), both 0-based, found from indentation.
 * Block mappings only: inside a sequence item or a flow collection it returns undefined.
 */
export function typingContextAt(text: string, line: number, character: number): TypingContext | undefined {
  const lines = text.split(/\r?\n/);
  const prefix = (lines[line] ?? '').slice(0, character);
  const asValue = VALUE_TYPED.exec(prefix);
  if (asValue) {
    const indent = asValue[1].length;
    const parentPath = parentPathOf(lines, line, indent);
    if (!parentPath) return undefined;
    return { kind: 'value', parentPath, key: unquote(asValue[2]), partial: asValue[3], partialStart: character - asValue[3].length };
  }
  const asKey = KEY_TYPED.exec(prefix);
  if (!asKey) return undefined;
  const indent = asKey[1].length;
  const parentPath = parentPathOf(lines, line, indent);
  if (!parentPath) return undefined;
  return { kind: 'key', parentPath, partial: asKey[2], partialStart: indent, siblings: siblingKeys(lines, line, indent) };
}

/** Keys of the enclosing block mappings of a line indented by `indent`, outermost first. */
function parentPathOf(lines: string[], line: number, indent: number): string[] | undefined {
  const path: string[] = [];
  let childIndent = indent;
  for (let i = line - 1; i >= 0 && childIndent > 0; i--) {
    const text = lines[i];
    if (isBlankOrComment(text)) continue;
    const own = indentOf(text);
    if (own >= childIndent) continue;
    if (text.trimStart().startsWith('-')) return undefined;
    const key = KEY_LINE.exec(text);
    // A parent line must open a block: `name:` with nothing (or only a comment) after it.
    if (!key || (key[3].trim() !== '' && !key[3].trim().startsWith('#'))) return undefined;
    path.unshift(unquote(key[2]));
    childIndent = own;
  }
  return childIndent === 0 ? path : undefined;
}

/** Keys already present in the same block mapping as `line`. */
function siblingKeys(lines: string[], line: number, indent: number): string[] {
  const keys: string[] = [];
  const scan = (from: number, step: 1 | -1): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const text = lines[i];
      if (isBlankOrComment(text)) continue;
      const own = indentOf(text);
      if (own < indent) return;
      if (own > indent) continue;
      const key = KEY_LINE.exec(text);
      if (key) keys.push(unquote(key[2]));
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

function isBlankOrComment(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function unquote(key: string): string {
  const trimmed = key.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}
