'use client';
/**
 * The tree's toolbar: search, expand and collapse, zoom, fit and centre. Every
 * button is a command of lib/commands/registry; the view commands act on the
 * pan-zoom controller the tree view registers in the store.
 */
import { useCallback, useRef, type RefObject } from 'react';
import { CommandButton, useCommand, useCommandUi } from '../CommandProvider';
import { SearchBox } from './SearchBox';

const DEPTHS = [1, 2, 3, 4, 5, 6];

/** `depth`: how deep the tree is open now (its deepest shown level, the root at 0), shown in the depth selector. */
export function TreeToolbar({ zoomLabelRef, depth: current }: { zoomLabelRef: RefObject<HTMLSpanElement | null>; depth: number }) {
  const toolbarRef = useRef<HTMLDivElement>(null);
  const depth = useCommand('tree.expand-to-depth');
  const focusSearch = useCallback(() => toolbarRef.current?.querySelector<HTMLInputElement>('input[type="search"]')?.focus(), []);
  useCommandUi({ focusSearch });
  return (
    <div className="tree-toolbar" role="toolbar" aria-label="Tree controls" ref={toolbarRef}>
      <SearchBox />
      <div className="tool-group" aria-label="Expand and collapse">
        <CommandButton id="tree.expand-all" />
        <CommandButton id="tree.collapse-all" />
        <label className="depth-select">
          <span>Depth</span>
          <select aria-label={depth.label} value={String(current)} onChange={(e) => depth.run(Number(e.target.value))} data-testid="depth-select">
            {(DEPTHS.includes(current) ? DEPTHS : [...DEPTHS, current].sort((a, b) => a - b)).map((n) => (
              <option key={n} value={n} disabled={n < 1}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tool-group" aria-label="Zoom">
        <CommandButton id="view.zoom-out" />
        <span className="zoom-level" aria-live="off" ref={zoomLabelRef}>
          100%
        </span>
        <CommandButton id="view.zoom-in" />
        <CommandButton id="view.fit" />
        <CommandButton id="view.centre" />
      </div>
    </div>
  );
}
