// Pure layout of a Topology into SVG coordinates: one column per node.column, top-level nodes
// stacked in their column, children (partitions, members) as chips inside their parent's box,
// and edges as cubic Béziers between box sides. Text widths are estimated, not measured, so the
// layout is deterministic and testable outside a browser.
import type { Topology, TopologyEdge, TopologyNode } from '../../src/engine/types';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedNode {
  node: TopologyNode;
  box: Box;
  /** Label as drawn (ellipsised to fit); the full label goes in the tooltip. */
  label: string;
  /** Detail lines drawn under the label (ellipsised). */
  details: string[];
  children: PlacedNode[];
}

/** One cubic Bézier piece of an edge. */
export interface Cubic {
  from: Point;
  c1: Point;
  c2: Point;
  to: Point;
}

export interface PlacedEdge {
  id: string;
  edge: TopologyEdge;
  /** The route: one piece between neighbouring columns, a straight run through a column's free corridor. */
  segments: Cubic[];
  /** Approximate length of each segment, so particles move at an even speed. */
  lengths: number[];
  width: number;
}

export interface PlacedColumn {
  x: number;
  w: number;
  title: string;
}

export interface TopologyLayout {
  width: number;
  height: number;
  columns: PlacedColumn[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const METRICS = {
  pad: 12,
  columnHeader: 24,
  minColumnGap: 36,
  maxColumnGap: 140,
  /** Column widths: [min, max] for plain columns and for columns whose boxes hold chips. */
  plainColumn: [100, 230],
  chipColumn: [150, 300],
  /** Clearance between an edge routed through a column and the boxes it passes. */
  corridorMargin: 5,
  nodeGap: 12,
  boxPad: 8,
  labelLine: 18,
  detailLine: 15,
  maxDetailLines: 3,
  chipGap: 4,
  chipHeight: 20,
  chipHeightWithDetail: 32,
  /** Children show their first detail line only when there are few of them. */
  maxChildrenWithDetail: 8,
  labelFont: 12,
  detailFont: 11,
} as const;

/** Width of `text` at `fontSize` px; the browser passes a canvas measurement, tests the estimate. */
export type MeasureText = (text: string, fontSize: number, bold: boolean) => number;

/** Average glyph width of a UI sans-serif font as a fraction of its size. */
const GLYPH_WIDTH = 0.58;

export const estimateText: MeasureText = (text, fontSize, bold) => text.length * fontSize * (bold ? GLYPH_WIDTH + 0.04 : GLYPH_WIDTH);

/** `text` shortened with an ellipsis so it fits `width`. */
export function fitText(text: string, width: number, fontSize: number, measure: MeasureText, bold = false): string {
  if (measure(text, fontSize, bold) <= width) return text;
  let chars = Math.min(text.length - 1, Math.floor(width / (fontSize * GLYPH_WIDTH)));
  while (chars > 1 && measure(`${text.slice(0, chars)}…`, fontSize, bold) > width) chars--;
  return `${text.slice(0, Math.max(1, chars)).trimEnd()}…`;
}

export function edgeId(edge: TopologyEdge): string {
  return `${edge.from}->${edge.to}`;
}

/** "consumer-group" -> "Consumer groups". */
export function columnTitle(kinds: string[]): string {
  return kinds
    .map((kind) => {
      const words = kind.replace(/[-_.]+/g, ' ').trim();
      const pluralised = words.endsWith('s') ? words : `${words}s`;
      return pluralised.charAt(0).toUpperCase() + pluralised.slice(1);
    })
    .join(' · ');
}

/** Stroke width grows with the log of the rate so 5 and 5,000 msg/s both read sensibly. */
export function edgeWidth(rate: number): number {
  return 1 + Math.min(2.5, Math.log10(1 + Math.max(0, rate)) * 0.6);
}

function placeChildren(children: TopologyNode[], x: number, y: number, innerWidth: number, measure: MeasureText): { placed: PlacedNode[]; height: number } {
  if (children.length === 0) return { placed: [], height: 0 };
  const m = METRICS;
  const withDetail = children.length <= m.maxChildrenWithDetail && children.some((c) => c.detail.length > 0);
  const longestLabel = Math.max(...children.map((c) => measure(c.label, m.detailFont, false)));
  const minChipWidth = withDetail ? 72 : Math.max(34, longestLabel + 12);
  const fit = Math.max(1, Math.min(children.length, Math.floor((innerWidth + m.chipGap) / (minChipWidth + m.chipGap))));
  // Balance the rows: 12 partitions in rows of 6 + 6, not 7 + 5.
  const perRow = Math.ceil(children.length / Math.ceil(children.length / fit));
  const chipWidth = (innerWidth - (perRow - 1) * m.chipGap) / perRow;
  const chipHeight = withDetail ? m.chipHeightWithDetail : m.chipHeight;
  const placed = children.map((child, i) => {
    const row = Math.floor(i / perRow);
    const col = i % perRow;
    const box = { x: x + col * (chipWidth + m.chipGap), y: y + row * (chipHeight + m.chipGap), w: chipWidth, h: chipHeight };
    const textRoom = chipWidth - 8;
    return {
      node: child,
      box,
      label: fitText(child.label, textRoom, m.detailFont, measure),
      details: withDetail && child.detail.length ? [fitText(child.detail[0], textRoom, m.detailFont - 1, measure)] : [],
      children: [],
    };
  });
  const rows = Math.ceil(children.length / perRow);
  return { placed, height: rows * chipHeight + (rows - 1) * m.chipGap };
}

/** Room the kind icon (left) and status icon (right) take from a box's label line. */
const LABEL_ICONS = 36;

/** Width a plain box needs to show its label and detail lines without ellipsis. */
function contentWidth(node: TopologyNode, measure: MeasureText): number {
  const m = METRICS;
  const label = measure(node.label, m.labelFont, true) + LABEL_ICONS;
  const details = node.detail.slice(0, m.maxDetailLines).map((line) => measure(line, m.detailFont, false));
  return Math.ceil(Math.max(label, ...details)) + 2 * m.boxPad;
}

/**
 * Plain columns (producers, brokers) get what their text needs; columns of boxes with chips
 * (topics, groups) share the rest. When even that is too little, plain columns give way first.
 */
function columnWidths(members: TopologyNode[][], holdsChips: boolean[], room: number, measure: MeasureText): number[] {
  const [plainMin, plainMax] = METRICS.plainColumn;
  const [chipMin, chipMax] = METRICS.chipColumn;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const chipColumns = holdsChips.filter(Boolean).length;
  if (chipColumns === 0) {
    const share = clamp(Math.floor(room / members.length), plainMin, plainMax);
    return members.map(() => share);
  }
  const needs = members.map((list, i) => (holdsChips[i] ? 0 : clamp(Math.max(0, ...list.map((n) => contentWidth(n, measure))), plainMin, plainMax)));
  const plainTotal = needs.reduce((a, b) => a + b, 0);
  const chipWidth = clamp(Math.floor((room - plainTotal) / chipColumns), chipMin, chipMax);
  const overflow = plainTotal + chipWidth * chipColumns - room;
  // Shrink plain columns proportionally (not below their minimum) when the chips already sit at theirs.
  const squeeze = overflow > 0 && plainTotal > 0 ? Math.max(0, 1 - overflow / plainTotal) : 1;
  return needs.map((need, i) => (holdsChips[i] ? chipWidth : Math.max(plainMin, Math.floor(need * squeeze))));
}

function placeNode(node: TopologyNode, children: TopologyNode[], x: number, y: number, width: number, measure: MeasureText): PlacedNode {
  const m = METRICS;
  const inner = width - 2 * m.boxPad;
  const details = node.detail.slice(0, m.maxDetailLines).map((line) => fitText(line, inner, m.detailFont, measure));
  const childTop = y + m.boxPad + m.labelLine + details.length * m.detailLine + (children.length ? m.boxPad / 2 : 0);
  const { placed, height } = placeChildren(children, x + m.boxPad, childTop, inner, measure);
  const h = childTop - y + height + m.boxPad;
  return { node, box: { x, y, w: width, h }, label: fitText(node.label, inner - LABEL_ICONS, m.labelFont, measure, true), details, children: placed };
}

function sideAnchor(box: Box, side: 'left' | 'right'): Point {
  return { x: side === 'left' ? box.x : box.x + box.w, y: box.y + box.h / 2 };
}

/** A piece leaving and arriving horizontally, so consecutive pieces join smoothly. */
function horizontalCubic(a: Point, b: Point): Cubic {
  const bend = (b.x - a.x) / 2;
  return { from: a, c1: { x: a.x + bend, y: a.y }, c2: { x: b.x - bend, y: b.y }, to: b };
}

function cubicLength(c: Cubic): number {
  let length = 0;
  let previous = c.from;
  for (let i = 1; i <= 12; i++) {
    const p = cubicPoint(c, i / 12);
    length += Math.hypot(p.x - previous.x, p.y - previous.y);
    previous = p;
  }
  return length;
}

/** A placed column for routing: its horizontal extent and the boxes stacked in it (top to bottom). */
interface Lane {
  x: number;
  w: number;
  boxes: Box[];
}

/** The y closest to `wanted` where a line can cross `lane` without touching a box. */
function corridorY(lane: Lane, wanted: number): number {
  const margin = METRICS.corridorMargin;
  let best = wanted;
  let bestDistance = Infinity;
  let top = -Infinity;
  for (const box of [...lane.boxes, { x: 0, y: Infinity, w: 0, h: 0 }]) {
    const lo = top;
    const hi = box.y - margin;
    if (hi >= lo) {
      const y = Math.min(hi, Math.max(lo, wanted));
      if (Math.abs(y - wanted) < bestDistance) {
        best = y;
        bestDistance = Math.abs(y - wanted);
      }
    }
    top = box.y + box.h + margin;
  }
  return best;
}

function placeEdge(edge: TopologyEdge, from: Box, to: Box, fromLane: number, toLane: number, lanes: Lane[]): PlacedEdge {
  if (fromLane === toLane) {
    // Same column: loop out to the right and back.
    const a = sideAnchor(from, 'right');
    const b = sideAnchor(to, 'right');
    const segments = [{ from: a, c1: { x: a.x + 40, y: a.y }, c2: { x: b.x + 40, y: b.y }, to: b }];
    return { id: edgeId(edge), edge, segments, lengths: segments.map(cubicLength), width: edgeWidth(edge.rate) };
  }
  const rightward = toLane > fromLane;
  const start = sideAnchor(from, rightward ? 'right' : 'left');
  const end = sideAnchor(to, rightward ? 'left' : 'right');
  const points: Point[] = [start];
  // Columns in between: run straight through a free corridor instead of behind their boxes.
  const step = rightward ? 1 : -1;
  for (let lane = fromLane + step; lane !== toLane; lane += step) {
    const { x, w } = lanes[lane];
    const centre = x + w / 2;
    const wanted = start.y + ((end.y - start.y) * (centre - start.x)) / (end.x - start.x || 1);
    const y = corridorY(lanes[lane], wanted);
    points.push(rightward ? { x, y } : { x: x + w, y }, rightward ? { x: x + w, y } : { x, y });
  }
  points.push(end);
  const route = points.filter((p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y);
  const segments = route.slice(1).map((p, i) => horizontalCubic(route[i], p));
  return { id: edgeId(edge), edge, segments, lengths: segments.map(cubicLength), width: edgeWidth(edge.rate) };
}

export function layoutTopology(topology: Topology, availableWidth: number, measure: MeasureText = estimateText): TopologyLayout {
  const m = METRICS;
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  // One level of nesting: a node whose parent is itself nested is drawn as a top-level box.
  const isNested = (node: TopologyNode) => {
    const parent = node.parent === undefined ? undefined : byId.get(node.parent);
    return parent !== undefined && parent !== node && (parent.parent === undefined || !byId.has(parent.parent));
  };
  const childrenOf = new Map<string, TopologyNode[]>();
  const topLevel: TopologyNode[] = [];
  for (const node of topology.nodes) {
    if (isNested(node) && node.parent !== undefined) {
      const siblings = childrenOf.get(node.parent) ?? [];
      siblings.push(node);
      childrenOf.set(node.parent, siblings);
    } else {
      topLevel.push(node);
    }
  }
  const columnKeys = [...new Set(topLevel.map((n) => n.column))].sort((a, b) => a - b);
  const count = columnKeys.length;
  if (count === 0) return { width: availableWidth, height: 0, columns: [], nodes: [], edges: [] };

  const usable = availableWidth - 2 * m.pad;
  const members = columnKeys.map((key) => topLevel.filter((n) => n.column === key));
  const holdsChips = members.map((list) => list.some((n) => childrenOf.has(n.id)));
  const widths = columnWidths(members, holdsChips, usable - (count - 1) * m.minColumnGap, measure);
  const columnsWidth = widths.reduce((a, b) => a + b, 0);
  const gap = count > 1 ? Math.min(m.maxColumnGap, Math.max(m.minColumnGap, (usable - columnsWidth) / (count - 1))) : 0;
  const contentWidth = columnsWidth + (count - 1) * gap;
  // A single column, or a wide panel, is centred rather than stuck to the left.
  const left = m.pad + Math.max(0, (usable - contentWidth) / 2);

  const columns: PlacedColumn[] = [];
  const stacks: PlacedNode[][] = [];
  let x = left;
  for (const [index, list] of members.entries()) {
    const w = widths[index];
    columns.push({ x, w, title: columnTitle([...new Set(list.map((n) => n.kind))]) });
    let y = 0;
    stacks.push(
      list.map((node) => {
        const placed = placeNode(node, childrenOf.get(node.id) ?? [], x, y, w, measure);
        y += placed.box.h + m.nodeGap;
        return placed;
      }),
    );
    x += w + gap;
  }

  // Centre each column vertically against the tallest one.
  const stackHeight = (stack: PlacedNode[]) => (stack.length ? stack[stack.length - 1].box.y + stack[stack.length - 1].box.h : 0);
  const tallest = Math.max(...stacks.map(stackHeight));
  const top = m.pad + m.columnHeader;
  const nodes: PlacedNode[] = [];
  for (const stack of stacks) {
    const offset = top + (tallest - stackHeight(stack)) / 2;
    for (const placed of stack) {
      shift(placed, offset);
      nodes.push(placed);
    }
  }

  // Every node (chips too) by id, with the column it sits in, for routing edges.
  const anchors = new Map<string, { box: Box; lane: number }>();
  const lanes: Lane[] = columns.map((column, lane) => ({ x: column.x, w: column.w, boxes: stacks[lane].map((p) => p.box) }));
  stacks.forEach((stack, lane) => {
    for (const placed of stack) {
      anchors.set(placed.node.id, { box: placed.box, lane });
      for (const child of placed.children) anchors.set(child.node.id, { box: child.box, lane });
    }
  });
  const edges: PlacedEdge[] = [];
  for (const edge of topology.edges) {
    const from = anchors.get(edge.from);
    const to = anchors.get(edge.to);
    if (from && to && edge.from !== edge.to) edges.push(placeEdge(edge, from.box, to.box, from.lane, to.lane, lanes));
  }

  const width = Math.max(availableWidth, contentWidth + 2 * m.pad);
  return { width, height: top + tallest + m.pad, columns, nodes, edges };
}

function shift(placed: PlacedNode, dy: number): void {
  placed.box = { ...placed.box, y: placed.box.y + dy };
  for (const child of placed.children) shift(child, dy);
}

function cubicPoint(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.from.x + b * c.c1.x + d * c.c2.x + e * c.to.x,
    y: a * c.from.y + b * c.c1.y + d * c.c2.y + e * c.to.y,
  };
}

/** Point at fraction t in [0, 1] of an edge's length (approximately: even within each segment's parameter). */
export function pointOnEdge(edge: PlacedEdge, t: number): Point {
  const total = edge.lengths.reduce((a, b) => a + b, 0);
  let along = Math.min(1, Math.max(0, t)) * total;
  for (let i = 0; i < edge.segments.length; i++) {
    const length = edge.lengths[i];
    if (along <= length || i === edge.segments.length - 1) return cubicPoint(edge.segments[i], length > 0 ? Math.min(1, along / length) : 0);
    along -= length;
  }
  return edge.segments[0].from;
}

export function edgePath(edge: PlacedEdge): string {
  const f = (p: Point) => `${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
  const pieces = edge.segments.map((c) => `C ${f(c.c1)}, ${f(c.c2)}, ${f(c.to)}`);
  return `M ${f(edge.segments[0].from)} ${pieces.join(' ')}`;
}
