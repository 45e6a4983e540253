// Declarative SLO conditions: `metric op value`. No code in scenario files, only these.
import type { Comparison, Condition } from '../scenario/types';
import type { MetricMap } from './types';

export function holds(op: Comparison, value: number, target: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (op) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '==':
      return value === target;
  }
}

export function conditionHolds(condition: Condition, metrics: MetricMap): boolean {
  return holds(condition.op, metrics[condition.metric] ?? NaN, condition.value);
}

/**
 * How close a condition is to holding, in [0, 1]: 1 when it holds, otherwise the ratio of target
 * to actual (lag 4,000 against "< 1,000" is 0.25). Health is built from these.
 */
export function satisfaction(condition: Condition, metrics: MetricMap): number {
  const value = metrics[condition.metric] ?? NaN;
  if (!Number.isFinite(value)) return 0;
  if (holds(condition.op, value, condition.value)) return 1;
  const target = condition.value;
  switch (condition.op) {
    case '<':
    case '<=':
      // "errors < 1" with 5 errors: the margin is measured from the smallest meaningful target.
      return clamp01(Math.max(target, 1) / Math.max(value, 1e-9));
    case '>':
    case '>=':
      return target <= 0 ? 0 : clamp01(value / target);
    case '==':
      return 0;
  }
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
