import { strict as assert } from 'node:assert';
import type { Topology, TopologyNode } from '../../../src/engine/types';
import type { SnapshotMessage } from '../../../src/protocol';
import {
  chipLabel,
  columnTitle,
  estimateText,
  fitText,
  layoutTopology,
  METRICS,
  MIN_SCALE,
  pointOnEdge,
  wrapText,
  type Box,
  type PlacedNode,
  type TopologyLayout,
} from '../../../webview/topology/layout';
import fixture from '../../fixtures/webview/kafka-snapshot.json';
import kafka01Fixture from '../../fixtures/webview/kafka-01-snapshot.json';

// 3 producers, 3 brokers, 2 topics x 12 partitions, 2 groups x 8 members: the size the console must stay readable at.
const kafka = (fixture as unknown as SnapshotMessage).live.topology;
// kafka-01 as the kernel draws it: web-shop -> orders (3 partitions) -> kitchen-service (3 members).
const kafka01 = (kafka01Fixture as unknown as SnapshotMessage).live.topology;

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every box, chips included, inside the drawing and clear of its siblings; every label at its full size. */
function assertReadable(layout: TopologyLayout, label: string): void {
  const m = layout.metrics;
  const boxes = layout.nodes.map((p) => p.box);
  for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) assert.ok(!overlaps(a, b), `${label}: boxes overlap`);
  for (const placed of layout.nodes.flatMap((p) => [p, ...p.children])) {
    assert.ok(placed.box.x >= 0 && placed.box.x + placed.box.w <= layout.width + 0.001, `${label}: ${placed.node.id} outside the drawing`);
    const nested = placed.node.parent !== undefined;
    const room = nested ? placed.box.w - 10 : placed.box.w - 2 * m.boxPad - m.labelIcons;
    for (const line of placed.label) {
      assert.ok(estimateText(line, nested ? m.detailFont : m.labelFont, !nested) <= room + 0.001, `${label}: "${line}" overflows ${placed.node.id}`);
    }
  }
  for (const parent of layout.nodes) {
    for (const [i, a] of parent.children.entries()) for (const b of parent.children.slice(i + 1)) assert.ok(!overlaps(a.box, b.box), `${label}: chips overlap`);
  }
}

/** A top-level box shows its whole name, on one line or wrapped onto two. */
function shownName(placed: PlacedNode): string {
  return placed.label.join('');
}

function node(id: string, column: number, extra: Partial<TopologyNode> = {}): TopologyNode {
  return { id, kind: 'broker', label: id, column, status: 'ok', detail: [], ...extra };
}

