// Scenario identity and the run's vital signs: status, simulated clock, health.
import type { LiveState, RunStatus, ScenarioView } from '../../src/protocol';
import { formatClock } from '../format';
import { Icon, Meter, type IconName } from '../ui';

const STATUS: Record<RunStatus, { icon: IconName; text: string }> = {
  running: { icon: 'pulse', text: 'Running' },
  paused: { icon: 'pause', text: 'Paused' },
  won: { icon: 'passFilled', text: 'Won' },
  lost: { icon: 'error', text: 'Lost' },
};

/** Health bands shown in words next to the number. */
export function healthLevel(health: number): { level: 'ok' | 'warn' | 'down'; word: string } {
  if (health >= 70) return { level: 'ok', word: 'healthy' };
  if (health >= 35) return { level: 'warn', word: 'degraded' };
  return { level: 'down', word: 'critical' };
}

export function Header({ scenario, live }: { scenario: ScenarioView; live: LiveState }) {
  const status = STATUS[live.status];
  const health = Math.round(live.health);
  const { level, word } = healthLevel(live.health);
  const limit = scenario.timeLimitSeconds;
  return (
    <header class="console-header">
      <div class="title-block">
        <div class="eyebrow">
          {scenario.track} · {String(scenario.index).padStart(2, '0')}
        </div>
        <h1 class="scenario-title">{scenario.title}</h1>
        <ul class="tags" aria-label="Scenario facts">
          <li class={`tag difficulty difficulty-${scenario.difficulty}`}>
            <span class="sr-only">Difficulty: </span>
            {scenario.difficulty}
          </li>
          <li class="tag">
            <span class="sr-only">Concept: </span>
            {scenario.concept}
          </li>
          <li class="tag">{scenario.version}</li>
        </ul>
      </div>
      <dl class="vitals">
        <div class="vital">
          <dt>Status</dt>
          <dd class={`status-pill status-pill-${live.status}`} aria-live="polite">
            <Icon name={status.icon} />
            {status.text}
          </dd>
        </div>
        <div class="vital">
          <dt>Clock</dt>
          <dd class="clock">
            <Icon name="watch" />
            <span>
              {formatClock(live.seconds)}
              {limit !== undefined && <span class="muted"> / {formatClock(limit)}</span>}
            </span>
          </dd>
        </div>
        <div class="vital vital-health">
          <dt>Health</dt>
          <dd class={`health health-${level}`}>
            <span class="health-number">{health}</span>
            <Meter value={live.health} max={100} label={`Health ${health} of 100, ${word}`} level={level} />
            <span class="health-word">{word}</span>
          </dd>
        </div>
      </dl>
    </header>
  );
}
