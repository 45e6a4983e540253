// The live SLO checklist: each victory condition, met or not, with its current value.
import type { SloStatus } from '../../src/protocol';
import { formatSlo } from '../format';
import { Icon, Panel } from '../ui';
import { usePanelOpen } from '../uiState';

export function Slos({ slos }: { slos: SloStatus[] }) {
  const [open, setOpen] = usePanelOpen('slos', true);
  const met = slos.filter((s) => s.ok).length;
  return (
    <Panel id="slos" title="Service levels" open={open} onToggle={setOpen} summary={slos.length ? `${met} of ${slos.length} met` : undefined}>
      {slos.length === 0 ? (
        <p class="empty">No service levels reported yet.</p>
      ) : (
        <ul class="slo-list">
          {slos.map((slo) => {
            const text = formatSlo(slo);
            return (
              <li key={slo.label} class={`slo ${slo.ok ? 'slo-ok' : 'slo-failing'}`}>
                <Icon name={slo.ok ? 'passFilled' : 'error'} className="slo-icon" />
                <span class="slo-label">
                  <span class="sr-only">{slo.ok ? 'Met: ' : 'Not met: '}</span>
                  {slo.label}
                </span>
                <span class="slo-value" aria-label={text.spoken}>
                  <span class="slo-current">{text.current}</span>
                  <span class="slo-target"> / {text.target}</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
