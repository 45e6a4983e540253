// The contract between the kernel, the technology models and everything above them.
// Pure types: no vscode, no DOM, no I/O, no wall clock.

/** Simulated time advances in fixed 100 ms ticks (DESIGN.md principle 4). */
export const TICK_MS = 100;
export const TICKS_PER_SECOND = 1000 / TICK_MS;

/** Seeded pseudo-random source; the only randomness an engine may use. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  normal(mean: number, sd: number): number;
  /** Poisson-distributed count with the given mean (used for arrivals per tick). */
  poisson(mean: number): number;
  /** An independent stream derived from this one's seed and a label (stable across runs). */
  fork(label: string): Rng;
}

// ---------------------------------------------------------------- config schema

export type ValueType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'class';

/** One real configuration key (e.g. Kafka's `max.poll.records`). */
export interface KeySpec {
  type: ValueType;
  /** The real system's default; undefined when the real key has no default (null). */
  default?: unknown;
  /** One or two sentences from the real documentation, in our words. */
  doc: string;
  /** Allowed string values (validator ValidString / ValidList in Kafka). */
  values?: readonly string[];
  /** Inclusive numeric range (Kafka Range.atLeast / between). */
  min?: number;
  max?: number;
  /** Unit shown in hovers ("ms", "bytes", "records"). */
  unit?: string;
  /** Known to the real system but not modelled here: accepted, documented, and has no effect. */
  inert?: boolean;
}

/** A node of a technology's config-file schema. */
export type SchemaNode = ObjectNode | MapNode | PropertiesNode | ValueNode;

/** Fixed fields, like `{ instances, topic, config }`. */
export interface ObjectNode {
  kind: 'object';
  doc: string;
  fields: Record<string, SchemaNode>;
  required?: readonly string[];
}

/** User-named entries, like `topics: { orders: {...}, payments: {...} }`. */
export interface MapNode {
  kind: 'map';
  doc: string;
  /** What an entry name means ("topic name"); names must match this pattern. */
  entryName: string;
  namePattern?: string;
  values: SchemaNode;
}

/** A flat bag of the real system's dotted keys, like a producer's `config:`. */
export interface PropertiesNode {
  kind: 'properties';
  doc: string;
  /** Which real config class the keys belong to ("ProducerConfig"); used in messages. */
  owner: string;
  keys: Record<string, KeySpec>;
}

/** A single value that is not a real system key (e.g. `instances`, `topic`). */
export interface ValueNode {
  kind: 'value';
  spec: KeySpec;
}

export type Severity = 'error' | 'warning' | 'info';
export type ConfigPath = readonly (string | number)[];

/** A problem in a config file; `path` locates it, the host maps it to a line and column. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  path: ConfigPath;
  /** The real key involved, when there is one. */
  key?: string;
  /** Point at the key itself rather than its value. */
  atKey?: boolean;
}

/** A value that does not fit its KeySpec; a technology words it as the real system would. */
export interface ValueProblem {
  key: string;
  value: unknown;
  spec: KeySpec;
  problem: 'type' | 'min' | 'max' | 'values';
  /** Which real config class (PropertiesNode.owner), when the key belongs to one. */
  owner?: string;
}

// ---------------------------------------------------------------- world and incidents

/** Parameters of an incident kind; validated like config keys. */
export interface IncidentSpec {
  doc: string;
  /** Which kind of entity `target` names ("producer", "broker", "consumer-group"), if any. */
  target?: string;
  params: Record<string, KeySpec>;
}

/** A scripted change of the world (never a metric): a traffic spike, a broker crash, ... */
export interface Incident {
  /** Seconds from the start of the run. */
  at: number;
  kind: string;
  target?: string;
  /** Seconds the incident lasts; absent = until the end. */
  duration?: number;
  params: Record<string, unknown>;
  /** Shown in the event log when it happens. */
  message?: string;
}

// ---------------------------------------------------------------- what a running model exposes

export type MetricMap = Record<string, number>;

export interface MetricSpec {
  /** Dotted name, may contain `{name}` placeholders for entities ("group.{group}.lag"). */
  name: string;
  unit: string;
  doc: string;
}

