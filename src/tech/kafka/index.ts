// The Apache Kafka 3.9 technology module: config schema, world, incidents, rules, model.
import type { TechModule, ValueProblem } from '../../engine/types';
import { configSchema } from './configSchema';
import { crossCheck } from './crossCheck';
import { CHARTS, INCIDENTS, METRICS } from './incidents';
import { normalizeConfig, type KafkaConfig } from './settings';
import { KafkaSim } from './sim';
import { describeWorld, normalizeWorld, worldSchema, type KafkaWorld } from './world';

/** ConfigException wording of Kafka's ConfigDef validators ("Invalid value x for configuration y: ..."). */
function valueErrorText({ key, value, spec, problem }: ValueProblem): string {
  const shown = Array.isArray(value) ? value.join(',') : String(value);
  const prefix = `Invalid value ${shown} for configuration ${key}`;
  switch (problem) {
    case 'min':
      return `${prefix}: Value must be at least ${spec.min}`;
    case 'max':
      return `${prefix}: Value must be no more than ${spec.max}`;
    case 'values':
      return spec.type === 'class' ? `${prefix}: Class ${shown} could not be found.` : `${prefix}: String must be one of: ${(spec.values ?? []).join(', ')}`;
    case 'type':
      if (spec.type === 'boolean') return `${prefix}: Expected value to be either true or false`;
      if (spec.type === 'int' || spec.type === 'long' || spec.type === 'double') return `${prefix}: Not a number of type ${spec.type.toUpperCase()}`;
      return `${prefix}: Expected value to be a ${spec.type === 'list' ? 'list' : 'string'}`;
  }
}

export const kafka: TechModule<KafkaConfig, unknown> = {
  id: 'kafka',
  displayName: 'Apache Kafka',
  version: 'Apache Kafka 3.9',
  configSchema,
  worldSchema,
  incidents: INCIDENTS,
  metrics: METRICS,
  charts: CHARTS,
  crossCheck: (config, world, running) => crossCheck(config, normalizeWorld(world), running),
  normalize: (config) => normalizeConfig(config),
  valueErrorText,
  describeWorld: (world) => describeWorld(normalizeWorld(world)),
  createSim: ({ config, world, rng }) => new KafkaSim(config, normalizeWorld(world) as KafkaWorld, rng),
};
