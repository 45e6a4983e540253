// One play of one scenario: the kernel's tick loop around a technology model. Owns time,
// incidents, config changes, health, SLO checks, win/loss, hints, score, the event log and the
// chart history. Deterministic: same scenario + seed + config texts at the same ticks = same run.
import { checkConfigText, diffConfigs, formatChange, type PositionedDiagnostic } from '../scenario/configFile';
import type { Scenario } from '../scenario/types';
import { conditionHolds, satisfaction } from './conditions';
import { MetricHistory } from './history';
import { createRng } from './rng';
import { scoreOf, starsFor } from './score';
import { STANDARD_METRICS, TICK_MS, TICKS_PER_SECOND, type Incident, type Ledger, type MetricMap, type Sim, type SimEvent, type TechModule, type Topology } from './types';

/** Consecutive ticks all SLOs must hold, after the last scripted incident, to win. */
export const WIN_STREAK_TICKS = 10;
/** Per-tick smoothing of health toward the SLO satisfaction (a time constant of about 1 s). */
const HEALTH_SMOOTHING = 0.1;
const HISTORY_TICKS = 1200;
const LOG_LIMIT = 500;

export type RunStatus = 'running' | 'won' | 'lost';

export interface LogEntry {
  tick: number;
  level: SimEvent['level'];
  text: string;
}

export interface SubmitResult {
  diagnostics: PositionedDiagnostic[];
  applied: boolean;
  changes: string[];
}

export interface RunOutcome {
  won: boolean;
  seconds: number;
  hintsUsed: number;
  finalHealth: number;
  duplicates: number;
  score: number;
  stars: number;
  reason?: string;
}

export interface SloState {
  label: string;
  /** Whether it holds right now. */
  ok: boolean;
  value: number;
  op: string;
  target: number;
  /** Unit of value and target ("ms", "records"), from the model's metric catalogue. */
  unit: string;
}

export interface LedgerCheck {
  tick: number;
  flow: string;
  produced: number;
  accounted: number;
}

export class Run {
  readonly scenario: Scenario;
  readonly tech: TechModule;
  readonly seed: number;
  readonly history: MetricHistory;
  tick = 0;
  status: RunStatus = 'running';
  health = 100;
  outcome: RunOutcome | undefined;
  readonly log: LogEntry[] = [];
  /** Ledger identities that failed (should stay empty; the fuzz tests assert it). */
  readonly ledgerViolations: LedgerCheck[] = [];
  hintsShown: string[] = [];

  private readonly sim: Sim<unknown>;
  private rawConfig: Record<string, unknown>;
  private runningConfig: unknown;
  private pending: { raw: Record<string, unknown>; config: unknown } | undefined;
  private lastMetrics: MetricMap = {};
  private winStreak = 0;
  private readonly lossCounters: number[];
  private readonly victoryFromTick: number;
  private duplicatesAtLastChange = 0;
  private logListeners: ((entry: LogEntry) => void)[] = [];
  private readonly units = new Map<string, string>();

  constructor(opts: { scenario: Scenario; tech: TechModule; seed: number }) {
    this.scenario = opts.scenario;
    this.tech = opts.tech;
    this.seed = opts.seed;
    this.rawConfig = opts.scenario.config;
    const config = opts.tech.normalize(opts.scenario.config);
    this.runningConfig = config;
    this.sim = opts.tech.createSim({ config, world: opts.scenario.world, rng: createRng(opts.seed).fork('sim') });
    this.history = new MetricHistory(HISTORY_TICKS, TICK_MS / 1000);
    this.lossCounters = opts.scenario.loss.map(() => 0);
    const lastIncident = opts.scenario.incidents.reduce((latest, i) => Math.max(latest, i.at), 0);
    this.victoryFromTick = Math.round(Math.max(lastIncident, opts.scenario.victoryFromSeconds ?? 0) * TICKS_PER_SECOND);
    this.lastMetrics = this.collectMetrics();
    this.addLog('info', `${opts.scenario.title}: simulation started (${opts.tech.version}, seed ${opts.seed})`);
  }

  get seconds(): number {
    return this.tick / TICKS_PER_SECOND;
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    this.logListeners.push(listener);
    return () => {
      this.logListeners = this.logListeners.filter((l) => l !== listener);
    };
  }

  /** Diagnostics for a config text against the config in force, without applying it (checking as you type). */
  checkConfig(text: string): PositionedDiagnostic[] {
    return checkConfigText(text, this.tech, this.scenario.world, this.pending?.config ?? this.runningConfig).diagnostics;
  }