/** One flow of units through a system (e.g. topic `orders` consumed by group `kitchen`). */
export interface LedgerFlow {
  id: string;
  /** Units the source created (accepted by the client library). */
  produced: number;
  /** Units fully handled by the final consumer (first time). */
  delivered: number;
  /** Stored and waiting (e.g. in the log, not yet consumed by this flow's group). */
  queued: number;
  /** Buffered or being processed (producer buffer, in-flight request, consumer batch). */
  inFlight: number;
  /** Units that will never be delivered, by reason ("retention", "delivery.timeout", "unclean-election"). */
  dropped: Record<string, number>;
  /** Extra deliveries of units already delivered (redelivery after rebalance, producer retry). */
  duplicates: number;
  /** Deliveries that arrived before an earlier unit of the same key. */
  outOfOrder: number;
}

export interface Ledger {
  flows: LedgerFlow[];
}

export type EntityStatus = 'ok' | 'warn' | 'down' | 'idle';

/** A drawable entity. `column` orders the layout left to right (sources, stores, sinks). */
export interface TopologyNode {
  id: string;
  kind: string;
  label: string;
  column: number;
  status: EntityStatus;
  /** Short facts shown under the label ("lag 12,400", "ISR 2/3"). */
  detail: string[];
  /** For nested drawing: partitions belong to a topic, members to a group. */
  parent?: string;
}

export interface TopologyEdge {
  from: string;
  to: string;
  /** Units per second currently crossing this edge (drives particle rate). */
  rate: number;
  status: EntityStatus;
  label?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Something the model wants the player to see in the event log. */
export interface SimEvent {
  level: 'info' | 'warn' | 'error';
  text: string;
}

/** A chart the technology adds to the console (lag, memory, ...). */
export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  /** Metric names or prefixes: every metric starting with `prefix` becomes a series. */
  series: { metric?: string; prefix?: string; label?: string }[];
}

/** A running simulation of one technology. Deterministic given its Rng and inputs. */
export interface Sim<C> {
  /** Advance by one tick (TICK_MS). */
  step(tick: number): void;
  /** The player saved a valid config: apply what changed (changes that take time in reality take time here). */
  reconfigure(next: C, tick: number): void;
  startIncident(incident: Incident, tick: number): void;
  endIncident(incident: Incident, tick: number): void;
  /** Current metrics. Must include the standard ones (see STANDARD_METRICS). */
  metrics(): MetricMap;
  ledger(): Ledger;
  topology(): Topology;
  /** Events since the last call. */
  drainEvents(): SimEvent[];
}

/** Every model reports these, so health, charts and conditions work for all technologies. */
export const STANDARD_METRICS: readonly MetricSpec[] = [
  { name: 'throughput.in', unit: 'msg/s', doc: 'Units accepted from sources per second' },
  { name: 'throughput.out', unit: 'msg/s', doc: 'Units fully handled per second' },
  { name: 'latency.p99', unit: 'ms', doc: '99th percentile end-to-end latency' },
  { name: 'errors.rate', unit: '%', doc: 'Failed operations as a percentage of attempts' },
];

/** A technology: its config schema and rules, its world, and how to run it. */
export interface TechModule<C = unknown, W = unknown> {
  id: string;
  displayName: string;
  /** The real version whose keys, defaults and rules are modelled ("Apache Kafka 3.9"). */
  version: string;
  /** Schema of the player's config file. */
  configSchema: ObjectNode;
  /** Schema of a scenario's `world:` (workload, costs, hardware). */
  worldSchema: ObjectNode;
  incidents: Record<string, IncidentSpec>;
  metrics: readonly MetricSpec[];
  charts: readonly ChartSpec[];
  /**
   * Real cross-key rules (e.g. explicit enable.idempotence=true with acks=1); config is schema-valid.
   * `running`, when given, is the config in force, for rules against the live state (a topic's
   * partition count can only grow).
   */
  crossCheck(config: unknown, world: W, running?: C): Diagnostic[];
  /** Apply defaults and produce the typed config the model runs on; config is schema-valid. */
  normalize(config: unknown): C;
  /** The real system's wording for a bad value of one of its keys (see ValueProblem). */
  valueErrorText?(problem: ValueProblem): string;
  /** Facts about the world for the console ("order-service: 400 records/s of 1 KiB"). */
  describeWorld(world: W): string[];
  createSim(init: { config: C; world: W; rng: Rng }): Sim<C>;
}
