// The bench's stress world: 50 partitions, 20 consumers in two groups, 5,000 records/s from three
// producers, a broker crash mid-run. Built from the same scenario shape a YAML file would give.
import type { Scenario } from '../src/scenario/types';

export function stressScenario(): Scenario {
  const producer = (topic: string, key: string | null) => ({ instances: 4, topic, key, config: { acks: 'all', 'linger.ms': 5, 'compression.type': 'lz4' } });
  const config = {
    brokers: { instances: 5, config: { 'min.insync.replicas': 2 } },
    topics: { clicks: { partitions: 50, 'replication.factor': 3 }, views: { partitions: 24, 'replication.factor': 3 } },
    producers: { 'click-api': producer('clicks', 'user_id'), 'edge-api': producer('clicks', null), 'view-api': producer('views', 'page_id') },
    consumers: {
      'click-aggregator': { instances: 12, topics: ['clicks'], config: { 'max.poll.records': 500 } },
      'view-indexer': { instances: 8, topics: ['views'], config: { 'max.poll.records': 200 } },
    },
  };
  return {
    id: 'stress',
    track: 'kafka',
    index: 99,
    title: 'Stress world',
    difficulty: 'master',
    concept: 'bench',
    briefing: { story: '', symptom: '', goal: '' },
    world: {
      producers: {
        'click-api': { recordsPerSecond: 2500, recordBytes: 600, keys: { user_id: 1000000 } },
        'edge-api': { recordsPerSecond: 1500, recordBytes: 400 },
        'view-api': { recordsPerSecond: 1000, recordBytes: 800, keys: { page_id: 20000 } },
      },
      consumers: { 'click-aggregator': { recordMs: 0.5, pollOverheadMs: 5 }, 'view-indexer': { recordMs: 0.8, pollOverheadMs: 5 } },
    },
    incidents: [{ at: 60, kind: 'broker-crash', target: '2', params: {} }],
    config,
    victory: [{ metric: 'throughput.out', op: '>', value: 1e9, label: 'never' }],
    loss: [],
    timeLimitSeconds: 300,
    hints: [],
    concepts: [],
    solution: { name: 'none', patch: {}, why: '' },
    wrongFixes: [],
    source: 'scripts/stressWorld.ts',
  };
}
