// The event log: newest at the bottom. It follows new entries until the reader scrolls up, and
// offers a way back to the latest; the pin survives the panel being hidden.
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { LogEntry } from '../../src/protocol';
import { formatTick } from '../format';
import { Button, Icon, Panel, type IconName } from '../ui';
import { useLogPinned, usePanelOpen } from '../uiState';

const LEVEL: Record<LogEntry['level'], { icon: IconName; text: string }> = {
  info: { icon: 'info', text: 'info' },
  warn: { icon: 'warning', text: 'warn' },
  error: { icon: 'error', text: 'error' },
};

/** Within this many pixels of the bottom counts as "at the bottom". */
const PIN_SLACK = 8;

export function EventLog({ log }: { log: LogEntry[] }) {
  const [open, setOpen] = usePanelOpen('log', true);
  const [pinned, setPinned] = useLogPinned();
  const list = useRef<HTMLOListElement>(null);
  const last = log[log.length - 1];

  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned && open) element.scrollTop = element.scrollHeight;
  }, [last, pinned, open]);

  const onScroll = () => {
    const element = list.current;
    if (!element) return;
    setPinned(element.scrollTop + element.clientHeight >= element.scrollHeight - PIN_SLACK);
  };

  const warnings = log.filter((e) => e.level !== 'info').length;
  // The log array only changes when entries arrive, so most ticks reuse the rendered rows.
  const entries = useMemo(
    () =>
      log.map((entry, i) => {
        const level = LEVEL[entry.level];
        return (
          <li key={`${entry.tick}:${i}`} class={`log-entry log-${entry.level}`}>
            <span class="log-time">{formatTick(entry.tick)}</span>
            <span class="log-level">
              <Icon name={level.icon} />
              <span class="log-level-text">{level.text}</span>
            </span>
            <span class="log-text">{entry.text}</span>
          </li>
        );
      }),
    [log],
  );
  return (
    <Panel
      id="log"
      title="Event log"
      open={open}
      onToggle={setOpen}
      summary={`${log.length} events${warnings ? `, ${warnings} warnings or errors` : ''}`}
      actions={
        !pinned && (
          <Button icon="arrowDown" onClick={() => setPinned(true)} secondary label="Scroll to the latest event">
            Latest
          </Button>
        )
      }
    >
      {log.length === 0 ? (
        <p class="empty">No events yet.</p>
      ) : (
        <ol class="log" ref={list} onScroll={onScroll} role="log" aria-label="Event log" tabIndex={0}>
          {entries}
        </ol>
      )}
    </Panel>
  );
}