  /** Check a saved config file; a valid one is applied at the start of the next tick. */
  submitConfig(text: string): SubmitResult {
    const checked = checkConfigText(text, this.tech, this.scenario.world, this.pending?.config ?? this.runningConfig);
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (!checked.raw || errors.length) {
      this.addLog('warn', `Config rejected: ${errors.length} error${errors.length === 1 ? '' : 's'} (first at line ${errors[0]?.line ?? 1}: ${errors[0]?.message ?? 'invalid'}) — the last good config is still running`);
      return { diagnostics: checked.diagnostics, applied: false, changes: [] };
    }
    const base = this.pending?.raw ?? this.rawConfig;
    const changes = diffConfigs(base, checked.raw).map(formatChange);
    if (changes.length === 0) {
      return { diagnostics: checked.diagnostics, applied: true, changes };
    }
    this.pending = { raw: checked.raw, config: checked.config };
    return { diagnostics: checked.diagnostics, applied: true, changes };
  }

  /** The config currently in force (as the player wrote it, before defaults). */
  get currentConfig(): Record<string, unknown> {
    return this.rawConfig;
  }

  /** Advance one tick. Does nothing once the run has ended. */
  step(): void {
    if (this.status !== 'running') return;
    this.tick++;
    if (this.pending) this.applyPending();
    for (const incident of this.scenario.incidents) {
      if (incidentTick(incident.at) === this.tick) this.startIncident(incident);
      if (incident.duration !== undefined && incidentTick(incident.at + incident.duration) === this.tick) {
        this.sim.endIncident(incident, this.tick);
        this.addLog('info', `Incident over: ${incident.kind}${incident.target ? ` (${incident.target})` : ''}`);
      }
    }
    this.sim.step(this.tick);
    for (const event of this.sim.drainEvents()) this.addLog(event.level, event.text);

    const metrics = this.collectMetrics();
    const victory = this.scenario.victory;
    const target = victory.length ? (100 * victory.reduce((sum, c) => sum + satisfaction(c, metrics), 0)) / victory.length : 100;
    this.health += (target - this.health) * HEALTH_SMOOTHING;
    if (Math.abs(this.health - target) < 0.05) this.health = target;
    metrics.health = this.health;
    this.lastMetrics = metrics;
    this.checkLedger();
    this.history.push(this.tick, metrics, this.chartedMetricNames(metrics));
    this.judge(metrics);
  }

  /** Reveal the next hint (counts against the score). */
  revealHint(): string | undefined {
    const next = this.scenario.hints[this.hintsShown.length];
    if (!next) return undefined;
    this.hintsShown = [...this.hintsShown, next.text];
    this.addLog('info', `Hint ${this.hintsShown.length}: ${next.text}`);
    return next.text;
  }

  /** A hint is on offer: its time has come or health fell below its threshold. */
  get hintAvailable(): boolean {
    const next = this.scenario.hints[this.hintsShown.length];
    if (!next || this.status !== 'running') return false;
    const byTime = next.afterSeconds !== undefined && this.seconds >= next.afterSeconds;
    const byHealth = next.healthBelow !== undefined && this.health < next.healthBelow;
    return byTime || byHealth || (next.afterSeconds === undefined && next.healthBelow === undefined);
  }

  metrics(): MetricMap {
    return this.lastMetrics;
  }

  slos(): SloState[] {
    return this.scenario.victory.map((c) => ({
      label: c.label,
      ok: conditionHolds(c, this.lastMetrics),
      value: this.lastMetrics[c.metric] ?? NaN,
      op: c.op,
      target: c.value,
      unit: this.unitOf(c.metric),
    }));
  }

  /** Unit of a metric, from the catalogue's patterns ("group.{group}.lag" matches "group.kitchen.lag"). */
  private unitOf(metric: string): string {
    let unit = this.units.get(metric);
    if (unit === undefined) {
      const specs = [{ name: 'health', unit: '%' }, ...STANDARD_METRICS, ...this.tech.metrics];
      const spec = specs.find((m) => new RegExp(`^${m.name.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^.]+')}$`).test(metric));
      unit = spec?.unit ?? '';
      this.units.set(metric, unit);
    }
    return unit;
  }

  topology(): Topology {
    return this.sim.topology();
  }

  ledger(): Ledger {
    return this.sim.ledger();
  }

