// The live topology: SVG boxes per column, nested chips, edges with flowing particles.
// Status is shown by colour AND by a glyph, dash pattern or strike (never colour alone), and a
// screen-reader list repeats every node's status and details in words.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { EntityStatus, Topology as TopologyData, TopologyNode } from '../../src/engine/types';
import { CODICONS, type IconName } from '../ui';
import { prefersReducedMotion } from '../theme';
import { useWidth } from '../useWidth';
import { edgePath, estimateText, layoutTopology, pointOnEdge, type LayoutMetrics, type MeasureText, type PlacedEdge, type PlacedNode } from './layout';
import { ParticleField } from './particles';

const STATUS_ICON: Record<EntityStatus, IconName> = { ok: 'passFilled', warn: 'warning', down: 'error', idle: 'circleOutline' };
const STATUS_WORD: Record<EntityStatus, string> = { ok: 'healthy', warn: 'degraded', down: 'down', idle: 'idle' };

function kindIcon(kind: string): IconName | undefined {
  const k = kind.toLowerCase();
  if (k.includes('producer')) return 'send';
  if (k.includes('broker')) return 'server';
  if (k.includes('topic')) return 'listUnordered';
  if (k.includes('group')) return 'organization';
  if (k.includes('consumer') || k.includes('member')) return 'person';
  return undefined;
}

function describe(node: TopologyNode): string {
  const facts = node.detail.length ? ` — ${node.detail.join(', ')}` : '';
  return `${node.label} (${node.kind}): ${STATUS_WORD[node.status]}${facts}`;
}

/** Text widths measured with the real UI font on a canvas (cached); the estimate if canvas is unavailable. */
function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return estimateText;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const cache = new Map<string, number>();
  return (text, fontSize, bold) => {
    const key = `${fontSize}|${bold ? 1 : 0}|${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (cache.size > 5000) cache.clear();
      context.font = `${bold ? 600 : 400} ${fontSize}px ${family}`;
      width = context.measureText(text).width;
      cache.set(key, width);
    }
    return width;
  };
}

function Chip({ placed }: { placed: PlacedNode }) {
  const { box, node } = placed;
  return (
    <g class={`chip status-${node.status}`}>
      <title>{describe(node)}</title>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={3} />
      {node.status === 'down' && <line class="strike" x1={box.x + 2} y1={box.y + box.h - 2} x2={box.x + box.w - 2} y2={box.y + 2} />}
      {node.status === 'warn' && <path class="corner" d={`M ${box.x + box.w - 8} ${box.y} h 8 v 8 z`} />}
      <text class="chip-label" x={box.x + 5} y={box.y + 14}>
        {placed.label[0]}
      </text>
      {placed.details.map((line) => (
        <text class="chip-detail" x={box.x + 5} y={box.y + 26}>
          {line}
        </text>
      ))}
    </g>
  );
}

function NodeBox({ placed, metrics: m }: { placed: PlacedNode; metrics: LayoutMetrics }) {
  const { box, node } = placed;
  // The compact layout leaves the kind to the column title.
  const icon = m.compact ? undefined : kindIcon(node.kind);
  const labelX = box.x + m.boxPad + (icon ? 18 : 0);
  const baseline = box.y + m.boxPad + 12;
  const detailTop = baseline + (placed.label.length - 1) * m.labelLine + m.labelLine - 2;
  return (
    <g class={`node status-${node.status}`}>
      <title>{describe(node)}</title>
      <rect class="node-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={4} />
      <rect class="node-stripe" x={box.x} y={box.y} width={3} height={box.h} rx={1.5} />
      {icon && (
        <text class="codicon node-kind" x={box.x + m.boxPad} y={baseline + 1}>
          {CODICONS[icon]}
        </text>
      )}
      {placed.label.map((line, i) => (
        <text class="node-label" x={labelX} y={baseline + i * m.labelLine}>
          {line}
        </text>
      ))}
      <text class="codicon node-status" x={box.x + box.w - m.boxPad - 14} y={baseline + 1}>
        {CODICONS[STATUS_ICON[node.status]]}
      </text>
      {placed.details.map((line, i) => (
        <text class="node-detail" x={box.x + m.boxPad} y={detailTop + i * m.detailLine}>
          {line}
        </text>
      ))}
      {placed.children.map((child) => (
        <Chip key={child.node.id} placed={child} />
      ))}
    </g>
  );
}

function EdgeLabel({ edge }: { edge: PlacedEdge }) {
  if (!edge.edge.label) return null;
  const mid = pointOnEdge(edge, 0.5);
  return (
    <text class="edge-label" x={mid.x} y={mid.y - 5} text-anchor="middle">
      {edge.edge.label}
    </text>
  );
}

export interface TopologyProps {
  topology: TopologyData;
  running: boolean;
  speed: number;
  /** The UI font, so text is re-measured when it changes. */
  fontFamily: string;
}

export function Topology({ topology, running, speed, fontFamily }: TopologyProps) {
  const [containerRef, width] = useWidth<HTMLDivElement>();
  // Text is measured in the UI font; a theme that changes the font gets a new measurer.
  const measure = useMemo(canvasMeasure, [fontFamily]);
  const layout = useMemo(() => (width ? layoutTopology(topology, width, measure) : undefined), [topology, width, measure]);
  const particleLayer = useRef<SVGGElement>(null);
  const field = useRef<ParticleField>();

  useEffect(() => {
    const layer = particleLayer.current;
    if (!layer || !layout) return;
    if (prefersReducedMotion()) {
      field.current?.dispose();
      field.current = undefined;
      return;
    }
    if (field.current?.layer !== layer) {
      // The SVG was re-created (topology emptied and came back): start a field on the new layer.
      field.current?.dispose();
      field.current = new ParticleField(layer);
    }
    field.current.update(layout.edges, running, speed);
  }, [layout, running, speed]);

  useEffect(() => () => field.current?.dispose(), []);

  const empty = topology.nodes.length === 0;
  return (
    <div class="topology" ref={containerRef}>
      {empty && <p class="empty">No topology yet: it appears when the simulation reports its first tick.</p>}
      {layout && !empty && (
        <svg
          class="topology-svg"
          width={Math.round(layout.width * layout.scale)}
          height={Math.round(layout.height * layout.scale)}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          aria-hidden="true"
          focusable="false"
        >
          {layout.columns.map((column) => (
            <text class="column-title" x={column.x + column.w / 2} y={layout.metrics.pad + 10} text-anchor="middle">
              {column.title}
            </text>
          ))}
          <g class="edges">
            {layout.edges.map((edge) => (
              <path key={edge.id} class={`edge edge-${edge.edge.status}`} d={edgePath(edge)} stroke-width={edge.width} />
            ))}
          </g>
          {/* Filled by ParticleField, outside Preact's diff. */}
          <g class="particle-layer" ref={particleLayer} />
          {layout.nodes.map((placed) => (
            <NodeBox key={placed.node.id} placed={placed} metrics={layout.metrics} />
          ))}
          {layout.edges.map((edge) => (
            <EdgeLabel key={edge.id} edge={edge} />
          ))}
        </svg>
      )}
      {!empty && (
        <ul class="sr-only" aria-label="Topology">
          {topology.nodes.map((node) => (
            <li key={node.id}>{describe(node)}</li>
          ))}
          {topology.edges.map((edge) => (
            <li key={`${edge.from}->${edge.to}`}>{`${edge.from} to ${edge.to}: ${Math.round(edge.rate).toLocaleString('en-US')} per second, ${STATUS_WORD[edge.status]}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
