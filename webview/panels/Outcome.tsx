// The end of a run, shown above the console so the charts and topology stay in view for the
// post-mortem. Victory: score, stars and what was learned; failure: why, and where to look.
import { useEffect, useRef } from 'preact/hooks';
import type { RunOutcome, ScenarioView, SloStatus } from '../../src/protocol';
import { formatClock, formatNumber } from '../format';
import { post } from '../host';
import { Button, Icon } from '../ui';

export const MAX_STARS = 3;

export function starText(stars: number): string {
  const earned = Math.max(0, Math.min(MAX_STARS, Math.round(stars)));
  return '★'.repeat(earned) + '☆'.repeat(MAX_STARS - earned);
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export interface OutcomeProps {
  outcome: RunOutcome;
  scenario: ScenarioView;
  /** Conditions still failing at the end, as a fallback for "what to look at". */
  slos: SloStatus[];
}

export function Outcome({ outcome, scenario, slos }: OutcomeProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus to the result so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [outcome]);
  const restart = () => post({ type: 'control', action: 'restart' });

  if (!outcome.won) {
    const lookAt = outcome.lookAt?.length ? outcome.lookAt : slos.filter((s) => !s.ok).map((s) => s.label);
    return (
      <section class="outcome outcome-lost" aria-labelledby="outcome-title">
        <div class="outcome-main">
          <h2 id="outcome-title" ref={heading} tabIndex={-1}>
            <Icon name="error" /> Incident lost
          </h2>
          <p class="outcome-reason">{outcome.reason ?? 'The run ended before the service levels held.'}</p>
          {lookAt.length > 0 && (
            <div class="look-at">
              <h3>What to look at</h3>
              <ul>
                {lookAt.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          )}
          <p class="muted">The charts and topology below show the run as it ended.</p>
        </div>
        <dl class="stats">
          <Stat label="Time" value={formatClock(outcome.seconds)} />
          <Stat label="Hints used" value={formatNumber(outcome.hintsUsed)} />
          <Stat label="Final health" value={formatNumber(Math.round(outcome.finalHealth))} />
        </dl>
        <div class="outcome-actions">
          <Button icon="restart" onClick={restart}>
            Retry
          </Button>
        </div>
      </section>
    );
  }

  const stars = starText(outcome.stars);
  return (
    <section class="outcome outcome-won" aria-labelledby="outcome-title">
      <div class="outcome-main">
        <h2 id="outcome-title" ref={heading} tabIndex={-1}>
          <Icon name="passFilled" /> Incident resolved
        </h2>
        <p class="stars" role="img" aria-label={`${Math.round(outcome.stars)} of ${MAX_STARS} stars`}>
          {stars}
        </p>
      </div>
      <dl class="stats">
        <Stat label="Score" value={formatNumber(outcome.score)} />
        <Stat label="Time" value={formatClock(outcome.seconds)} />
        <Stat label="Hints used" value={formatNumber(outcome.hintsUsed)} />
        <Stat label="Final health" value={formatNumber(Math.round(outcome.finalHealth))} />
        <Stat label="Duplicates" value={formatNumber(outcome.duplicates)} />
        {outcome.bestScore !== undefined && <Stat label="Best score" value={formatNumber(outcome.bestScore)} />}
      </dl>
      {scenario.concepts.length > 0 && (
        <div class="concepts">
          <h3>What this incident teaches</h3>
          <div class="concept-cards">
            {scenario.concepts.map((card) => (
              <article class="concept-card" key={card.title}>
                <h4>{card.title}</h4>
                <p>{card.body}</p>
              </article>
            ))}
          </div>
        </div>
      )}
      <div class="outcome-actions">
        {outcome.nextScenarioId && (
          <Button icon="arrowRight" onClick={() => post({ type: 'control', action: 'next' })}>
            Next scenario
          </Button>
        )}
        <Button icon="restart" onClick={restart} secondary>
          Replay
        </Button>
      </div>
    </section>
  );
}
