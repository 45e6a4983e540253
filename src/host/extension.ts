// Entry point of the extension host bundle. Activation only wires things up: scenarios are
// read when the view or a command first needs them, and nothing simulates until a start.
import * as vscode from 'vscode';
import type { ObjectNode } from '../engine/types';
import { techById } from '../tech';
import type { DistributedOpsApi } from './api';
import { CatalogService } from './catalogService';
import { configFileSelector, scenarioIdOf } from './configFiles';
import { Disposable } from './dispose';
import { GameController } from './gameController';
import { ConfigLanguageFeatures } from './language/providers';
import { messageSizes } from './consolePanel';
import { ProgressStore } from './progress';
import { windowPrompter } from './prompter';
import { ScenarioTreeProvider } from './scenarioTree';
import { SessionStatusBar } from './statusBar';

class DistributedOpsExtension extends Disposable {
  readonly api: DistributedOpsApi;
  readonly output: vscode.LogOutputChannel;

  constructor(context: vscode.ExtensionContext) {
    super();
    const output = (this.output = this.own(vscode.window.createOutputChannel('Distributed Ops', { log: true })));
    const catalog = this.own(CatalogService.forExtension(context, output));
    const progress = new ProgressStore(context.globalState);
    const tree = this.own(new ScenarioTreeProvider(catalog, progress));
    this.own(vscode.window.createTreeView('distributedOps.scenarios', { treeDataProvider: tree, showCollapseAll: true }));
    const diagnostics = this.own(vscode.languages.createDiagnosticCollection('Distributed Ops'));
    const statusBar = this.own(new SessionStatusBar());
    const schemaOf = (uri: vscode.Uri): ObjectNode | undefined => {
      const id = scenarioIdOf(uri);
      const scenario = id === undefined ? undefined : catalog.byId(id);
      return scenario ? techById(scenario.track)?.configSchema : undefined;
    };
    this.own(new ConfigLanguageFeatures(configFileSelector(context), schemaOf));
    const controller = this.own(new GameController({ context, catalog, progress, tree, statusBar, diagnostics, output }));

    this.api = {
      get activationMs() {
        return activationMs;
      },
      messageSizes: () => ({
        snapshotMaxBytes: messageSizes.snapshotMaxBytes,
        deltaMaxBytes: messageSizes.deltaMaxBytes,
        deltaAverageBytes: messageSizes.deltaCount ? Math.round(messageSizes.deltaTotalBytes / messageSizes.deltaCount) : 0,
      }),
      treeProvider: tree,
      progress,
      catalog,
      createTreeProvider: () => new ScenarioTreeProvider(catalog, new ProgressStore(context.globalState)),
      currentSession: () => controller.currentSession,
      setPrompter: (prompter) => {
        controller.prompter = prompter ?? windowPrompter;
      },
      onDidStartSession: controller.onDidStartSession,
      onDidTick: controller.onDidTick,
      onDidEnd: controller.onDidEnd,
      onDidCheckConfig: controller.onDidCheckConfig,
      onDidApplyConfig: controller.onDidApplyConfig,
      onDidWebviewReady: controller.onDidWebviewReady,
    };
  }
}

let activationMs = 0;

export function activate(context: vscode.ExtensionContext): DistributedOpsApi {
  const started = performance.now();
  const extension = new DistributedOpsExtension(context);
  context.subscriptions.push(extension);
  activationMs = performance.now() - started;
  extension.output.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return extension.api;
}

export function deactivate(): void {
  // Everything is owned by the extension object, which context.subscriptions disposes.
}
