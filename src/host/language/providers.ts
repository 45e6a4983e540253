// Hover and completion in the config files: documentation, type, default, valid values and unit
// of every key, from the technology's schema (the same schema that validates the file).
import * as vscode from 'vscode';
import type { ObjectNode } from '../../engine/types';
import { Disposable } from '../dispose';
import { describeHit, keyCandidates, schemaAt, valueCandidates, type Candidate } from './schemaLookup';
import { locateAt, typingContextAt } from './yamlLocate';

/** Finds the config schema a config file is written against (from its scenario id). */
export type SchemaResolver = (uri: vscode.Uri) => ObjectNode | undefined;

export class ConfigLanguageFeatures extends Disposable {
  constructor(selector: vscode.DocumentSelector, resolveSchema: SchemaResolver) {
    super();
    this.own(vscode.languages.registerHoverProvider(selector, new ConfigHoverProvider(resolveSchema)));
    // Trigger on ' ' too, so values are offered right after `key: `.
    this.own(vscode.languages.registerCompletionItemProvider(selector, new ConfigCompletionProvider(resolveSchema), ' '));
  }
}

class ConfigHoverProvider implements vscode.HoverProvider {
  constructor(private readonly resolveSchema: SchemaResolver) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const schema = this.resolveSchema(document.uri);
    if (!schema) return undefined;
    const located = locateAt(document.getText(), document.offsetAt(position));
    if (!located) return undefined;
    const hit = schemaAt(schema, located.path);
    if (!hit) return undefined;
    const range = new vscode.Range(document.positionAt(located.range[0]), document.positionAt(located.range[1]));
    return new vscode.Hover(new vscode.MarkdownString(describeHit(hit)), range);
  }
}

class ConfigCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly resolveSchema: SchemaResolver) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _token: vscode.CancellationToken,
    trigger: vscode.CompletionContext,
  ): vscode.CompletionItem[] | undefined {
    const schema = this.resolveSchema(document.uri);
    if (!schema) return undefined;
    const context = typingContextAt(document.getText(), position.line, position.character);
    if (!context) return undefined;
    // A typed space only matters after `key: `; indenting must not pop up key lists.
    if (trigger.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.kind !== 'value') return undefined;
    // Replace the whole partial word, dots and dashes included (max.po → max.poll.records).
    const range = new vscode.Range(position.line, context.partialStart, position.line, position.character);
    const candidates =
      context.kind === 'key'
        ? keyCandidates(schema, context.parentPath, context.siblings)
        : valueCandidates(schema, [...context.parentPath, context.key]);
    const indent = ' '.repeat(context.partialStart + 2);
    return candidates.map((candidate) => toItem(candidate, range, indent));
  }
}

function toItem(candidate: Candidate, range: vscode.Range, childIndent: string): vscode.CompletionItem {
  const kind =
    candidate.kind === 'value'
      ? vscode.CompletionItemKind.EnumMember
      : candidate.opensBlock
        ? vscode.CompletionItemKind.Module
        : vscode.CompletionItemKind.Property;
  const item = new vscode.CompletionItem({ label: candidate.label, description: candidate.detail }, kind);
  item.range = range;
  item.filterText = candidate.label;
  item.insertText = candidate.opensBlock ? new vscode.SnippetString(`${escapeSnippet(candidate.insertText)}\n${childIndent}$0`) : candidate.insertText;
  if (candidate.documentation) item.documentation = new vscode.MarkdownString(candidate.documentation);
  if (candidate.offersValues) {
    // After inserting `key: `, offer its values straight away.
    item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
  }
  return item;
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
