// Preact hooks over the persisted UI state (collapsed panels, log scroll pin).
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { loadUiState, saveUiState, type UiState } from './host';

interface UiStore {
  state: UiState;
  update(change: (state: UiState) => UiState): void;
}

export const UiStateContext = createContext<UiStore | undefined>(undefined);

export function useUiStore(): UiStore {
  const [state, setState] = useState<UiState>(loadUiState);
  const update = useCallback((change: (state: UiState) => UiState) => {
    setState((previous) => {
      const next = change(previous);
      saveUiState(next);
      return next;
    });
  }, []);
  return { state, update };
}

function useStore(): UiStore {
  const store = useContext(UiStateContext);
  if (!store) throw new Error('UiStateContext missing');
  return store;
}

/** Open/closed state of one panel, remembered across hide/show. */
export function usePanelOpen(id: string, initiallyOpen: boolean): [boolean, (open: boolean) => void] {
  const { state, update } = useStore();
  const open = state.open[id] ?? initiallyOpen;
  const setOpen = useCallback((next: boolean) => update((s) => ({ ...s, open: { ...s.open, [id]: next } })), [id, update]);
  return [open, setOpen];
}

/** The briefing is open the first time a scenario is shown in this panel, collapsed on later views unless the reader opens it. */
export function useBriefingOpen(scenarioId: string): [boolean, (open: boolean) => void] {
  const { state, update } = useStore();
  const [firstView] = useState(() => !(state.seenBriefings ?? []).includes(scenarioId));
  useEffect(() => {
    if (firstView) update((s) => ({ ...s, seenBriefings: [...(s.seenBriefings ?? []).filter((id) => id !== scenarioId), scenarioId].slice(-50) }));
  }, [firstView, scenarioId, update]);
  return usePanelOpen(`briefing:${scenarioId}`, firstView);
}

export function useLogPinned(): [boolean, (pinned: boolean) => void] {
  const { state, update } = useStore();
  const setPinned = useCallback(
    (pinned: boolean) => update((s) => (s.logPinned === pinned ? s : { ...s, logPinned: pinned })),
    [update],
  );
  return [state.logPinned, setPinned];
}
