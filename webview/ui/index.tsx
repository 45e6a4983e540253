// Small Preact components over @vscode-elements/elements and a few native widgets styled like
// VS Code. Everything else in the webview builds on these, so swapping the element library
// touches this folder only.
import type { ComponentChildren } from 'preact';
import './elements';
import { CODICONS, type IconName } from './icons';

export { CODICONS, type IconName };

/** A decorative codicon; meaning always comes from adjacent text or the parent's label. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <span class={className ? `codicon ${className}` : 'codicon'} aria-hidden="true">
      {CODICONS[name]}
    </span>
  );
}

export interface ButtonProps {
  onClick: () => void;
  children: ComponentChildren;
  icon?: IconName;
  secondary?: boolean;
  disabled?: boolean;
  /** Spoken label when the visible text is not enough ("Pause simulation"). */
  label?: string;
  title?: string;
  /** Toggle buttons (speed) announce their state. */
  pressed?: boolean;
  className?: string;
}

export function Button({ onClick, children, icon, secondary, disabled, label, title, pressed, className }: ButtonProps) {
  return (
    <vscode-button
      class={className}
      secondary={secondary ?? false}
      disabled={disabled ?? false}
      aria-disabled={disabled ? 'true' : undefined}
      aria-label={label}
      aria-pressed={pressed === undefined ? undefined : pressed ? 'true' : 'false'}
      title={title ?? label}
      onClick={disabled ? undefined : onClick}
    >
      {icon && <Icon name={icon} className="button-icon" />}
      {children}
    </vscode-button>
  );
}

/** A short status word in VS Code's badge style ("new", "3"). */
export function Badge({ children, label }: { children: ComponentChildren; label?: string }) {
  return (
    <vscode-badge aria-label={label} title={label}>
      {children}
    </vscode-badge>
  );
}

export interface PanelProps {
  id: string;
  title: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** Short text after the title while collapsed or open ("2 of 3 met"). */
  summary?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  className?: string;
}

/** A collapsible section with a VS Code pane-style header; a native button keeps aria-expanded right. */
export function Panel({ id, title, open, onToggle, summary, actions, children, className }: PanelProps) {
  const bodyId = `${id}-body`;
  return (
    <section class={`panel ${className ?? ''} ${open ? 'is-open' : 'is-closed'}`} aria-labelledby={`${id}-title`}>
      <div class="panel-header">
        <h2 class="panel-title">
          <button
            type="button"
            id={`${id}-title`}
            class="panel-toggle"
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={bodyId}
            onClick={() => onToggle(!open)}
          >
            <Icon name={open ? 'chevronDown' : 'chevronRight'} />
            <span>{title}</span>
          </button>
        </h2>
        {summary !== undefined && <span class="panel-summary">{summary}</span>}
        {actions && <div class="panel-actions">{actions}</div>}
      </div>
      <div class="panel-body" id={bodyId} hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** A horizontal gauge with its value in text next to it (meaning never by colour alone). */
export function Meter({ value, max, label, level }: { value: number; max: number; label: string; level: 'ok' | 'warn' | 'down' }) {
  const clamped = Math.max(0, Math.min(max, value));
  return (
    <span class={`meter meter-${level}`} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.round(clamped)}>
      <span class="meter-fill" style={{ width: `${(clamped / max) * 100}%` }} />
    </span>
  );
}
