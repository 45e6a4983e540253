// Cross-key rules Kafka 3.9 enforces (with its own error texts) or that decide how the cluster
// will behave. Errors block the config; warnings and infos explain what will happen.
import type { Diagnostic } from '../../engine/types';
import { asObj, normalizeConfig, parseAcks, parseBoolean, parseNumber, resolveIdempotence, type KafkaConfig, type ProducerSettings, type Raw } from './settings';
import type { KafkaWorld, ProducerWorld } from './world';

type Path = (string | number)[];

export function crossCheck(raw: unknown, world: KafkaWorld, running?: KafkaConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const r = asObj(raw);
  const config = normalizeConfig(raw);
  const err = (path: Path, message: string, key?: string): void => void out.push({ severity: 'error', message, path, key });
  const warn = (path: Path, message: string, key?: string): void => void out.push({ severity: 'warning', message, path, key });
  const info = (path: Path, message: string, key?: string): void => void out.push({ severity: 'info', message, path, key });
  const brokers = config.brokers;

  // ---------------------------------------------------------------- topics
  for (const [name, t] of Object.entries(config.topics)) {
    if (!t.declared) continue;
    const path = ['topics', name];
    const rawTopic = asObj(asObj(r.topics)[name]);
    if (t.replicationFactor > brokers.instances) {
      const at = rawTopic['replication.factor'] !== undefined ? [...path, 'replication.factor'] : path;
      // KRaft controller (ReplicationControlManager / StripedReplicaPlacer) wording.
      err(at, `InvalidReplicationFactorException: Unable to replicate the partition ${t.replicationFactor} time(s): The target replication factor of ${t.replicationFactor} cannot be reached because only ${brokers.instances} broker(s) are registered.`, 'replication.factor');
    }
    const current = running?.topics[name];
    if (current && current.declared && t.partitions < current.partitions) {
      err([...path, 'partitions'], `InvalidPartitionsException: Topic currently has ${current.partitions} partitions, which is higher than the requested ${t.partitions}.`, 'partitions');
    }
    const cfg = asObj(rawTopic.config);
    const minIsrPath = cfg['min.insync.replicas'] !== undefined ? [...path, 'config', 'min.insync.replicas'] : ['brokers', 'config', 'min.insync.replicas'];
    if (t.minInsyncReplicas > t.replicationFactor) {
      warn(minIsrPath, `min.insync.replicas (${t.minInsyncReplicas}) is larger than the replication factor of ${name} (${t.replicationFactor}): every acks=all write will fail with NotEnoughReplicasException.`, 'min.insync.replicas');
    }
    if (t.cleanupPolicy.compact) {
      for (const p of Object.values(config.producers)) {
        if (p.topic === name && p.key === null) {
          warn(['producers', p.name, 'key'], `${name} is compacted (cleanup.policy=compact) and ${p.name} sends records without a key: the broker rejects them with InvalidRecordException: Compacted topic cannot accept message without key in topic partition ${name}-0.`, 'cleanup.policy');
        }
      }
    }
  }

  // ---------------------------------------------------------------- producers
  for (const [name, p] of Object.entries(config.producers)) {
    const path = ['producers', name];
    const rawApp = asObj(asObj(r.producers)[name]);
    const props = asObj(rawApp.config);
    const w = world.producers[name];
    if (!w) {
      err(path, `No application named '${name}' runs in this world (producing applications: ${Object.keys(world.producers).join(', ') || 'none'}).`);
      continue;
    }
    checkProducer(p, props, path, w, config, err, warn);
  }

  // ---------------------------------------------------------------- consumers
  for (const [group, c] of Object.entries(config.consumers)) {
    const path = ['consumers', group];
    const props = asObj(asObj(asObj(r.consumers)[group]).config);
    const at = (key: string): Path => (props[key] !== undefined ? [...path, 'config', key] : path);
    if (!world.consumers[group]) {
      err(path, `No application with group.id '${group}' runs in this world (consuming applications: ${Object.keys(world.consumers).join(', ') || 'none'}).`);
      continue;
    }
    if (c.heartbeatIntervalMs >= c.sessionTimeoutMs) {
      // org.apache.kafka.clients.consumer.internals.Heartbeat constructor.
      err(at('heartbeat.interval.ms'), 'IllegalArgumentException: Heartbeat must be set lower than the session timeout', 'heartbeat.interval.ms');
    }
    if (c.sessionTimeoutMs < brokers.groupMinSessionTimeoutMs || c.sessionTimeoutMs > brokers.groupMaxSessionTimeoutMs) {
      err(at('session.timeout.ms'), `InvalidSessionTimeoutException: The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms). (${brokers.groupMinSessionTimeoutMs}..${brokers.groupMaxSessionTimeoutMs} ms)`, 'session.timeout.ms');
    }
    for (const topicName of c.topics) {
      const t = config.topics[topicName];
      if (!t) {
        warn([...path, 'topics'], `Topic ${topicName} does not exist and auto.create.topics.enable is false: the group will get no partitions from it.`);
        continue;
      }
      if (c.instances > t.partitions) {
        info([...path, 'instances'], `${group} runs ${c.instances} instances but ${topicName} has ${t.partitions} partition(s): ${c.instances - t.partitions} member(s) will be idle (a partition is read by one member of a group at a time).`);
      }
    }
    const out = c.output;
    if (out) {
      const outPath = [...path, 'output'];
      const outProps = asObj(asObj(asObj(asObj(r.consumers)[group]).output).config);
      const w = world.consumers[group].output;
      if (!w) err(outPath, `${group} does not send records in this world: it has no output.`);
      else checkProducer(out, outProps, outPath, w, config, err, warn);
      if (out.transactionalId && c.enableAutoCommit) {
        warn(at('enable.auto.commit'), `${group} commits its input offsets inside its transaction (sendOffsetsToTransaction); with enable.auto.commit=true the consumer also commits them on its own, outside the transaction, and a crash can skip records whose outputs were aborted.`, 'enable.auto.commit');
      }
    }
    const strategy = asObj(props)['partition.assignment.strategy'];
    if (strategy !== undefined && c.protocol === 'eager' && c.assignor === 'cooperative-sticky') {
      info(at('partition.assignment.strategy'), 'CooperativeStickyAssignor is listed together with an eager assignor: the group keeps the eager protocol (all partitions revoked on every rebalance) until only cooperative assignors remain.');
    }
  }
  return out;
}