  private applyPending(): void {
    const pending = this.pending!;
    this.pending = undefined;
    const changes = diffConfigs(this.rawConfig, pending.raw).map(formatChange);
    this.rawConfig = pending.raw;
    this.runningConfig = pending.config;
    this.sim.reconfigure(pending.config, this.tick);
    this.duplicatesAtLastChange = this.lastMetrics['ledger.duplicates'] ?? 0;
    this.addLog('info', `Config applied: ${changes.join('; ')}`);
  }

  private startIncident(incident: Incident): void {
    this.sim.startIncident(incident, this.tick);
    this.addLog('error', incident.message ?? `Incident: ${incident.kind}${incident.target ? ` (${incident.target})` : ''}`);
  }

  private collectMetrics(): MetricMap {
    const metrics: MetricMap = { ...this.sim.metrics() };
    const ledger = this.sim.ledger();
    let lost = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    for (const flow of ledger.flows) {
      for (const n of Object.values(flow.dropped)) lost += n;
      duplicates += flow.duplicates;
      outOfOrder += flow.outOfOrder;
    }
    metrics['ledger.lost'] ??= lost;
    metrics['ledger.duplicates'] ??= duplicates;
    metrics['ledger.out_of_order'] ??= outOfOrder;
    metrics.health = this.health;
    metrics.time = this.seconds;
    return metrics;
  }

  private checkLedger(): void {
    for (const flow of this.sim.ledger().flows) {
      const dropped = Object.values(flow.dropped).reduce((a, b) => a + b, 0);
      const accounted = flow.delivered + flow.queued + flow.inFlight + dropped;
      if (Math.abs(accounted - flow.produced) > 1e-6 && this.ledgerViolations.length < 100) {
        this.ledgerViolations.push({ tick: this.tick, flow: flow.id, produced: flow.produced, accounted });
      }
    }
  }

  private chartedMetricNames(metrics: MetricMap): string[] {
    const names = new Set<string>(['health', ...STANDARD_METRICS.map((m) => m.name)]);
    for (const chart of this.tech.charts) {
      for (const series of chart.series) {
        if (series.metric) names.add(series.metric);
        if (series.prefix) for (const name of Object.keys(metrics)) if (name.startsWith(series.prefix)) names.add(name);
      }
    }
    for (const c of this.scenario.victory) names.add(c.metric);
    return [...names];
  }

  private judge(metrics: MetricMap): void {
    this.scenario.loss.forEach((condition, i) => {
      this.lossCounters[i] = conditionHolds(condition, metrics) ? this.lossCounters[i] + 1 : 0;
    });
    const lostBy = this.scenario.loss.findIndex((c, i) => this.lossCounters[i] >= Math.max(1, Math.round(c.forSeconds * TICKS_PER_SECOND)));
    if (lostBy >= 0) return this.end(false, this.scenario.loss[lostBy].reason);

    const allHold = this.scenario.victory.every((c) => conditionHolds(c, metrics));
    this.winStreak = allHold && this.tick > this.victoryFromTick ? this.winStreak + 1 : 0;
    if (this.winStreak >= WIN_STREAK_TICKS) return this.end(true);
    if (this.seconds >= this.scenario.timeLimitSeconds) {
      this.end(false, `Time limit reached (${formatClock(this.scenario.timeLimitSeconds)}) before every SLO held.`);
    }
  }

  private end(won: boolean, reason?: string): void {
    this.status = won ? 'won' : 'lost';
    const duplicates = Math.max(0, (this.lastMetrics['ledger.duplicates'] ?? 0) - this.duplicatesAtLastChange);
    const finalHealth = Math.round(this.health);
    const score = won ? scoreOf({ seconds: this.seconds, hintsUsed: this.hintsShown.length, finalHealth, duplicates }) : 0;
    this.outcome = { won, seconds: this.seconds, hintsUsed: this.hintsShown.length, finalHealth, duplicates, score, stars: won ? starsFor(score) : 0, reason };
    this.addLog(won ? 'info' : 'error', won ? `Recovered: every SLO held for ${WIN_STREAK_TICKS} ticks. Score ${score}.` : `Failed: ${reason}`);
  }

  private addLog(level: SimEvent['level'], text: string): void {
    const entry = { tick: this.tick, level, text };
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    for (const listener of this.logListeners) listener(entry);
  }
}

/** The tick at which something scripted at `seconds` happens; time 0 is the first tick. */
function incidentTick(seconds: number): number {
  return Math.max(1, Math.round(seconds * TICKS_PER_SECOND));
}

export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
