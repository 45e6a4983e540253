// Headless play: run a scenario to its end, optionally saving a config text at a given tick, as a
// player would. Used by the CLI, the conformance tests and the benchmarks.
import type { Scenario } from '../scenario/types';
import { Run, type SubmitResult } from './run';
import { TICKS_PER_SECOND, type TechModule } from './types';

export interface PlayOptions {
  scenario: Scenario;
  tech: TechModule;
  seed: number;
  /** Config file text to save at `atTick`. */
  configText?: string;
  atTick?: number;
  /** Stop after this many ticks even if the run has not ended. */
  maxTicks?: number;
}

export interface PlayResult {
  run: Run;
  submitted?: SubmitResult;
}

/** Default save time: 50 ticks (5 s) after the last scripted incident starts (DESIGN.md CLI contract). */
export function defaultSaveTick(scenario: Scenario): number {
  const lastIncident = scenario.incidents.reduce((latest, i) => Math.max(latest, i.at), 0);
  return Math.round(lastIncident * TICKS_PER_SECOND) + 50;
}

export function play(options: PlayOptions): PlayResult {
  const run = new Run({ scenario: options.scenario, tech: options.tech, seed: options.seed });
  const limit = options.maxTicks ?? Math.ceil(options.scenario.timeLimitSeconds * TICKS_PER_SECOND) + 1;
  const saveAt = options.atTick ?? defaultSaveTick(options.scenario);
  let submitted: SubmitResult | undefined;
  while (run.status === 'running' && run.tick < limit) {
    if (options.configText !== undefined && run.tick === saveAt) submitted = run.submitConfig(options.configText);
    run.step();
  }
  return { run, submitted };
}