type Report = (p: Path, m: string, k?: string) => void;

/** KafkaProducer rules for one producing application (or the producer of a read-process-write one). */
function checkProducer(p: ProducerSettings, props: Raw, path: Path, w: ProducerWorld, config: KafkaConfig, err: Report, warn: Report): void {
  const at = (key: string): Path => (props[key] !== undefined ? [...path, 'config', key] : path);
  const brokers = config.brokers;
  if (p.key !== null && w.keys[p.key] === undefined) {
    err([...path, 'key'], `${p.name} records have no field '${p.key}' (fields: ${Object.keys(w.keys).join(', ') || 'none'}).`, 'key');
  }
  checkIdempotence(props, path, err, warn);
  if (props['delivery.timeout.ms'] !== undefined && p.deliveryTimeoutMs < p.lingerMs + p.requestTimeoutMs) {
    err(at('delivery.timeout.ms'), 'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms', 'delivery.timeout.ms');
  }
  if (p.transactionalId && p.transactionTimeoutMs > brokers.transactionMaxTimeoutMs) {
    err(at('transaction.timeout.ms'), 'InvalidTxnTimeoutException: The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).', 'transaction.timeout.ms');
  }
  if (w.recordBytes > p.maxRequestSize) {
    warn(at('max.request.size'), `RecordTooLargeException: The message is ${w.recordBytes} bytes when serialized which is larger than ${p.maxRequestSize}, which is the value of the max.request.size configuration.`, 'max.request.size');
  }
  const topic = config.topics[p.topic];
  if (!topic) {
    warn([...path, 'topic'], `Topic ${p.topic} does not exist and auto.create.topics.enable is false: send() will fail with TimeoutException: Topic ${p.topic} not present in metadata after ${p.maxBlockMs} ms.`, 'topic');
  } else if (!topic.declared && topic.replicationFactor > brokers.instances) {
    warn([...path, 'topic'], `Auto-creating ${p.topic} will fail: default.replication.factor ${topic.replicationFactor} is larger than the ${brokers.instances} broker(s).`, 'topic');
  }
}

/** ProducerConfig.postProcessAndValidateIdempotenceConfigs (Kafka 3.9): errors when explicit, silent disable otherwise. */
function checkIdempotence(props: Raw, path: Path, err: (p: Path, m: string, k?: string) => void, warn: (p: Path, m: string, k?: string) => void): void {
  const at = (key: string): Path => (props[key] !== undefined ? [...path, 'config', key] : path);
  const idem = resolveIdempotence(props);
  const requested = parseBoolean(props['enable.idempotence']) ?? true;
  if (requested && idem.explicit && idem.conflicts.length > 0) {
    // Kafka throws on the first conflict it checks: retries, then acks, then max.in.flight.
    const first = idem.conflicts[0];
    const text =
      first === 'retries' ? 'Must set retries to non-zero when using the idempotent producer.'
        : first === 'acks' ? 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.'
          : 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.';
    err(at(first), `ConfigException: ${text}`, first);
  } else if (requested && !idem.explicit) {
    for (const key of idem.conflicts) {
      const text =
        key === 'retries' ? 'Idempotence will be disabled because retries is set to 0.'
          : key === 'acks' ? `Idempotence will be disabled because acks is set to ${parseAcks(props.acks) === '0' ? 0 : 1}, not set to 'all'.`
            : `Idempotence will be disabled because max.in.flight.requests.per.connection is set to ${parseNumber(props[key])}, which is greater than 5. Please note that in v4.0.0 and onward, this will become an error.`;
      warn(at(key), `${text} Retries may now write duplicates.`, key);
    }
  }
  if (props['transactional.id'] !== undefined && props['transactional.id'] !== null && !idem.enabled) {
    err(at('transactional.id'), 'ConfigException: Cannot set a transactional.id without also enabling idempotence.', 'transactional.id');
  }
}
