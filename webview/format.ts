// Number and time formatting for the console. Fixed to en-US so every reader (and every test)
// sees "12,400" the same way.
import type { SloStatus } from '../src/protocol';
import type { Comparison } from '../src/scenario/types';
import { TICKS_PER_SECOND } from '../src/engine/types';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "12,400", "87.5", "0.42"; precision shrinks as magnitude grows. "—" when there is no value. */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return integer.format(value);
  if (magnitude >= 10) return oneDecimal.format(value);
  return twoDecimals.format(value);
}

/** Compact axis ticks: "950", "12k", "1.5M". */
export function formatCompact(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${oneDecimal.format(value / 1e6)}M`;
  if (magnitude >= 1e4) return `${oneDecimal.format(value / 1e3)}k`;
  return formatNumber(value);
}

/** Simulated clock "m:ss" (or "h:mm:ss" past an hour). */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Event-log timestamp from a tick: "1:05.3". */
export function formatTick(tick: number): string {
  const seconds = tick / TICKS_PER_SECOND;
  const tenths = Math.floor((seconds * 10) % 10);
  return `${formatClock(seconds)}.${tenths}`;
}

const OPERATOR_TEXT: Record<Comparison, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=' };

/** Units that say nothing next to a number. */
const UNITLESS = new Set(['', 'count', '0/1']);

/** Milliseconds read as seconds once the target is a second or more, or the value ten seconds or more. */
function inSeconds(value: number, target: number): boolean {
  return Math.abs(target) >= 1000 || Math.abs(value) >= 10_000;
}

/** "1 instance", "3 instances", "911 msg/s". */
function withWordUnit(value: number, unit: string): string {
  const singular = value === 1 && unit.endsWith('s') && !unit.includes('/') ? unit.slice(0, -1) : unit;
  return `${formatNumber(value)} ${singular}`;
}

export interface SloText {
  /** "110 s", "6,310 records", "0.47%". */
  current: string;
  /** "< 2 s", "< 500", "< 1%": time and percentages carry their unit, counts leave it to the value. */
  target: string;
  /** For screen readers: "now 110 s, target below 2 s". */
  spoken: string;
}

/** An SLO's current value and target, in the metric's unit scaled for reading. */
export function formatSlo(slo: Pick<SloStatus, 'value' | 'op' | 'target' | 'unit'>): SloText {
  const { value, op, target, unit } = slo;
  const symbol = OPERATOR_TEXT[op as Comparison] ?? op;
  let current: string;
  let goal: string;
  let spokenGoal: string;
  if (unit === 'ms' && inSeconds(value, target)) {
    current = `${formatNumber(value / 1000)} s`;
    goal = spokenGoal = `${formatNumber(target / 1000)} s`;
  } else if (unit === 'ms') {
    current = `${formatNumber(value)} ms`;
    goal = spokenGoal = `${formatNumber(target)} ms`;
  } else if (unit === '%') {
    current = `${formatNumber(value)}%`;
    goal = spokenGoal = `${formatNumber(target)}%`;
  } else if (UNITLESS.has(unit)) {
    current = formatNumber(value);
    goal = spokenGoal = formatNumber(target);
  } else {
    current = withWordUnit(value, unit);
    goal = formatNumber(target);
    spokenGoal = withWordUnit(target, unit);
  }
  return { current, target: `${symbol} ${goal}`, spoken: `now ${current}, target ${describeOperator(op)} ${spokenGoal}` };
}

/** Words for screen readers where the UI shows a symbol. */
export function describeOperator(op: string): string {
  switch (op) {
    case '<':
      return 'below';
    case '<=':
      return 'at most';
    case '>':
      return 'above';
    case '>=':
      return 'at least';
    case '==':
      return 'equal to';
    default:
      return op;
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
