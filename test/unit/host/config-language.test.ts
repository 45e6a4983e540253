// Hover and completion in the player's config file: locating the key under the cursor and
// answering from the schema. Pure helpers of src/host/language (no VS Code needed).
import * as assert from 'node:assert/strict';
import type { ObjectNode } from '../../../src/engine/types';
import { describeHit, keyCandidates, schemaAt, valueCandidates } from '../../../src/host/language/schemaLookup';
import { locateAt, typingContextAt } from '../../../src/host/language/yamlLocate';

// A small schema in the shape of the Kafka config file (brokers / topics / consumers).
const schema: ObjectNode = {
  kind: 'object',
  doc: 'The cluster',
  fields: {
    brokers: {
      kind: 'object',
      doc: 'The brokers',
      fields: {
        instances: { kind: 'value', spec: { type: 'int', default: 3, doc: 'Number of brokers.', min: 1, max: 9 } },
        config: { kind: 'properties', doc: 'server.properties', owner: 'KafkaConfig', keys: {
          'log.retention.ms': { type: 'long', doc: 'How long a log segment is kept.', default: 604800000, unit: 'ms', min: -1 },
        } },
      },
    },
    topics: {
      kind: 'map',
      doc: 'Topics',
      entryName: 'topic name',
      values: { kind: 'object', doc: 'One topic', fields: {
        partitions: { kind: 'value', spec: { type: 'int', doc: 'Partition count.', min: 1 } },
      } },
    },
    consumers: {
      kind: 'map',
      doc: 'Consumer groups',
      entryName: 'group.id',
      values: { kind: 'object', doc: 'One consumer group', fields: {
        instances: { kind: 'value', spec: { type: 'int', doc: 'Members.', default: 1, min: 1 } },
        config: { kind: 'properties', doc: 'ConsumerConfig', owner: 'ConsumerConfig', keys: {
          'max.poll.records': { type: 'int', default: 500, doc: 'The maximum number of records returned in a single call to poll().', min: 1, unit: 'records' },
          'auto.offset.reset': { type: 'string', default: 'latest', doc: 'What to do when there is no initial offset.', values: ['latest', 'earliest', 'none'] },
          'enable.auto.commit': { type: 'boolean', default: true, doc: 'Commit offsets in the background.' },
          'client.rack': { type: 'string', default: '', doc: 'Rack of the client.', inert: true },
        } },
      } },
    },
  },
};

const file = [
  '# Pizza Order System',
  'brokers:',
  '  instances: 3 # brokers',
  'topics:',
  '  orders:',
  '    partitions: 6',
  'consumers:',
  '  kitchen-service:',
  '    instances: 2',
  '    config:',
  '      max.poll.records: 1',
  '      auto.offset.reset: latest',
  '',
].join('\n');

const offsetOf = (needle: string, within = 0) => file.indexOf(needle) + within;

