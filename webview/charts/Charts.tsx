// The chart grid: the standard charts, then the scenario's own.
import { useMemo } from 'preact/hooks';
import type { ChartSpec } from '../../src/engine/types';
import type { History } from '../../src/protocol';
import type { Theme } from '../theme';
import { Chart } from './Chart';
import { scenarioCharts, STANDARD_CHARTS } from './series';

export function Charts({ specs, history, theme }: { specs: readonly ChartSpec[]; history: History; theme: Theme }) {
  const metricKey = Object.keys(history.series).sort().join('\n');
  const charts = useMemo(() => [...STANDARD_CHARTS, ...scenarioCharts(specs, metricKey ? metricKey.split('\n') : [])], [specs, metricKey]);
  return (
    <div class="charts">
      {charts.map((chart) => (
        <Chart key={chart.id} chart={chart} history={history} theme={theme} />
      ))}
    </div>
  );
}
