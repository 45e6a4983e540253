// A small harness around the Kafka model for unit tests: build a world from a config and a
// workload, advance it in seconds, start incidents, read metrics and ledger flows.
import { strict as assert } from 'node:assert';
import { createRng } from '../../../src/engine/rng';
import { TICKS_PER_SECOND, type Incident, type LedgerFlow, type SimEvent } from '../../../src/engine/types';
import { kafka } from '../../../src/tech/kafka';
import type { KafkaSim } from '../../../src/tech/kafka/sim';

export class Harness {
  readonly sim: KafkaSim;
  tick = 0;
  readonly events: SimEvent[] = [];

  constructor(config: Record<string, unknown>, world: Record<string, unknown>, seed = 1) {
    this.sim = kafka.createSim({ config: kafka.normalize(config), world, rng: createRng(seed) }) as KafkaSim;
  }

  /** Advance `seconds`, checking the ledger identity on every tick. */
  run(seconds: number, onTick?: () => void): this {
    const until = this.tick + Math.round(seconds * TICKS_PER_SECOND);
    while (this.tick < until) {
      this.tick++;
      this.sim.step(this.tick);
      this.events.push(...this.sim.drainEvents());
      assertBalanced(this.sim, this.tick);
      onTick?.();
    }
    return this;
  }

  start(kind: string, target?: string, params: Record<string, unknown> = {}): Incident {
    const incident: Incident = { at: this.tick / TICKS_PER_SECOND, kind, target, params };
    this.sim.startIncident(incident, this.tick + 1);
    return incident;
  }

  end(incident: Incident): void {
    this.sim.endIncident(incident, this.tick + 1);
  }

  reconfigure(config: Record<string, unknown>): void {
    this.sim.reconfigure(kafka.normalize(config), this.tick + 1);
  }

  metric(name: string): number {
    const value = this.sim.metrics()[name];
    assert.ok(value !== undefined, `no metric ${name}`);
    return value;
  }

  flow(id: string): LedgerFlow {
    const flow = this.sim.ledger().flows.find((f) => f.id === id);
    assert.ok(flow, `no flow ${id} in ${this.sim.ledger().flows.map((f) => f.id).join(', ')}`);
    return flow;
  }

  dropped(id: string, reason: string): number {
    return this.flow(id).dropped[reason] ?? 0;
  }

  saw(text: string): boolean {
    return this.events.some((e) => e.text.includes(text));
  }
}

/** produced = delivered + queued + inFlight + Σ dropped, exactly, for every flow. */
export function assertBalanced(sim: KafkaSim, tick: number): void {
  for (const f of sim.ledger().flows) {
    const dropped = Object.values(f.dropped).reduce((a, b) => a + b, 0);
    const accounted = f.delivered + f.queued + f.inFlight + dropped;
    if (accounted !== f.produced || f.delivered < 0 || f.queued < 0 || f.inFlight < 0 || Object.values(f.dropped).some((n) => n < 0)) {
      assert.fail(`tick ${tick}: flow ${f.id} does not balance: ${JSON.stringify(f)}`);
    }
  }
}

export const BROKERS = { networkMBps: 125, diskMBps: 200, diskGB: 1000, rttMs: 1, cores: 8, requestCpuMs: 0.1 };
