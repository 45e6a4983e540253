import { strict as assert } from 'node:assert';
import { formatClock, formatCompact, formatNumber, formatTarget, formatTick } from '../../../webview/format';
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

  it('SLO targets show the comparison as a symbol', () => {
    assert.equal(formatTarget('<', 1000), '< 1,000');
    assert.equal(formatTarget('>=', 99.5), '≥ 99.5');
  });

  it('theme colours take an extra alpha, keeping their own', () => {
    assert.equal(withAlpha('#cccccc', 0.5), 'rgba(204, 204, 204, 0.5)');
    assert.equal(withAlpha('#cccccc80', 0.5), 'rgba(204, 204, 204, 0.251)');
    assert.equal(withAlpha('#fff', 1), 'rgba(255, 255, 255, 1)');
    assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
    assert.equal(withAlpha('var(--x)', 0.5), 'var(--x)');
  });
});
