// Which charts the console draws and which history series feed them: the four standard charts
// every technology reports, health, and the scenario's own ChartSpecs (a `prefix` series
// expands to every metric that starts with it, e.g. one lag line per consumer group).
import type { ChartSpec } from '../../src/engine/types';
import { HEALTH_SERIES, type History } from '../../src/protocol';
import { SERIES_PALETTE, type ChartColor } from '../theme';

export interface SeriesDef {
  key: string;
  label: string;
  color: ChartColor;
}

export interface ChartDef {
  id: string;
  title: string;
  unit: string;
  series: SeriesDef[];
  /** Fixed y range (health is always 0–100); otherwise 0 to a little above the maximum. */
  range?: [number, number];
}

export const STANDARD_CHARTS: readonly ChartDef[] = [
  {
    id: 'throughput',
    title: 'Throughput',
    unit: 'msg/s',
    series: [
      { key: 'throughput.in', label: 'in', color: 'blue' },
      { key: 'throughput.out', label: 'out', color: 'green' },
    ],
  },
  { id: 'latency', title: 'Latency p99', unit: 'ms', series: [{ key: 'latency.p99', label: 'p99', color: 'purple' }] },
  { id: 'errors', title: 'Error rate', unit: '%', series: [{ key: 'errors.rate', label: 'errors', color: 'red' }] },
  { id: 'health', title: 'Health', unit: 'score', series: [{ key: HEALTH_SERIES, label: 'health', color: 'green' }], range: [0, 100] },
];

/** The scenario's charts with prefixes expanded against the metric names present in the history. */
export function scenarioCharts(specs: readonly ChartSpec[], metricNames: readonly string[]): ChartDef[] {
  const sorted = [...metricNames].sort();
  return specs.map((spec) => {
    const series: SeriesDef[] = [];
    const seen = new Set<string>();
    const add = (key: string, label: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      series.push({ key, label, color: SERIES_PALETTE[(series.length) % SERIES_PALETTE.length] });
    };
    for (const entry of spec.series) {
      if (entry.metric !== undefined) add(entry.metric, entry.label ?? entry.metric);
      if (entry.prefix !== undefined) {
        const prefix = entry.prefix;
        for (const name of sorted.filter((n) => n.startsWith(prefix))) {
          const rest = name.slice(prefix.length).replace(/^[.:_-]+/, '');
          add(name, rest || entry.label || name);
        }
      }
    }
    return { id: `scenario-${spec.id}`, title: spec.title, unit: spec.unit, series };
  });
}

export type ChartData = [number[], ...(number | null)[][]];

/** uPlot's aligned data: x in simulated seconds, one row per series; missing or non-finite values are gaps. */
export function chartData(chart: ChartDef, history: History): ChartData {
  const rows = chart.series.map((s) => {
    const values = history.series[s.key];
    return history.t.map((_, i) => {
      const v = values?.[i];
      return v === undefined || !Number.isFinite(v) ? null : v;
    });
  });
  return [history.t, ...rows];
}

/** Latest finite value of a series, for the legend. */
export function latestValue(history: History, key: string): number | undefined {
  const values = history.series[key];
  if (!values) return undefined;
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return undefined;
}
