import { strict as assert } from 'node:assert';
import { chartData, latestValue, scenarioCharts, STANDARD_CHARTS } from '../../../webview/charts/series';

describe('webview charts: series', () => {
  it('a prefix becomes one line per matching metric, named by the rest of the metric name', () => {
    const [lag] = scenarioCharts([{ id: 'lag', title: 'Consumer lag', unit: 'records', series: [{ prefix: 'lag.' }] }], ['lag.kitchen', 'throughput.in', 'lag.billing', 'lagging']);
    assert.deepEqual(
      lag.series.map((s) => [s.key, s.label]),
      [
        ['lag.billing', 'billing'],
        ['lag.kitchen', 'kitchen'],
      ],
    );
    assert.notEqual(lag.series[0].color, lag.series[1].color, 'each line gets its own colour');
  });

  it('an explicit metric keeps its label and a metric matched twice is drawn once', () => {
    const [chart] = scenarioCharts(
      [{ id: 'urp', title: 'Under-replicated partitions', unit: 'partitions', series: [{ metric: 'kafka.urp', label: 'URP' }, { prefix: 'kafka.' }] }],
      ['kafka.urp', 'kafka.offline'],
    );
    assert.deepEqual(
      chart.series.map((s) => s.label),
      ['URP', 'offline'],
    );
  });

  it('health is charted on a fixed 0–100 scale next to throughput, latency and errors', () => {
    assert.deepEqual(
      STANDARD_CHARTS.map((c) => c.id),
      ['throughput', 'latency', 'errors', 'health'],
    );
    assert.deepEqual(STANDARD_CHARTS.find((c) => c.id === 'health')?.range, [0, 100]);
  });

  it('missing and non-finite samples become gaps, not zeros', () => {
    const chart = STANDARD_CHARTS[0];
    const data = chartData(chart, { t: [0.1, 0.2, 0.3], series: { 'throughput.in': [10, NaN, 30] } });
    assert.deepEqual(data, [
      [0.1, 0.2, 0.3],
      [10, null, 30],
      [null, null, null],
    ]);
  });

  it('the legend shows the latest real value, skipping trailing gaps', () => {
    const history = { t: [1, 2, 3], series: { lag: [5, 7, null as unknown as number] } };
    assert.equal(latestValue(history, 'lag'), 7);
    assert.equal(latestValue(history, 'missing'), undefined);
  });
});
