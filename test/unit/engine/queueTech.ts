// A minimal technology for kernel tests: one queue, arrivals per second from the world, a worker
// pool whose size is the config. Small enough that every expected number can be worked out by hand.
import type { Incident, ObjectNode, Sim, TechModule } from '../../../src/engine/types';
import { withDefaults } from '../../../src/scenario/validate';

export interface QueueConfig {
  workers: number;
  perWorker: number;
}
interface QueueWorld {
  arrivalsPerSecond: number;
}

const keys = {
  'worker.count': { type: 'int' as const, default: 1, min: 1, max: 100, doc: 'Number of workers.' },
  'worker.rate': { type: 'int' as const, default: 10, min: 1, doc: 'Items per second one worker handles.' },
};

const configSchema: ObjectNode = {
  kind: 'object',
  doc: 'Queue config',
  fields: { pool: { kind: 'properties', doc: 'Worker pool settings.', owner: 'PoolConfig', keys } },
};

export const queueTech: TechModule<QueueConfig, QueueWorld> = {
  id: 'queue',
  displayName: 'Queue',
  version: 'Queue 1.0',
  configSchema,
  worldSchema: { kind: 'object', doc: 'World', fields: { arrivalsPerSecond: { kind: 'value', spec: { type: 'int', default: 10, doc: 'Arrivals' } } } },
  incidents: { spike: { doc: 'Arrivals multiply', params: { factor: { type: 'double', default: 2, min: 1, doc: 'factor' } } } },
  metrics: [{ name: 'queue.depth', unit: 'items', doc: 'Waiting items' }],
  charts: [{ id: 'depth', title: 'Queue depth', unit: 'items', series: [{ metric: 'queue.depth' }] }],
  crossCheck: () => [],
  normalize: (raw) => {
    const pool = withDefaults(keys, (raw as { pool?: unknown }).pool);
    return { workers: pool['worker.count'] as number, perWorker: pool['worker.rate'] as number };
  },
  describeWorld: (w) => [`${w.arrivalsPerSecond} items/s`],
  createSim: ({ config, world }) => new QueueSim(config, world),
};

class QueueSim implements Sim<QueueConfig> {
  private depth = 0;
  private produced = 0;
  private delivered = 0;
  private factor = 1;
  constructor(
    private config: QueueConfig,
    private readonly world: QueueWorld,
  ) {}
  step(): void {
    const arrivals = (this.world.arrivalsPerSecond * this.factor) / 10;
    this.produced += arrivals;
    this.depth += arrivals;
    const served = Math.min(this.depth, (this.config.workers * this.config.perWorker) / 10);
    this.depth -= served;
    this.delivered += served;
  }
  reconfigure(next: QueueConfig): void {
    this.config = next;
  }
  startIncident(incident: Incident): void {
    this.factor = incident.params.factor as number;
  }
  endIncident(): void {
    this.factor = 1;
  }
  metrics() {
    return { 'queue.depth': this.depth, 'throughput.in': 0, 'throughput.out': 0, 'latency.p99': 0, 'errors.rate': 0, workers: this.config.workers };
  }
  ledger() {
    return { flows: [{ id: 'q', produced: this.produced, delivered: this.delivered, queued: this.depth, inFlight: 0, dropped: {}, duplicates: 0, outOfOrder: 0 }] };
  }
  topology() {
    return { nodes: [], edges: [] };
  }
  drainEvents() {
    return [];
  }
}
