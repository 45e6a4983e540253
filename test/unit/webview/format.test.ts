import { strict as assert } from 'node:assert';
import { formatClock, formatCompact, formatNumber, formatSlo, formatTick } from '../../../webview/format';
import { withAlpha } from '../../../webview/theme';

describe('webview formatting', () => {
  it('numbers get thousands separators and less precision as they grow', () => {
    assert.equal(formatNumber(12400), '12,400');
    assert.equal(formatNumber(1234567.8), '1,234,568');
    assert.equal(formatNumber(87.46), '87.5');
    assert.equal(formatNumber(0.4251), '0.43');
    assert.equal(formatNumber(Number.NaN), '—');
    assert.equal(formatNumber(undefined), '—');
  });

  it('axis ticks are compact', () => {
    assert.equal(formatCompact(950), '950');
    assert.equal(formatCompact(12000), '12k');
    assert.equal(formatCompact(1500000), '1.5M');
  });

  it('the simulated clock reads m:ss, and log times add tenths from the tick', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(64.3), '1:04');
    assert.equal(formatClock(3725), '1:02:05');
    assert.equal(formatTick(653), '1:05.3');
  });

  it('SLO targets show the comparison as a symbol, counts with thousands separators', () => {
    assert.equal(formatSlo({ value: 6310, op: '<', target: 1000, unit: '' }).target, '< 1,000');
    assert.equal(formatSlo({ value: 99.9, op: '>=', target: 99.5, unit: '' }).target, '≥ 99.5');
  });

  it('SLO latencies in ms read as seconds once the target is a second or the value ten seconds', () => {
    const slow = formatSlo({ value: 110_218, op: '<', target: 2000, unit: 'ms' });
    assert.equal(`${slow.current} / ${slow.target}`, '110 s / < 2 s');
    const nearly = formatSlo({ value: 1500, op: '<', target: 2000, unit: 'ms' });
    assert.equal(`${nearly.current} / ${nearly.target}`, '1.5 s / < 2 s');
    const fast = formatSlo({ value: 1218.8, op: '<', target: 500, unit: 'ms' });
    assert.equal(`${fast.current} / ${fast.target}`, '1,219 ms / < 500 ms');
    const stalled = formatSlo({ value: 35_000, op: '<', target: 500, unit: 'ms' });
    assert.equal(`${stalled.current} / ${stalled.target}`, '35 s / < 0.5 s');
  });

  it('SLO counts carry their unit on the current value; percentages on both', () => {
    const lag = formatSlo({ value: 6310, op: '<', target: 500, unit: 'records' });
    assert.equal(`${lag.current} / ${lag.target}`, '6,310 records / < 500');
    assert.equal(lag.spoken, 'now 6,310 records, target below 500 records');
    assert.equal(formatSlo({ value: 1, op: '<=', target: 4, unit: 'instances' }).current, '1 instance');
    assert.equal(formatSlo({ value: 911.4, op: '>=', target: 700, unit: 'msg/s' }).current, '911 msg/s');
    const errors = formatSlo({ value: 0.465, op: '<', target: 1, unit: '%' });
    assert.equal(`${errors.current} / ${errors.target}`, '0.47% / < 1%');
    assert.equal(formatSlo({ value: 3, op: '==', target: 0, unit: 'count' }).current, '3');
  });

  it('theme colours take an extra alpha, keeping their own', () => {
    assert.equal(withAlpha('#cccccc', 0.5), 'rgba(204, 204, 204, 0.5)');
    assert.equal(withAlpha('#cccccc80', 0.5), 'rgba(204, 204, 204, 0.251)');
    assert.equal(withAlpha('#fff', 1), 'rgba(255, 255, 255, 1)');
    assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
    assert.equal(withAlpha('var(--x)', 0.5), 'var(--x)');
  });
});
