// Kernel diagnostics (1-based line/col, from the config checker) as VS Code diagnostics.
import * as vscode from 'vscode';
import type { PositionedDiagnostic } from '../scenario/configFile';

export function toVscodeDiagnostics(found: readonly PositionedDiagnostic[], source: string): vscode.Diagnostic[] {
  return found.map((d) => {
    const start = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.col - 1));
    let end = new vscode.Position(Math.max(0, d.endLine - 1), Math.max(0, d.endCol - 1));
    if (!end.isAfter(start)) end = start.translate(0, 1);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), d.message, severityOf(d.severity));
    diagnostic.source = source;
    if (d.key) diagnostic.code = d.key;
    return diagnostic;
  });
}

function severityOf(severity: PositionedDiagnostic['severity']): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

export function errorCount(found: readonly PositionedDiagnostic[]): number {
  return found.filter((d) => d.severity === 'error').length;
}