describe('webview topology: layout', () => {
  it('narrow columns get the last word of the title', () => {
    assert.equal(columnTitle(['consumer-group']), 'Consumer groups');
    assert.equal(columnTitle(['consumer-group'], true), 'Groups');
  });

  it('columns run left to right by node.column and are titled by their kinds', () => {
    const layout = layoutTopology(kafka, 1000);
    assert.deepEqual(
      layout.columns.map((c) => c.title),
      ['Producers', 'Brokers', 'Topics', 'Consumer groups'],
    );
    for (let i = 1; i < layout.columns.length; i++) {
      const previous = layout.columns[i - 1];
      assert.ok(layout.columns[i].x >= previous.x + previous.w + METRICS.minColumnGap - 0.001);
    }
  });

  it('partitions sit inside their topic and members inside their group', () => {
    const layout = layoutTopology(kafka, 1000);
    const orders = layout.nodes.find((p) => p.node.id === 'topic:orders');
    assert.equal(orders?.children.length, 12);
    const kitchen = layout.nodes.find((p) => p.node.id === 'group:kitchen');
    assert.equal(kitchen?.children.length, 8);
    for (const parent of layout.nodes) {
      for (const child of parent.children) assert.ok(inside(child.box, parent.box), `${child.node.id} outside ${parent.node.id}`);
    }
  });

  for (const width of [800, 1000, 1600]) {
    it(`at ${width} px nothing overlaps, nothing scrolls sideways, and every label fits its box`, () => {
      const layout = layoutTopology(kafka, width);
      assert.equal(layout.width, width);
      assert.equal(layout.scale, 1);
      assertReadable(layout, `${width} px`);
    });
  }

  for (const width of [446, 498, 768]) {
    it(`beside the config editor (${width} px) every top-level name is shown whole and the drawing fits the panel`, () => {
      for (const [name, topology] of [
        ['kafka-01', kafka01],
        ['busy', kafka],
      ] as const) {
        const layout = layoutTopology(topology, width);
        assertReadable(layout, `${name} at ${width} px`);
        for (const placed of layout.nodes) assert.equal(shownName(placed).replace(/\s/g, ''), placed.node.label.replace(/\s/g, ''), `${name}: ${placed.node.label} shortened`);
        assert.ok(layout.scale >= MIN_SCALE);
        assert.ok(Math.round(layout.width * layout.scale) <= width, `${name} at ${width} px is drawn ${layout.width * layout.scale} px wide`);
      }
    });
  }

  it('kafka-01 at 446 px: compact, column titles whole, and the group wraps onto two lines rather than being cut', () => {
    const layout = layoutTopology(kafka01, 446);
    assert.equal(layout.metrics.compact, true);
    assert.deepEqual(
      layout.columns.map((c) => c.title).slice(0, 3),
      ['Producers', 'Brokers', 'Topics'],
    );
    assert.match(layout.columns[3].title, /^(Consumer groups|Groups)$/);
    const group = layout.nodes.find((p) => p.node.id === 'group:kitchen-service');
    assert.ok(group);
    assert.ok(group.label.length <= 2 && !group.label.some((line) => line.includes('…')), `group label ${JSON.stringify(group.label)}`);
  });

  it('too narrow even for the compact layout: scaled down no further than MIN_SCALE, then wider than the panel (it scrolls)', () => {
    const layout = layoutTopology(kafka, 240);
    assert.equal(layout.scale, MIN_SCALE);
    assert.ok(layout.width * layout.scale > 240);
    assertReadable(layout, '240 px');
  });

  it('group members show their first detail (their lag); partitions are too many and keep it in the tooltip', () => {
    const layout = layoutTopology(kafka, 1000);
    const kitchen = layout.nodes.find((p) => p.node.id === 'group:kitchen');
    assert.match(kitchen?.children[0].details[0] ?? '', /^lag /);
    const orders = layout.nodes.find((p) => p.node.id === 'topic:orders');
    assert.deepEqual(orders?.children[0].details, []);
  });

  it('12 partitions fill balanced rows (6 + 6, never 7 + 5)', () => {
    for (const width of [800, 1000, 1600]) {
      const orders = layoutTopology(kafka, width).nodes.find((p) => p.node.id === 'topic:orders');
      const rows = new Map<number, number>();
      for (const chip of orders?.children ?? []) rows.set(chip.box.y, (rows.get(chip.box.y) ?? 0) + 1);
      const sizes = [...rows.values()];
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `rows of ${sizes.join(' + ')} at ${width} px`);
    }
  });

  it('an edge leaves the right side of its source and enters the left side of its target', () => {
    const layout = layoutTopology(kafka, 1000);
    const edge = layout.edges.find((e) => e.id === 'topic:orders->group:kitchen');
    const orders = layout.nodes.find((p) => p.node.id === 'topic:orders')?.box;
    const kitchen = layout.nodes.find((p) => p.node.id === 'group:kitchen')?.box;
    assert.ok(edge && orders && kitchen);
    assert.deepEqual(pointOnEdge(edge, 0), { x: orders.x + orders.w, y: orders.y + orders.h / 2 });
    assert.deepEqual(pointOnEdge(edge, 1), { x: kitchen.x, y: kitchen.y + kitchen.h / 2 });
  });

  it('an edge that skips a column runs between that column’s boxes, not behind them', () => {
    const topology: Topology = {
      nodes: [node('producer', 0, { kind: 'producer' }), node('broker-1', 1), node('broker-2', 1), node('broker-3', 1), node('topic', 2, { kind: 'topic' })],
      edges: [{ from: 'producer', to: 'topic', rate: 100, status: 'ok' }],
    };
    const layout = layoutTopology(topology, 900);
    const brokers = layout.nodes.filter((p) => p.node.id.startsWith('broker')).map((p) => p.box);
    const [edge] = layout.edges;
    for (let i = 0; i <= 200; i++) {
      const p = pointOnEdge(edge, i / 200);
      for (const box of brokers) assert.ok(!(p.x > box.x && p.x < box.x + box.w && p.y > box.y && p.y < box.y + box.h), `edge crosses a broker at t=${i / 200}`);
    }
  });

  it('edges to unknown nodes are skipped; a node whose parent is missing is drawn on its own', () => {
    const topology: Topology = {
      nodes: [node('a', 0), node('orphan', 1, { parent: 'gone' })],
      edges: [{ from: 'a', to: 'nowhere', rate: 1, status: 'ok' }],
    };
    const layout = layoutTopology(topology, 600);
    assert.deepEqual(
      layout.nodes.map((p) => p.node.id),
      ['a', 'orphan'],
    );
    assert.equal(layout.edges.length, 0);
  });

  it('an empty topology lays out to nothing', () => {
    const layout = layoutTopology({ nodes: [], edges: [] }, 800);
    assert.equal(layout.nodes.length, 0);
    assert.equal(layout.height, 0);
  });

  it('a name wraps after a separator before it is shortened', () => {
    assert.deepEqual(wrapText('kitchen-service', 200, 12, estimateText, true), ['kitchen-service']);
    assert.deepEqual(wrapText('kitchen-service', 70, 12, estimateText, true), ['kitchen-', 'service']);
    assert.deepEqual(wrapText('consumer.group.name', 110, 12, estimateText), ['consumer.group.', 'name']);
    const [only] = wrapText('payments', 30, 12, estimateText, true);
    assert.ok(only.endsWith('…'), 'no separator: ellipsis');
  });

  it('a member named after its group keeps its distinguishing end when its chip is narrow', () => {
    assert.equal(chipLabel('kitchen-service-0', 'kitchen-service', 200, 11, estimateText), 'kitchen-service-0');
    const short = chipLabel('kitchen-service-0', 'kitchen-service', 50, 11, estimateText);
    assert.ok(short.startsWith('…') && short.endsWith('-0'), short);
    assert.ok(estimateText(short, 11, false) <= 50);
  });

  it('long text is shortened with an ellipsis only when it does not fit', () => {
    assert.equal(fitText('broker-1', 200, 12, estimateText), 'broker-1');
    const short = fitText('leader for 12 partitions', 60, 11, estimateText);
    assert.ok(short.endsWith('…'));
    assert.ok(estimateText(short, 11, false) <= 60);
  });
});
