// Where records go: murmur2(key) % partitions for keyed records (so "same key, same partition" is
// real), the sticky partitioner for keyless ones (Kafka 3.3+, KIP-794: stay on one partition until
// batch.size bytes were produced to it, then switch), or RoundRobinPartitioner.
import type { Rng } from '../../engine/types';
import { partitionForKey } from './murmur2';

/** Beyond this many distinct keys the partition shares are estimated from a sample of keys. */
const KEY_SAMPLE = 20000;

export interface KeySpread {
  /** Share of the keyed traffic each partition receives. */
  weights: number[];
  /** Distinct keys that land on each partition. */
  keys: number[];
}

/** The key value of record `i` of a field, as the application formats it ("store_id-3"). */
export const keyValue = (field: string, i: number): string => `${field}-${i}`;

const spreadCache = new Map<string, KeySpread>();

/** Share of traffic and number of keys per partition for a key field with `keySpace` values. */
export function keySpread(field: string, keySpace: number, hotShare: number, partitions: number): KeySpread {
  const cacheKey = `${field}/${keySpace}/${hotShare}/${partitions}`;
  const cached = spreadCache.get(cacheKey);
  if (cached) return { weights: [...cached.weights], keys: [...cached.keys] };
  const spread = computeSpread(field, keySpace, hotShare, partitions);
  if (spreadCache.size < 256) spreadCache.set(cacheKey, spread);
  return { weights: [...spread.weights], keys: [...spread.keys] };
}

function computeSpread(field: string, keySpace: number, hotShare: number, partitions: number): KeySpread {
  const weights = new Array<number>(partitions).fill(0);
  const keys = new Array<number>(partitions).fill(0);
  const sample = Math.min(keySpace, KEY_SAMPLE);
  const scale = keySpace / sample;
  // Key 0 is the hot one: it carries hotShare on top of its uniform share.
  const perKey = (1 - hotShare) / keySpace;
  for (let i = 0; i < sample; i++) {
    const p = partitionForKey(keyValue(field, i), partitions);
    weights[p] += perKey * scale;
    keys[p] += scale;
  }
  weights[partitionForKey(keyValue(field, 0), partitions)] += hotShare;
  return { weights, keys: keys.map((k) => Math.round(k)) };
}

/** Split `n` whole records over weights, carrying fractions so long-run shares are exact. */
export function splitByWeights(n: number, weights: readonly number[], carry: number[], out: number[]): void {
  let assigned = 0;
  let best = 0;
  for (let p = 0; p < weights.length; p++) {
    const exact = n * weights[p] + carry[p];
    const whole = Math.max(0, Math.floor(exact));
    out[p] = whole;
    carry[p] = exact - whole;
    assigned += whole;
    if (carry[p] > carry[best]) best = p;
  }
  // Rounding leftovers go to the partition owed the most.
  while (assigned < n) {
    out[best]++;
    carry[best] -= 1;
    assigned++;
    best = 0;
    for (let p = 1; p < weights.length; p++) if (carry[p] > carry[best]) best = p;
  }
}

/** Per producer instance: the current sticky partition and how much it has received. */
export class StickyPartitioner {
  private partition: number[] = [];
  private filled: number[] = [];

  constructor(private readonly rng: Rng) {}

  /**
   * Distribute `n` records of one instance over `available` partitions: each sticky batch holds
   * `perBatch` records, then a new partition is picked at random among the available ones.
   */
  assign(instance: number, n: number, perBatch: number, available: readonly number[], out: number[]): void {
    if (available.length === 0 || n <= 0) return;
    if (this.partition[instance] === undefined || !available.includes(this.partition[instance])) this.switch(instance, available);
    let left = n;
    // Many batches in one tick: the random walk over partitions evens out, spread whole batches evenly.
    const wholeBatches = Math.floor(left / perBatch);
    if (wholeBatches > 4 * available.length) {
      const rounds = Math.floor(wholeBatches / available.length);
      for (const p of available) out[p] += rounds * perBatch;
      left -= rounds * perBatch * available.length;
    }
    while (left > 0) {
      const take = Math.min(left, perBatch - this.filled[instance]);
      out[this.partition[instance]] += take;
      this.filled[instance] += take;
      left -= take;
      if (this.filled[instance] >= perBatch) this.switch(instance, available);
    }
  }

  private switch(instance: number, available: readonly number[]): void {
    const previous = this.partition[instance];
    let next = available[this.rng.int(0, available.length - 1)];
    if (available.length > 1 && next === previous) next = available[(available.indexOf(next) + 1) % available.length];
    this.partition[instance] = next;
    this.filled[instance] = 0;
  }
}