describe('config file hover', () => {
  it('finds the dotted consumer key under the cursor and its full path', () => {
    const located = locateAt(file, offsetOf('max.poll.records', 4));
    assert.deepEqual(located?.path, ['consumers', 'kitchen-service', 'config', 'max.poll.records']);
    assert.equal(located?.on, 'key');
    assert.equal(file.slice(...located!.range), 'max.poll.records');
  });

  it('finds the key when the cursor is on its value', () => {
    const located = locateAt(file, offsetOf('partitions: 6', 'partitions: '.length));
    assert.deepEqual(located?.path, ['topics', 'orders', 'partitions']);
    assert.equal(located?.on, 'value');
  });

  it('shows the real key doc with type, default, range and unit', () => {
    const hit = schemaAt(schema, ['consumers', 'kitchen-service', 'config', 'max.poll.records']);
    assert.equal(hit?.kind, 'key');
    const text = describeHit(hit!);
    assert.match(text, /max\.poll\.records/);
    assert.match(text, /ConsumerConfig/);
    assert.match(text, /Type: int/);
    assert.match(text, /Default: `500`/);
    assert.match(text, /Valid values: ≥ 1/);
    assert.match(text, /Unit: records/);
  });

  it('writes big millisecond defaults in readable units too', () => {
    const text = describeHit(schemaAt(schema, ['brokers', 'config', 'log.retention.ms'])!);
    assert.match(text, /`604800000` \(7 d\)/);
  });

  it('lists the allowed values of an enumerated key and marks keys the model does not simulate', () => {
    assert.match(describeHit(schemaAt(schema, ['consumers', 'g', 'config', 'auto.offset.reset'])!), /`latest`, `earliest`, `none`/);
    assert.match(describeHit(schemaAt(schema, ['consumers', 'g', 'config', 'client.rack'])!), /does not model/);
  });

  it('explains a user-named entry by what its name means', () => {
    const hit = schemaAt(schema, ['topics', 'orders']);
    assert.equal(hit?.kind, 'entry');
    assert.match(describeHit(hit!), /topic name/);
  });

  it('has nothing to say about keys the schema does not know', () => {
    assert.equal(schemaAt(schema, ['consumers', 'g', 'config', 'max.poll.record']), undefined);
    assert.equal(schemaAt(schema, ['brokerz']), undefined);
  });
});

describe('config file completion', () => {
  it('offers the consumer keys not yet present in a config block, replacing the partial dotted word', () => {
    const text = file.replace('      auto.offset.reset: latest\n', '      auto.offset.reset: latest\n      max.po\n');
    const line = text.split('\n').indexOf('      max.po');
    const context = typingContextAt(text, line, '      max.po'.length);
    assert.equal(context?.kind, 'key');
    assert.deepEqual(context?.parentPath, ['consumers', 'kitchen-service', 'config']);
    assert.equal(context?.kind === 'key' && context.partialStart, 6);
    const labels = keyCandidates(schema, context!.parentPath, context!.kind === 'key' ? context.siblings : []).map((c) => c.label);
    assert.ok(labels.includes('enable.auto.commit'));
    assert.ok(!labels.includes('max.poll.records'), 'max.poll.records is already set in this block');
    assert.ok(!labels.includes('auto.offset.reset'), 'auto.offset.reset is already set in this block');
  });

  it('offers the fields of a topic inside a user-named entry', () => {
    const text = 'topics:\n  orders:\n    \n';
    const context = typingContextAt(text, 2, 4);
    assert.deepEqual(context?.parentPath, ['topics', 'orders']);
    assert.deepEqual(keyCandidates(schema, context!.parentPath, []).map((c) => c.label), ['partitions']);
  });

  it('offers the valid values after `key: ` of an enumerated key, and true/false for a boolean', () => {
    const enumText = 'consumers:\n  g:\n    config:\n      auto.offset.reset: ea';
    const context = typingContextAt(enumText, 3, enumText.split('\n')[3].length);
    assert.equal(context?.kind, 'value');
    assert.deepEqual(
      valueCandidates(schema, [...context!.parentPath, context!.kind === 'value' ? context.key : '']).map((c) => c.label),
      ['latest', 'earliest', 'none'],
    );
    assert.deepEqual(valueCandidates(schema, ['consumers', 'g', 'config', 'enable.auto.commit']).map((c) => c.label), ['true', 'false']);
    assert.deepEqual(valueCandidates(schema, ['consumers', 'g', 'config', 'max.poll.records']), []);
  });

  it('offers the top-level sections at column 0', () => {
    const context = typingContextAt('brokers:\n  instances: 3\nto', 2, 2);
    assert.deepEqual(context?.parentPath, []);
    assert.deepEqual(keyCandidates(schema, [], ['brokers']).map((c) => c.label), ['topics', 'consumers']);
  });

  it('stays silent inside a sequence item, where the block structure is not a mapping', () => {
    assert.equal(typingContextAt('consumers:\n  g:\n    topics:\n      - orders\n        x', 4, 9), undefined);
  });
});
