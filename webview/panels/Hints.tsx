// Hints revealed so far, and a cue when another one is on offer.
import type { LiveState, ScenarioView } from '../../src/protocol';
import { post } from '../host';
import { Button, Icon, Panel } from '../ui';
import { usePanelOpen } from '../uiState';

export function Hints({ scenario, live }: { scenario: ScenarioView; live: LiveState }) {
  const [open, setOpen] = usePanelOpen('hints', true);
  const finished = live.status === 'won' || live.status === 'lost';
  const shown = live.hintsShown;
  return (
    <Panel id="hints" title="Hints" open={open} onToggle={setOpen} summary={`${shown.length} of ${scenario.hintCount} used`}>
      {shown.length > 0 && (
        <ol class="hint-list">
          {shown.map((hint, i) => (
            <li key={i}>{hint}</li>
          ))}
        </ol>
      )}
      {live.hintAvailable && !finished ? (
        <div class="hint-offer" role="status">
          <Icon name="lightbulb" />
          <span>A hint is available. Each hint costs 50 points.</span>
          <Button icon="lightbulb" onClick={() => post({ type: 'control', action: 'hint' })} secondary label="Reveal the next hint">
            Reveal
          </Button>
        </div>
      ) : (
        shown.length === 0 && <p class="empty">No hints used. They are offered as time passes or health drops.</p>
      )}
    </Panel>
  );
}
