// Reads the scenario files of a folder (scenarios/<track>/NN-slug.yaml). File I/O lives here, not
// in the engine; the extension, the CLI and the tests all load scenarios through this.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { techById } from '../tech';
import type { PositionedDiagnostic } from './configFile';
import { parseScenario } from './loader';
import type { Scenario } from './types';

export interface CatalogProblem {
  file: string;
  diagnostics: PositionedDiagnostic[];
}

export interface Catalog {
  scenarios: Scenario[];
  problems: CatalogProblem[];
}

const FILE_NAME = /^(\d{2,3})-[a-z0-9-]+\.ya?ml$/;

export function loadCatalog(dir: string): Catalog {
  const scenarios: Scenario[] = [];
  const problems: CatalogProblem[] = [];
  const problem = (file: string, message: string) =>
    problems.push({ file, diagnostics: [{ severity: 'error', message, path: [], line: 1, col: 1, endLine: 1, endCol: 2 }] });
  for (const track of safeList(dir).sort()) {
    const trackDir = join(dir, track);
    if (!statSync(trackDir).isDirectory()) continue;
    for (const name of safeList(trackDir).sort()) {
      const file = join(trackDir, name);
      const match = FILE_NAME.exec(name);
      if (!match) {
        if (/\.ya?ml$/.test(name)) problem(file, `Scenario file names look like 01-slug.yaml; '${name}' does not`);
        continue;
      }
      const parsed = parseScenario(readFileSync(file, 'utf8'), file, techById);
      if (!parsed.scenario) {
        problems.push({ file, diagnostics: parsed.problems });
        continue;
      }
      const s = parsed.scenario;
      if (s.track !== track) problem(file, `Scenario track '${s.track}' does not match its folder '${track}'`);
      else if (s.index !== Number(match[1])) problem(file, `Scenario index ${s.index} does not match its file name '${basename(file)}'`);
      else if (scenarios.some((other) => other.id === s.id)) problem(file, `Duplicate scenario id '${s.id}'`);
      else scenarios.push(s);
    }
  }
  scenarios.sort((a, b) => (a.track === b.track ? a.index - b.index : a.track.localeCompare(b.track)));
  return { scenarios, problems };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
