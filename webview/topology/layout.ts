// Pure layout of a Topology into SVG coordinates: one column per node.column, top-level nodes
// stacked in their column, children (partitions, members) as chips inside their parent's box,
// and edges as cubic Béziers between box sides. Text widths are estimated, not measured, so the
// layout is deterministic and testable outside a browser.
//
// Narrow panels (the console beside the config editor) get a compact set of metrics; when even
// that does not fit, the drawing is scaled down to the width (never below MIN_SCALE, past which
// the panel scrolls sideways). Entity names wrap onto two lines before anything is shortened:
// they are what the player matches against the config file.
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
  /** Label as drawn: one line, or two when wrapped at a separator; the full label goes in the tooltip. */
  label: string[];
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
  /** Size in layout units (the SVG viewBox). */
  width: number;
  height: number;
  /** Drawn size = layout size × scale; below 1 only when the compact layout is wider than the panel. */
  scale: number;
  metrics: LayoutMetrics;
  columns: PlacedColumn[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export interface LayoutMetrics {
  compact: boolean;
  pad: number;
  columnHeader: number;
  minColumnGap: number;
  maxColumnGap: number;
  /** Column widths: [min, preferred, max] for plain columns and for columns whose boxes hold chips. */
  plainColumn: readonly [number, number, number];
  chipColumn: readonly [number, number, number];
  /** Clearance between an edge routed through a column and the boxes it passes. */
  corridorMargin: number;
  nodeGap: number;
  boxPad: number;
  labelLine: number;
  detailLine: number;
  maxDetailLines: number;
  chipGap: number;
  chipHeight: number;
  chipHeightWithDetail: number;
  /** Children show their first detail line only when there are few of them. */
  maxChildrenWithDetail: number;
  labelFont: number;
  detailFont: number;
  columnFont: number;
  /** Room the icons take from a box's label line: kind (left, regular only) and status (right). */
  labelIcons: number;
}

export const METRICS: LayoutMetrics = {
  compact: false,
  pad: 12,
  columnHeader: 24,
  minColumnGap: 36,
  maxColumnGap: 140,
  plainColumn: [100, 100, 230],
  chipColumn: [150, 170, 300],
  corridorMargin: 5,
  nodeGap: 12,
  boxPad: 8,
  labelLine: 18,
  detailLine: 15,
  maxDetailLines: 3,
  chipGap: 4,
  chipHeight: 20,
  chipHeightWithDetail: 32,
  maxChildrenWithDetail: 8,
  labelFont: 12,
  detailFont: 11,
  columnFont: 11,
  labelIcons: 36,
};

/** Same fonts, less air: tighter gaps and padding, two detail lines, no kind icon (the column title says it). */
export const COMPACT_METRICS: LayoutMetrics = {
  ...METRICS,
  compact: true,
  pad: 6,
  columnHeader: 22,
  minColumnGap: 18,
  maxColumnGap: 48,
  plainColumn: [64, 64, 180],
  chipColumn: [90, 120, 240],
  nodeGap: 10,
  boxPad: 6,
  labelLine: 16,
  detailLine: 14,
  maxDetailLines: 2,
  maxChildrenWithDetail: 4,
  labelIcons: 18,
};

/** Below this the drawing stops shrinking and the panel scrolls sideways instead (text stays ≥ 9 px). */
export const MIN_SCALE = 0.78;

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

/** Positions where a name may wrap: after a separator ("kitchen-|service", "orders.|v2", "broker |1"). */
function breakPoints(text: string): number[] {
  const points: number[] = [];
  for (let i = 1; i < text.length; i++) if (/[-_.:/ ]/.test(text[i - 1]) && text[i] !== ' ') points.push(i);
  return points;
}

/** `text` on one line, or two lines split at a separator, or (when neither fits) ellipsised. */
export function wrapText(text: string, width: number, fontSize: number, measure: MeasureText, bold = false): string[] {
  if (measure(text, fontSize, bold) <= width) return [text];
  // The last break whose first part fits leaves the shortest second line.
  const fitting = breakPoints(text).filter((i) => measure(text.slice(0, i).trimEnd(), fontSize, bold) <= width);
  if (fitting.length === 0) return [fitText(text, width, fontSize, measure, bold)];
  const at = fitting[fitting.length - 1];
  return [text.slice(0, at).trimEnd(), fitText(text.slice(at), width, fontSize, measure, bold)];
}

/** The narrowest width at which wrapText shows `text` whole (in one or two lines). */
export function wrappedWidth(text: string, fontSize: number, measure: MeasureText, bold = false): number {
  let best = measure(text, fontSize, bold);
  for (const at of breakPoints(text)) {
    best = Math.min(best, Math.max(measure(text.slice(0, at).trimEnd(), fontSize, bold), measure(text.slice(at), fontSize, bold)));
  }
  return best;
}

/**
 * A chip's label in `width`: whole when it fits; else, for a child named after its parent
 * ("kitchen-service-0" in "kitchen-service"), its distinguishing end cut at a separator
 * ("…service-0", "…-0").
 */
export function chipLabel(label: string, parentLabel: string, width: number, fontSize: number, measure: MeasureText): string {
  if (measure(label, fontSize, false) <= width) return label;
  for (const from of nameTails(label, parentLabel)) {
    const tail = `…${label.slice(from)}`;
    if (measure(tail, fontSize, false) <= width) return tail;
  }
  return fitText(label, width, fontSize, measure);
}

/** Where a child's label may be cut, longest tail first: its separators inside the parent's name, then the parent's name itself. */
function nameTails(label: string, parentLabel: string): number[] {
  if (!parentLabel || !label.startsWith(parentLabel) || label.length <= parentLabel.length) return [];
  return [...breakPoints(label).filter((at) => at < parentLabel.length), parentLabel.length];
}

/** Width the shortest form of a chip's label takes (see chipLabel). */
function chipLabelWidth(label: string, parentLabel: string, fontSize: number, measure: MeasureText): number {
  const tails = nameTails(label, parentLabel);
  return measure(tails.length ? `…${label.slice(tails[tails.length - 1])}` : label, fontSize, false);
}

/** Padding inside a chip around its text. */
const CHIP_TEXT_PAD = 10;

export function edgeId(edge: TopologyEdge): string {
  return `${edge.from}->${edge.to}`;
}

/** "consumer-group" -> "Consumer groups"; `short` keeps the last word ("Groups") for narrow columns. */
export function columnTitle(kinds: string[], short = false): string {
  return kinds
    .map((kind) => {
      const words = kind.replace(/[-_.]+/g, ' ').trim();
      const word = short ? words.slice(words.lastIndexOf(' ') + 1) : words;
      const pluralised = word.endsWith('s') ? word : `${word}s`;
      return pluralised.charAt(0).toUpperCase() + pluralised.slice(1);
    })
    .join(' · ');
}

/** Column titles are drawn in capitals with 0.05em letter spacing (console.css `.column-title`). */
function titleWidth(title: string, metrics: LayoutMetrics, measure: MeasureText): number {
  return measure(title.toUpperCase(), metrics.columnFont, true) + title.length * metrics.columnFont * 0.05;
}

/** The longest title that fits over a column (its gaps count: titles are centred). */
function fitColumnTitle(kinds: string[], room: number, metrics: LayoutMetrics, measure: MeasureText): string {
  for (const title of [columnTitle(kinds), columnTitle(kinds, true)]) if (titleWidth(title, metrics, measure) <= room) return title;
  return fitText(columnTitle(kinds, true), room, metrics.columnFont + 1, measure, true);
}

/** Stroke width grows with the log of the rate so 5 and 5,000 msg/s both read sensibly. */
export function edgeWidth(rate: number): number {
  return 1 + Math.min(2.5, Math.log10(1 + Math.max(0, rate)) * 0.6);
}

function placeChildren(parent: TopologyNode, children: TopologyNode[], x: number, y: number, innerWidth: number, m: LayoutMetrics, measure: MeasureText): { placed: PlacedNode[]; height: number } {
  if (children.length === 0) return { placed: [], height: 0 };
  const withDetail = children.length <= m.maxChildrenWithDetail && children.some((c) => c.detail.length > 0);
  const longestLabel = Math.max(...children.map((c) => measure(c.label, m.detailFont, false)));
  // Chips as wide as their whole names when two fit in a row (or there is one chip); otherwise
  // narrower, names shortened to their ends, so the box does not become one tall column of chips.
  const wholeName = longestLabel + CHIP_TEXT_PAD;
  const wholeNamesFit = children.length === 1 ? wholeName <= innerWidth : 2 * wholeName + m.chipGap <= innerWidth;
  const minChipWidth = Math.max(withDetail ? 72 : 34, wholeNamesFit ? wholeName : 0);
  const fit = Math.max(1, Math.min(children.length, Math.floor((innerWidth + m.chipGap) / (minChipWidth + m.chipGap))));
  // Balance the rows: 12 partitions in rows of 6 + 6, not 7 + 5.
  const perRow = Math.ceil(children.length / Math.ceil(children.length / fit));
  const chipWidth = (innerWidth - (perRow - 1) * m.chipGap) / perRow;
  const chipHeight = withDetail ? m.chipHeightWithDetail : m.chipHeight;
  const placed = children.map((child, i) => {
    const row = Math.floor(i / perRow);
    const col = i % perRow;
    const box = { x: x + col * (chipWidth + m.chipGap), y: y + row * (chipHeight + m.chipGap), w: chipWidth, h: chipHeight };
    const textRoom = chipWidth - CHIP_TEXT_PAD;
    return {
      node: child,
      box,
      label: [chipLabel(child.label, parent.label, textRoom, m.detailFont, measure)],
      details: withDetail && child.detail.length ? [fitText(child.detail[0], textRoom, m.detailFont - 1, measure)] : [],
      children: [],
    };
  });
  const rows = Math.ceil(children.length / perRow);
  return { placed, height: rows * chipHeight + (rows - 1) * m.chipGap };
}

/** Width a box needs to show its label and detail lines on one line each. */
function oneLineWidth(node: TopologyNode, m: LayoutMetrics, measure: MeasureText): number {
  const label = measure(node.label, m.labelFont, true) + m.labelIcons;
  const details = node.detail.slice(0, m.maxDetailLines).map((line) => measure(line, m.detailFont, false));
  return Math.ceil(Math.max(label, ...details)) + 2 * m.boxPad;
}

/** Narrowest box that still shows the whole label (wrapped) and every chip's name (shortest form). */
function minimumBoxWidth(node: TopologyNode, children: TopologyNode[], m: LayoutMetrics, measure: MeasureText): number {
  const label = wrappedWidth(node.label, m.labelFont, measure, true) + m.labelIcons;
  const chips = children.map((c) => chipLabelWidth(c.label, node.label, m.detailFont, measure) + CHIP_TEXT_PAD);
  return Math.ceil(Math.max(label, ...chips)) + 2 * m.boxPad;
}

interface ColumnNeed {
  min: number;
  /** Every label on one line. */
  oneLineLabels: number;
  preferred: number;
  max: number;
  holdsChips: boolean;
}

function columnNeed(list: TopologyNode[], childrenOf: Map<string, TopologyNode[]>, m: LayoutMetrics, measure: MeasureText): ColumnNeed {
  const holdsChips = list.some((n) => childrenOf.has(n.id));
  const [lo, preferred, hi] = holdsChips ? m.chipColumn : m.plainColumn;
  const min = Math.max(lo, ...list.map((n) => minimumBoxWidth(n, childrenOf.get(n.id) ?? [], m, measure)));
  const max = Math.max(min, hi);
  const clamp = (v: number) => Math.min(max, Math.max(min, Math.ceil(v)));
  const oneLineLabels = clamp(Math.max(0, ...list.map((n) => measure(n.label, m.labelFont, true) + m.labelIcons + 2 * m.boxPad)));
  const wanted = holdsChips ? preferred : Math.max(preferred, ...list.map((n) => oneLineWidth(n, m, measure)));
  return { min, oneLineLabels, preferred: Math.max(oneLineLabels, clamp(wanted)), max, holdsChips };
}

/**
 * Every column gets its minimum; what is left goes, in this order, to labels on one line (the
 * columns that need least first), chip
 * columns at their preferred width, plain columns at theirs (details on one line), then to the
 * chip columns up to their maximum. Anything beyond widens the gaps.
 */
function columnWidths(needs: ColumnNeed[], room: number): number[] {
  const widths = needs.map((n) => n.min);
  let spare = room - widths.reduce((a, b) => a + b, 0);
  const grow = (targets: number[]) => {
    const wanted = targets.reduce((sum, target, i) => sum + Math.max(0, target - widths[i]), 0);
    if (wanted <= 0 || spare <= 0) return;
    const share = Math.min(1, spare / wanted);
    targets.forEach((target, i) => {
      const add = Math.max(0, target - widths[i]) * share;
      widths[i] += add;
      spare -= add;
    });
  };
  // Labels one column at a time, cheapest first: as many as possible on one line.
  for (const i of needs.map((_, i) => i).sort((a, b) => needs[a].oneLineLabels - widths[a] - (needs[b].oneLineLabels - widths[b]))) {
    grow(needs.map((n, j) => (j === i ? n.oneLineLabels : widths[j])));
  }
  grow(needs.map((n, i) => (n.holdsChips ? n.preferred : widths[i])));
  grow(needs.map((n) => n.preferred));
  grow(needs.map((n, i) => (n.holdsChips ? n.max : widths[i])));
  return widths.map(Math.floor);
}

function placeNode(node: TopologyNode, children: TopologyNode[], x: number, y: number, width: number, m: LayoutMetrics, measure: MeasureText): PlacedNode {
  const inner = width - 2 * m.boxPad;
  const label = wrapText(node.label, inner - m.labelIcons, m.labelFont, measure, true);
  const details = node.detail.slice(0, m.maxDetailLines).map((line) => fitText(line, inner, m.detailFont, measure));
  const childTop = y + m.boxPad + label.length * m.labelLine + details.length * m.detailLine + (children.length ? m.boxPad / 2 : 0);
  const { placed, height } = placeChildren(node, children, x + m.boxPad, childTop, inner, m, measure);
  const h = childTop - y + height + m.boxPad;
  return { node, box: { x, y, w: width, h }, label, details, children: placed };
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

/** Minimum width of a layout with these columns: pads, minimum gaps and minimum columns. */
function minimumWidth(needs: ColumnNeed[], m: LayoutMetrics): number {
  return 2 * m.pad + (needs.length - 1) * m.minColumnGap + needs.reduce((sum, n) => sum + n.min, 0);
}

export function layoutTopology(topology: Topology, availableWidth: number, measure: MeasureText = estimateText): TopologyLayout {
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
  if (count === 0) return { width: availableWidth, height: 0, scale: 1, metrics: METRICS, columns: [], nodes: [], edges: [] };
  const members = columnKeys.map((key) => topLevel.filter((n) => n.column === key));

  // Regular metrics when they fit, compact ones when not, and scaled down when even those do not.
  const needsWith = (metrics: LayoutMetrics) => members.map((list) => columnNeed(list, childrenOf, metrics, measure));
  let m = METRICS;
  let needs = needsWith(m);
  if (minimumWidth(needs, m) > availableWidth) {
    m = COMPACT_METRICS;
    needs = needsWith(m);
  }
  const needed = minimumWidth(needs, m);
  const scale = needed > availableWidth ? Math.max(MIN_SCALE, availableWidth / needed) : 1;
  const layoutWidth = Math.max(needed, Math.floor(availableWidth / scale));

  const usable = layoutWidth - 2 * m.pad;
  const widths = columnWidths(needs, usable - (count - 1) * m.minColumnGap);
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
    const titleRoom = w + (count > 1 ? gap * 0.8 : 2 * m.pad);
    columns.push({ x, w, title: fitColumnTitle([...new Set(list.map((n) => n.kind))], titleRoom, m, measure) });
    let y = 0;
    stacks.push(
      list.map((node) => {
        const placed = placeNode(node, childrenOf.get(node.id) ?? [], x, y, w, m, measure);
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

  const width = Math.max(layoutWidth, Math.ceil(contentWidth + 2 * m.pad));
  return { width, height: top + tallest + m.pad, scale, metrics: m, columns, nodes, edges };
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
