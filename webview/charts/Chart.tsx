// One uPlot chart with a title, a text legend (latest value, or the value under the cursor) and
// theme-aware strokes: colours are functions of the current theme, so a theme change is a redraw.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { History } from '../../src/protocol';
import { formatClock, formatCompact, formatNumber } from '../format';
import type { Theme } from '../theme';
import { useWidth } from '../useWidth';
import { chartData, latestValue, type ChartDef } from './series';

const PLOT_HEIGHT = 150;
/** Tick steps for the time axis: whole seconds, then minutes. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

function axisFont(theme: Theme): string {
  return `${Math.round(theme.fontSize * 0.85)}px ${theme.fontFamily}`;
}

function buildOptions(chart: ChartDef, width: number, theme: () => Theme, onCursor: (idx: number | null) => void): uPlot.Options {
  const t = theme();
  const axisCommon = {
    stroke: () => theme().muted,
    grid: { stroke: () => theme().grid, width: 1 },
    ticks: { stroke: () => theme().grid, width: 1, size: 4 },
    font: axisFont(t),
    labelFont: axisFont(t),
    labelSize: 14,
    labelGap: 0,
    gap: 3,
  };
  return {
    width,
    height: PLOT_HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: false },
      y: {
        range: chart.range
          ? () => chart.range as [number, number]
          : (_u, min, max) => [Math.min(0, min ?? 0), max !== null && max > 0 ? max * 1.12 : 1],
      },
    },
    axes: [
      { ...axisCommon, label: 'simulated time (m:ss)', size: 24, incrs: TIME_STEPS, space: 60, values: (_u, splits) => splits.map((s) => formatClock(s)) },
      { ...axisCommon, label: chart.unit, size: 50, values: (_u, splits) => splits.map((s) => formatCompact(s)) },
    ],
    series: [
      {},
      ...chart.series.map((s) => ({
        label: s.label,
        stroke: () => theme().charts[s.color],
        width: 1.5,
        points: { show: false },
        spanGaps: false,
      })),
    ],
    hooks: { setCursor: [(u: uPlot) => onCursor(u.cursor.idx ?? null)] },
  };
}

export interface ChartProps {
  chart: ChartDef;
  history: History;
  theme: Theme;
}

export function Chart({ chart, history, theme }: ChartProps) {
  const [containerRef, width] = useWidth<HTMLDivElement>();
  const plot = useRef<uPlot>();
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const [cursor, setCursor] = useState<number | null>(null);
  const data = useMemo(() => chartData(chart, history), [chart, history]);
  // Rebuild only when the set of series changes (a new consumer group appears), not per tick.
  const signature = `${chart.id}|${chart.unit}|${chart.series.map((s) => `${s.key}:${s.color}`).join(',')}`;

  const ready = width > 0;

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !ready) return;
    const created = new uPlot(buildOptions(chart, width, () => themeRef.current, setCursor), data as uPlot.AlignedData, container);
    plot.current = created;
    return () => {
      created.destroy();
      plot.current = undefined;
    };
    // Width changes go through setSize and data through setData below; fonts are baked into the options.
  }, [signature, ready, theme.fontFamily, theme.fontSize]);

  useEffect(() => {
    if (width && plot.current && plot.current.width !== width) plot.current.setSize({ width, height: PLOT_HEIGHT });
  }, [width]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    plot.current?.redraw(false);
  }, [theme]);

  const atCursor = cursor !== null && cursor < history.t.length;
  const titleId = `chart-${chart.id}-title`;
  return (
    <figure class="chart" aria-labelledby={titleId}>
      <figcaption class="chart-header">
        <span class="chart-title" id={titleId}>
          {chart.title} <span class="chart-unit">({chart.unit})</span>
        </span>
        <span class="chart-legend">
          {atCursor && <span class="legend-time">at {formatClock(history.t[cursor])}</span>}
          {chart.series.map((s) => {
            const value = atCursor ? history.series[s.key]?.[cursor] : latestValue(history, s.key);
            return (
              <span class="legend-item" key={s.key}>
                <span class="legend-swatch" style={{ backgroundColor: theme.charts[s.color] }} aria-hidden="true" />
                <span class="legend-label">{s.label}</span>
                <span class="legend-value">{formatNumber(value)}</span>
              </span>
            );
          })}
        </span>
      </figcaption>
      <div class="chart-body">
        {/* uPlot owns this element's children. */}
        <div class="chart-plot" ref={containerRef} role="img" aria-label={`${chart.title} over simulated time, in ${chart.unit}`} />
        {history.t.length === 0 && <p class="chart-empty">No samples yet</p>}
      </div>
    </figure>
  );
}
