// The console's live picture: producers -> brokers -> topics (with partitions) -> consumer groups (with members).
import type { EntityStatus, Topology, TopologyEdge, TopologyNode } from '../../engine/types';
import type { KafkaSim } from './sim';

const fmt = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(Math.round(n)));
const bytes = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${Math.round(n)} B`);

export function buildTopology(sim: KafkaSim): Topology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const metrics = sim.metrics();
  const cluster = sim.cluster;

  for (const [name, app] of sim.producers) {
    const errors = metrics[`producer.${name}.errors`] ?? 0;
    const s = app.settings;
    const status: EntityStatus = s.instances === 0 ? 'idle' : errors > 0 ? 'warn' : 'ok';
    nodes.push({
      id: `producer:${name}`, kind: 'producer', label: name, column: 0, status,
      detail: [`${s.instances} instance(s), ${fmt(sim.producerRate(name))} rec/s`, `acks=${s.acks}${s.idempotence ? ', idempotent' : ''}`, `batch ${bytes(metrics[`producer.${name}.batch_size_avg`] ?? 0)}`],
    });
    if (cluster.topics.has(s.topic)) edges.push({ from: `producer:${name}`, to: `topic:${s.topic}`, rate: sim.producerRate(name), status, label: `${fmt(sim.producerRate(name))}/s` });
  }

  for (const b of cluster.brokers) {
    if (b.decommissioned) continue;
    let leaders = 0;
    for (const t of cluster.topics.values()) for (const p of t.partitions) if (p.leader === b.id) leaders++;
    const serving = cluster.serving(b.id);
    const disk = metrics[`broker.${b.id}.disk_used`] ?? 0;
    nodes.push({
      id: `broker:${b.id}`, kind: 'broker', label: `broker ${b.id}`, column: 1,
      status: !serving ? 'down' : disk > 85 || b.backlogMs > 100 ? 'warn' : 'ok',
      detail: [!b.alive ? 'down' : b.fenced ? 'fenced' : `leader of ${leaders} partition(s)`, `disk ${disk.toFixed(0)}%`, `queue ${Math.round(b.backlogMs)} ms`],
    });
  }

  for (const t of cluster.topics.values()) {
    const name = t.settings.name;
    const offline = metrics[`topic.${name}.offline`] ?? 0;
    const under = metrics[`topic.${name}.under_replicated`] ?? 0;
    nodes.push({
      id: `topic:${name}`, kind: 'topic', label: name, column: 2, status: offline > 0 ? 'down' : under > 0 ? 'warn' : 'ok',
      detail: [`${t.partitions.length} partition(s), RF ${t.settings.replicationFactor}`, bytes(metrics[`topic.${name}.bytes`] ?? 0), t.settings.cleanupPolicy.compact ? 'compacted' : `retention ${Math.round(t.settings.retentionMs / 3600000)} h`],
    });
    for (const p of t.partitions) {
      nodes.push({
        id: `partition:${name}-${p.index}`, kind: 'partition', label: `${name}-${p.index}`, column: 2, parent: `topic:${name}`,
        status: p.leader === -1 ? 'down' : p.isr.length < p.replicas.length ? 'warn' : 'ok',
        detail: [p.leader === -1 ? 'no leader' : `leader ${p.leader}`, `ISR ${p.isr.length}/${p.replicas.length}`, `end ${fmt(p.log.hw)}`],
      });
    }
  }

  for (const [name, g] of sim.groups) {
    const lag = metrics[`group.${name}.lag`] ?? 0;
    const idle = metrics[`group.${name}.idle`] ?? 0;
    const rate = sim.groupRate(name);
    const status: EntityStatus = g.members.length === 0 ? 'idle' : g.state === 'rebalancing' || lag > 10000 ? 'warn' : 'ok';
    nodes.push({
      id: `group:${name}`, kind: 'consumer-group', label: name, column: 3, status,
      detail: [`lag ${fmt(lag)}`, `${metrics[`group.${name}.members`] ?? 0} member(s)${idle > 0 ? `, ${idle} idle` : ''}`, g.state === 'rebalancing' ? 'rebalancing' : `${fmt(rate)} rec/s`],
    });
    for (const m of g.members) {
      if (m.state === 'stopped') continue;
      const parts = m.assigned.map((gp) => `${gp.topic}-${gp.index}`);
      let memberLag = 0;
      for (const gp of m.assigned) {
        const p = cluster.topics.get(gp.topic)?.partitions[gp.index];
        if (p) memberLag += g.lag(p);
      }
      const state = m.state === 'crashed' ? 'crashed' : m.state === 'starting' ? 'starting' : !m.joined ? 'not in group' : g.state === 'rebalancing' ? 'rebalancing' : parts.length === 0 ? 'idle' : `lag ${fmt(memberLag)}`;
      nodes.push({
        id: `member:${name}:${m.id}`, kind: 'consumer', label: `${name}-${m.instance}`, column: 3, parent: `group:${name}`,
        status: m.state === 'crashed' ? 'down' : parts.length === 0 || !m.joined ? 'idle' : 'ok',
        detail: [parts.length > 0 ? parts.join(', ') : 'no partitions', state],
      });
    }
    for (const topic of g.subscribed()) {
      if (cluster.topics.has(topic)) edges.push({ from: `topic:${topic}`, to: `group:${name}`, rate, status, label: `${fmt(rate)}/s` });
    }
    // A read-process-write application also writes: its results flow on to the output topic.
    const output = sim.outputs.get(name);
    if (output && cluster.topics.has(output.topic)) edges.push({ from: `group:${name}`, to: `topic:${output.topic}`, rate, status, label: `${fmt(rate)}/s` });
  }
  return { nodes, edges };
}
