// The Ops Console: rebuilt from the host's snapshot, extended by its deltas.
import { useEffect, useReducer } from 'preact/hooks';
import type { ToWebview } from '../src/protocol';
import { Charts } from './charts/Charts';
import { post } from './host';
import { Briefing } from './panels/Briefing';
import { Controls } from './panels/Controls';
import { EventLog } from './panels/EventLog';
import { Header } from './panels/Header';
import { Hints } from './panels/Hints';
import { Outcome } from './panels/Outcome';
import { Slos } from './panels/Slos';
import { reduce, type ConsoleState } from './state';
import { useTheme } from './theme';
import { Topology } from './topology/Topology';
import { Panel } from './ui';
import { usePanelOpen, UiStateContext, useUiStore } from './uiState';

function isToWebview(data: unknown): data is ToWebview {
  const type = (data as { type?: unknown } | null)?.type;
  return type === 'snapshot' || type === 'delta' || type === 'outcome';
}

function Console({ state }: { state: ConsoleState }) {
  const { scenario, live, history, log, outcome } = state;
  const theme = useTheme();
  const [topologyOpen, setTopologyOpen] = usePanelOpen('topology', true);
  const [chartsOpen, setChartsOpen] = usePanelOpen('charts', true);
  const { nodes } = live.topology;
  const down = nodes.filter((n) => n.status === 'down').length;
  const warn = nodes.filter((n) => n.status === 'warn').length;
  return (
    <div class="console">
      <Header scenario={scenario} live={live} />
      <Controls scenario={scenario} live={live} />
      {outcome && <Outcome outcome={outcome} scenario={scenario} slos={live.slos} />}
      <main class="console-body">
        <div class="area-briefing">
          <Briefing key={scenario.id} scenario={scenario} />
        </div>
        <div class="area-slos">
          <Slos slos={live.slos} />
        </div>
        <div class="area-main">
          <Panel
            id="topology"
            title="Topology"
            open={topologyOpen}
            onToggle={setTopologyOpen}
            summary={nodes.length ? `${down} down, ${warn} degraded of ${nodes.length}` : undefined}
          >
            <Topology topology={live.topology} running={live.status === 'running' && topologyOpen} speed={live.speed} fontFamily={theme.fontFamily} />
          </Panel>
          <Panel id="charts" title="Metrics" open={chartsOpen} onToggle={setChartsOpen}>
            <Charts specs={scenario.charts} history={history} theme={theme} />
          </Panel>
        </div>
        <div class="area-hints">
          <Hints scenario={scenario} live={live} />
        </div>
        <div class="area-log">
          <EventLog log={log} />
        </div>
      </main>
    </div>
  );
}

export function App() {
  const [state, dispatch] = useReducer(reduce, undefined);
  const uiStore = useUiStore();

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (isToWebview(event.data)) dispatch(event.data);
    };
    window.addEventListener('message', onMessage);
    post({ type: 'ready' }); // only after listening, so the snapshot cannot be missed
    return () => window.removeEventListener('message', onMessage);
  }, []);

  return (
    <UiStateContext.Provider value={uiStore}>
      {state ? (
        <Console state={state} />
      ) : (
        <p class="waiting" role="status">
          Waiting for the simulation…
        </p>
      )}
    </UiStateContext.Provider>
  );
}
