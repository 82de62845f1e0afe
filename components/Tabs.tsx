'use client';
/**
 * One tab list for every tabbed view (the text views under the tree, the
 * analysis panel, the scenario editor), following the WAI-ARIA tabs pattern:
 * the selected tab is the one tab stop; Left/Right move and select, Home/End
 * go to the first and last. The caller renders the panels with `tabPanelProps`.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabListProps<T extends string> {
  tabs: readonly T[];
  current: T;
  onSelect: (tab: T) => void;
  /** The tab list's accessible name. */
  label: string;
  /** Prefix of the tabs' and panels' ids: `${idBase}-tab-${t}` and `${idBase}-panel-${t}` (`tab-${t}`, `panel-${t}` when empty). */
  idBase: string;
  className: string;
  labelOf: (tab: T) => ReactNode;
  testIdOf?: (tab: T) => string;
  /** The tab that takes focus when its dialog opens. */
  autofocus?: T;
}

const prefixed = (idBase: string, id: string) => (idBase ? `${idBase}-${id}` : id);
export const tabId = (idBase: string, tab: string) => prefixed(idBase, `tab-${tab}`);
export const panelId = (idBase: string, tab: string) => prefixed(idBase, `panel-${tab}`);

/** The ARIA attributes of one tab's panel. */
export function tabPanelProps(idBase: string, tab: string, current: string) {
  return { role: 'tabpanel', id: panelId(idBase, tab), 'aria-labelledby': tabId(idBase, tab), hidden: tab !== current } as const;
}

export function TabList<T extends string>({ tabs, current, onSelect, label, idBase, className, labelOf, testIdOf, autofocus }: TabListProps<T>) {
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const at = tabs.indexOf(current);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(next);
    refs.current[next]?.focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          type="button"
          role="tab"
          id={tabId(idBase, t)}
          aria-selected={current === t}
          aria-controls={panelId(idBase, t)}
          tabIndex={current === t ? 0 : -1}
          data-testid={testIdOf?.(t)}
          data-autofocus={t === autofocus ? true : undefined}
          onClick={() => onSelect(t)}
        >
          {labelOf(t)}
        </button>
      ))}
    </div>
  );
}
