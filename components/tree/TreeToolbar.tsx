'use client';
import type { RefObject } from 'react';
import { useAppStore } from '../AppProvider';
import { SearchBox } from './SearchBox';

export function TreeToolbar({
  onZoomIn,
  onZoomOut,
  onFit,
  onCentre,
  zoomLabelRef,
}: {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onCentre: () => void;
  zoomLabelRef: RefObject<HTMLSpanElement | null>;
}) {
  const store = useAppStore();
  return (
    <div className="tree-toolbar" role="toolbar" aria-label="Tree controls">
      <SearchBox />
      <div className="tool-group" aria-label="Expand and collapse">
        <button type="button" onClick={() => store.getState().expandAll()}>
          Expand all
        </button>
        <button type="button" onClick={() => store.getState().collapseAll()}>
          Collapse all
        </button>
        <label className="depth-select">
          <span>Depth</span>
          <select
            aria-label="Expand to depth"
            defaultValue=""
            onChange={(e) => {
              const n = Number(e.target.value);
              if (n > 0) store.getState().expandToDepth(n);
              e.target.value = '';
            }}
          >
            <option value="" disabled>
              …
            </option>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tool-group" aria-label="Zoom">
        <button type="button" onClick={onZoomOut} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <span className="zoom-level" aria-live="off" ref={zoomLabelRef}>
          100%
        </span>
        <button type="button" onClick={onZoomIn} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={onFit} title="Fit the whole tree in view">
          Fit
        </button>
        <button type="button" onClick={onCentre} title="Centre on the selected branch">
          Centre
        </button>
      </div>
    </div>
  );
}
