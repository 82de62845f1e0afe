'use client';
/**
 * Search (ARIA combobox + listbox): finds branches by their text, the text of
 * the records and quotes they cite, and the analyst's notes, tags and
 * rationales; each result names what matched. Picking a result expands the
 * branch's path, selects it and centres it.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectAnnotations, selectScenario } from '@/lib/store/selectors';
import { buildAnnotationIndex, buildSearchIndex, search, type SearchResult } from '@/lib/tree/search';
import { SEARCH_WORDS, searchMatchLabel } from '@/lib/messages/search';

function Highlight({ r }: { r: SearchResult }) {
  const start = Math.max(0, r.matchStart - 40);
  const pre = (start > 0 ? '…' : '') + r.text.slice(start, r.matchStart);
  const hit = r.text.slice(r.matchStart, r.matchStart + r.matchLength);
  const post = r.text.slice(r.matchStart + r.matchLength, r.matchStart + r.matchLength + 60);
  return (
    <>
      {pre}
      <mark>{hit}</mark>
      {post}
      {r.matchStart + r.matchLength + 60 < r.text.length ? '…' : ''}
    </>
  );
}

export function SearchBox() {
  const store = useAppStore();
  const scenario = useApp(selectScenario);
  const annotations = useApp(selectAnnotations);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  // Leaving the field closes the list a moment later; coming back (or typing) before then keeps it open.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepOpen = () => {
    clearTimeout(closing.current);
    setOpen(true);
  };
  useEffect(() => () => clearTimeout(closing.current), []);
  // Indexed only while someone is searching (a 50,000-node scenario takes ~150 ms to index),
  // not on every edit of the document.
  const searching = deferred.trim().length > 0;
  const index = useMemo(() => (searching ? buildSearchIndex(scenario) : null), [scenario, searching]);
  // The annotations are indexed apart: a note typed while searching refolds only the annotations.
  const notes = useMemo(() => (index ? buildAnnotationIndex(index, annotations) : undefined), [index, annotations]);
  const results = useMemo(() => (index ? search(index, deferred, 30, notes) : []), [index, deferred, notes]);
  const listId = useId();

  const pick = (r: SearchResult | undefined) => {
    if (!r || !r.nodeId) return;
    store.getState().reveal(r.nodeId, true);
    setOpen(false);
  };

  const showList = open && query.trim().length > 0;
  return (
    <div className="search">
      <input
        type="search"
        role="combobox"
        aria-label={SEARCH_WORDS.label}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `${listId}-${active}` : undefined}
        placeholder={SEARCH_WORDS.placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          keepOpen();
        }}
        onFocus={keepOpen}
        onBlur={() => {
          clearTimeout(closing.current);
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            keepOpen();
            setActive((a) => Math.min(a + 1, Math.max(0, results.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(results[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {showList ? (
        <ul className="search-results" role="listbox" id={listId} aria-label={SEARCH_WORDS.results}>
          {results.length === 0 ? (
            <li role="option" aria-selected="false" aria-disabled="true" className="empty">
              {SEARCH_WORDS.none}
            </li>
          ) : (
            results.map((r, i) => (
              <li
                key={`${r.kind}-${r.id}-${r.field}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(r)}
              >
                <span className={`kind-tag tag-${r.kind}`}>{searchMatchLabel(r.kind, r.field)}</span> <Highlight r={r} />
                {r.nodeId ? null : <span className="search-nobranch"> ({SEARCH_WORDS.noBranch})</span>}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
