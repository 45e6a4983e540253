// Run controls. Every button posts a ControlMessage or SpeedMessage; the host decides.
import type { ControlAction, LiveState, ScenarioView, Speed } from '../../src/protocol';
import { post } from '../host';
import { plural } from '../format';
import { Badge, Button, Icon } from '../ui';

const SPEEDS: readonly Speed[] = [1, 2, 4];

function control(action: ControlAction): () => void {
  return () => post({ type: 'control', action });
}

export function Controls({ scenario, live }: { scenario: ScenarioView; live: LiveState }) {
  const finished = live.status === 'won' || live.status === 'lost';
  const paused = live.status === 'paused';
  const used = live.hintsShown.length;
  const hintLabel = live.hintAvailable
    ? `Reveal a hint (${used} of ${scenario.hintCount} used; each costs 50 points)`
    : `Hints: ${used} of ${scenario.hintCount} used; none on offer yet`;
  return (
    <div class="controls" role="group" aria-label="Simulation controls">
      <div class="control-group">
        {paused ? (
          <Button icon="play" onClick={control('resume')} disabled={finished} label="Resume simulation" secondary>
            Resume
          </Button>
        ) : (
          <Button icon="pause" onClick={control('pause')} disabled={finished} label="Pause simulation" secondary>
            Pause
          </Button>
        )}
        <Button icon="stepOver" onClick={control('step')} disabled={!paused} label="Step one tick (100 ms)" title="Step one tick (available while paused)" secondary>
          Step
        </Button>
      </div>
      <div class="control-group speed" role="group" aria-label="Simulation speed">
        {SPEEDS.map((speed) => (
          <Button
            key={speed}
            className="speed-button"
            onClick={() => post({ type: 'speed', speed })}
            pressed={live.speed === speed}
            secondary={live.speed !== speed}
            disabled={finished}
            label={`Speed ${speed}×`}
          >
            {speed}×
          </Button>
        ))}
      </div>
      <div class="control-group">
        <Button icon="restart" onClick={control('restart')} label="Restart the scenario from the beginning" secondary>
          Restart
        </Button>
        <Button icon="lightbulb" onClick={control('hint')} disabled={finished || !live.hintAvailable} label={hintLabel} secondary className={live.hintAvailable ? 'hint-ready' : undefined}>
          Hint
          <span class="button-count">
            {used}/{scenario.hintCount}
          </span>
        </Button>
        {live.hintAvailable && !finished && <Badge label="A hint is available">hint available</Badge>}
      </div>
      <div class="control-group control-primary">
        {live.configErrors > 0 && (
          <span class="config-errors" role="status">
            <Icon name="error" />
            {plural(live.configErrors, 'error')} in config — last good config still applies
          </span>
        )}
        <Button icon="goToFile" onClick={control('openConfig')} label={`Open the config file ${live.configPath}`} title={live.configPath}>
          Open config
        </Button>
      </div>
    </div>
  );
}
