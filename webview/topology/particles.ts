// Particles flowing along topology edges: how many (pure, tested) and the animation (DOM).
// Spawn rate follows the log of the edge's rate and is capped, so 5 msg/s and 5,000 msg/s
// differ visibly without 5,000 circles; a global budget caps busy topologies too.
import { pointOnEdge, type PlacedEdge } from './layout';

export const PARTICLES = {
  /** Seconds for one particle to cross an edge at 1× speed. */
  travelSeconds: 1.6,
  maxSpawnPerSecond: 9,
  /** Live circles across all edges. */
  budget: 360,
  minPerEdge: 3,
  maxPerEdge: 16,
  radius: 2.4,
} as const;

/** Particles spawned per (wall-clock) second at 1× for an edge carrying `rate` units/s. */
export function spawnRate(rate: number): number {
  if (!(rate > 0)) return 0;
  return Math.min(PARTICLES.maxSpawnPerSecond, 1 + 2 * Math.log10(1 + rate));
}

/** Live particles allowed per edge when `edgeCount` edges share the budget. */
export function perEdgeCap(edgeCount: number): number {
  if (edgeCount <= 0) return 0;
  return Math.max(PARTICLES.minPerEdge, Math.min(PARTICLES.maxPerEdge, Math.floor(PARTICLES.budget / edgeCount)));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

interface EdgeFlow {
  edge: PlacedEdge;
  group: SVGGElement;
  circles: SVGCircleElement[];
  /** Positions along the edge in [0, 1). */
  positions: number[];
  /** Fractional particles owed by the spawn rate. */
  owed: number;
}

/** Animates one <g> of circles per edge inside `layer`; frozen while the run is paused. */
export class ParticleField {
  private readonly flows = new Map<string, EdgeFlow>();
  private frame = 0;
  private lastTime = 0;
  private running = false;
  private speed = 1;
  private jitterSeed = 1;

  constructor(readonly layer: SVGGElement) {}

  update(edges: PlacedEdge[], running: boolean, speed: number): void {
    this.speed = speed;
    const cap = perEdgeCap(edges.length);
    const seen = new Set<string>();
    for (const edge of edges) {
      seen.add(edge.id);
      let flow = this.flows.get(edge.id);
      if (!flow) {
        flow = this.createFlow(edge, cap);
        this.flows.set(edge.id, flow);
      }
      flow.edge = edge;
      flow.group.setAttribute('class', `particles particles-${edge.edge.status}`);
      if (flow.positions.length > cap) flow.positions.length = cap;
      this.draw(flow);
    }
    for (const [id, flow] of this.flows) {
      if (!seen.has(id)) {
        flow.group.remove();
        this.flows.delete(id);
      }
    }
    this.setRunning(running);
  }

  dispose(): void {
    this.setRunning(false);
    for (const flow of this.flows.values()) flow.group.remove();
    this.flows.clear();
  }

  private createFlow(edge: PlacedEdge, cap: number): EdgeFlow {
    const group = document.createElementNS(SVG_NS, 'g');
    this.layer.appendChild(group);
    // Start with the edge already populated, evenly spaced, rather than empty for a crossing.
    const count = Math.min(cap, Math.round(spawnRate(edge.edge.rate) * PARTICLES.travelSeconds));
    const positions = Array.from({ length: count }, (_, i) => (i + 0.5) / count);
    return { edge, group, circles: [], positions, owed: 0 };
  }

  private setRunning(running: boolean): void {
    if (running === this.running) return;
    this.running = running;
    if (running) {
      this.lastTime = 0;
      this.frame = requestAnimationFrame(this.tick);
    } else {
      cancelAnimationFrame(this.frame);
    }
  }

  private readonly tick = (now: number): void => {
    // Clamp the step so a background tab or a long frame doesn't teleport particles.
    const dt = this.lastTime ? Math.min(0.1, (now - this.lastTime) / 1000) : 0;
    this.lastTime = now;
    const cap = perEdgeCap(this.flows.size);
    for (const flow of this.flows.values()) {
      this.advance(flow, dt, cap);
      this.draw(flow);
    }
    this.frame = requestAnimationFrame(this.tick);
  };

  private advance(flow: EdgeFlow, dt: number, cap: number): void {
    const step = (dt * this.speed) / PARTICLES.travelSeconds;
    const positions = flow.positions.map((t) => t + step).filter((t) => t < 1);
    const down = flow.edge.edge.status === 'down';
    flow.owed += down ? 0 : spawnRate(flow.edge.edge.rate) * dt * this.speed;
    while (flow.owed >= 1) {
      flow.owed -= 1 + this.jitter();
      if (positions.length < cap) positions.push(0);
    }
    flow.positions = positions;
  }

  /** ±0.35 of a spawn interval, from a tiny LCG: spacing that looks organic, not metronomic. */
  private jitter(): number {
    this.jitterSeed = (this.jitterSeed * 1103515245 + 12345) % 2147483648;
    return (this.jitterSeed / 2147483648 - 0.5) * 0.7;
  }

  private draw(flow: EdgeFlow): void {
    const { circles, positions, group } = flow;
    while (circles.length < positions.length) {
      const circle = document.createElementNS(SVG_NS, 'circle');
      circle.setAttribute('r', String(PARTICLES.radius));
      group.appendChild(circle);
      circles.push(circle);
    }
    for (let i = 0; i < circles.length; i++) {
      const circle = circles[i];
      if (i < positions.length) {
        const p = pointOnEdge(flow.edge, positions[i]);
        circle.setAttribute('cx', p.x.toFixed(1));
        circle.setAttribute('cy', p.y.toFixed(1));
        circle.removeAttribute('visibility');
      } else {
        circle.setAttribute('visibility', 'hidden');
      }
    }
  }
}
