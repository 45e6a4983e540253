// The incident briefing. Open the first time a scenario is shown, collapsed on later views
// (panel shown again) unless the reader opens it; the choice is remembered per scenario.
import type { ScenarioView } from '../../src/protocol';
import { Panel } from '../ui';
import { useBriefingOpen } from '../uiState';

export function Briefing({ scenario }: { scenario: ScenarioView }) {
  const [open, setOpen] = useBriefingOpen(scenario.id);
  const { story, symptom, goal } = scenario.briefing;
  return (
    <Panel id="briefing" title="Briefing" open={open} onToggle={setOpen} summary={open ? undefined : goal} className="briefing">
      <dl class="briefing-list">
        <dt>Story</dt>
        <dd>{story}</dd>
        <dt>Symptom</dt>
        <dd>{symptom}</dd>
        <dt>Goal</dt>
        <dd class="goal">{goal}</dd>
        {scenario.worldFacts.length > 0 && (
          <>
            <dt>Workload</dt>
            <dd>
              <ul class="facts">
                {scenario.worldFacts.map((fact) => (
                  <li key={fact}>{fact}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </Panel>
  );
}
