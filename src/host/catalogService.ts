// Loads the bundled scenarios on first use (not at activation, which must stay fast) and keeps
// them until a refresh. Problems in scenario files go to the output channel, never to a crash.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCatalog, type Catalog } from '../scenario/catalog';
import type { Scenario } from '../scenario/types';
import { Disposable } from './dispose';

export class CatalogService extends Disposable {
  private catalog: Catalog | undefined;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly scenariosDir: string,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
  }

  static forExtension(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): CatalogService {
    return new CatalogService(path.join(context.extensionPath, 'scenarios'), output);
  }

  get scenarios(): readonly Scenario[] {
    return this.load().scenarios;
  }

  byId(id: string): Scenario | undefined {
    return this.scenarios.find((scenario) => scenario.id === id);
  }

  /** The scenario after `scenario` in its track, if any. */
  nextOf(scenario: Scenario): Scenario | undefined {
    return this.scenarios.filter((s) => s.track === scenario.track && s.index > scenario.index).sort((a, b) => a.index - b.index)[0];
  }

  refresh(): void {
    this.catalog = undefined;
    this.changed.fire();
  }

  private load(): Catalog {
    if (this.catalog) return this.catalog;
    try {
      this.catalog = loadCatalog(this.scenariosDir);
    } catch (error) {
      this.output.error(`Could not read scenarios from ${this.scenariosDir}: ${String(error)}`);
      this.catalog = { scenarios: [], problems: [] };
    }
    for (const problem of this.catalog.problems) {
      for (const d of problem.diagnostics) this.output.warn(`${problem.file}:${d.line}:${d.col}: ${d.message}`);
    }
    this.output.info(`Loaded ${this.catalog.scenarios.length} scenarios (${this.catalog.problems.length} files with problems)`);
    void vscode.commands.executeCommand('setContext', 'distributedOps.catalogLoaded', true);
    return this.catalog;
  }
}
