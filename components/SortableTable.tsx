'use client';
/**
 * The analyst's tables (Key Assumptions, watchlist): a scrolling grid with a
 * caption for screen readers and column headers that sort, one way to draw
 * them.
 */
import type { ReactNode } from 'react';

export type SortDirection = 'ascending' | 'descending';

/** A column header whose button sorts by it; `dir` is this column's direction, or none when another sorts. */
export function SortHeader({ label, dir, className, testId, title, onSort }: {
  label: string; dir: SortDirection | 'none'; className: string; testId: string; title?: string; onSort: () => void;
}) {
  return (
    <th scope="col" className={className} aria-sort={dir}>
      <button type="button" className="kac-sort" title={title} data-testid={testId} onClick={onSort}>
        {label}
        <span className={`kac-sort-mark${dir === 'none' ? '' : ` ${dir}`}`} aria-hidden="true" />
      </button>
    </th>
  );
}

/** The grid: `head` is the header row's cells, `children` the body rows, `after` what follows the table inside the scroller. */
export function SortableTable({ className, caption, head, children, after }: {
  className?: string; caption: string; head: ReactNode; children: ReactNode; after?: ReactNode;
}) {
  return (
    <div className={`kac-scroll${className ? ` ${className}-scroll` : ''}`}>
      <table className={`kac-grid${className ? ` ${className}-grid` : ''}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {after}
    </div>
  );
}

/** A labelled select above a table that narrows its rows; `children` are its options. */
export function FilterSelect({ id, label, value, testId, className, onChange, children }: {
  id: string; label: string; value: string; testId: string; className: string; onChange: (value: string) => void; children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

/** A labelled search box above a table that narrows its rows by their words. */
export function FilterText({ id, label, value, placeholder, testId, className, autoFocus, onChange }: {
  id: string; label: string; value: string; placeholder: string; testId: string; className: string; autoFocus?: boolean; onChange: (value: string) => void;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={value} placeholder={placeholder} data-testid={testId} data-autofocus={autoFocus || undefined} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
