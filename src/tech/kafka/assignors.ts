// Partition assignment strategies of the Kafka consumer (3.9): RangeAssignor (per topic, in
// member order), RoundRobinAssignor (all partitions dealt in turn), StickyAssignor and
// CooperativeStickyAssignor (balanced, keeping previous owners where possible).
import type { AssignorName } from './settings';

export interface TopicPartitionRef {
  topic: string;
  index: number;
}

export const tpKey = (tp: TopicPartitionRef): string => `${tp.topic}-${tp.index}`;

/**
 * Assign `partitions` (per topic: the partition count) to `members` (sorted member ids).
 * `previous` maps a partition key to its last owner, for the sticky assignors.
 */
export function assignPartitions(
  strategy: AssignorName,
  members: readonly string[],
  partitions: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, string>,
): Map<string, TopicPartitionRef[]> {
  const out = new Map<string, TopicPartitionRef[]>(members.map((m) => [m, []]));
  if (members.length === 0) return out;
  const topics = [...partitions.keys()].sort();
  if (strategy === 'range') {
    for (const topic of topics) {
      const count = partitions.get(topic) ?? 0;
      const per = Math.floor(count / members.length);
      const extra = count % members.length;
      let next = 0;
      members.forEach((m, i) => {
        const n = per + (i < extra ? 1 : 0);
        for (let k = 0; k < n; k++) out.get(m)!.push({ topic, index: next++ });
      });
    }
    return out;
  }
  const all: TopicPartitionRef[] = [];
  for (const topic of topics) for (let i = 0; i < (partitions.get(topic) ?? 0); i++) all.push({ topic, index: i });
  if (strategy === 'roundrobin') {
    all.forEach((tp, i) => out.get(members[i % members.length])!.push(tp));
    return out;
  }
  // Sticky: balanced counts (floor or ceil), previous owners keep what fits their quota.
  const base = Math.floor(all.length / members.length);
  let ceilSlots = all.length % members.length;
  const quota = new Map<string, number>(members.map((m) => [m, base]));
  const unassigned: TopicPartitionRef[] = [];
  for (const tp of all) {
    const owner = previous.get(tpKey(tp));
    const list = owner !== undefined ? out.get(owner) : undefined;
    if (owner !== undefined && list && list.length < (quota.get(owner) as number)) list.push(tp);
    else if (owner !== undefined && list && list.length === quota.get(owner) && ceilSlots > 0) {
      quota.set(owner, base + 1);
      ceilSlots--;
      list.push(tp);
    } else unassigned.push(tp);
  }
  for (const tp of unassigned) {
    let best = members[0];
    for (const m of members) if ((out.get(m) as TopicPartitionRef[]).length < (out.get(best) as TopicPartitionRef[]).length) best = m;
    out.get(best)!.push(tp);
  }
  return out;
}
