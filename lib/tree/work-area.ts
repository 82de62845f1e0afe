/**
 * How large the tree's canvas can be in a window of a given size, from the sizes the work area's stylesheet gives
 * it (app/globals.css `.work`, `.tree-wrap`; a test keeps the two equal). A view mounted on the client renders, in
 * its first render, what its opening view shows in any canvas up to this size (lib/tree/cull `openingCover`): the
 * tighter the bound, the fewer cards that first render makes. Never smaller than the canvas (the toolbar and the
 * legend take their share of the panel; the source reader, when open, takes width from it).
 */
import type { Viewport } from './cull';

export const WORK_AREA = {
  /** `.work`: `grid-template-columns: minmax(0, 1fr) <inspector>px` (the narrowest inspector column of any layout). */
  inspectorWidth: 400,
  /** `.work`: `height: min(<heightVh>vh, <maxHeight>px); min-height: <minHeight>px`. */
  heightVh: 78,
  maxHeight: 820,
  minHeight: 460,
  /** `@media (max-width: <narrowMax>px)`: one column, `.tree-wrap { height: <narrowTreeVh>vh }`. */
  narrowMax: 980,
  narrowTreeVh: 70,
} as const;

/** The largest the tree's canvas can be in a window of `win` CSS px (never below the tree view's floor of 200). */
export function treeCanvasBound(win: Viewport): Viewport {
  const narrow = win.width <= WORK_AREA.narrowMax;
  const width = narrow ? win.width : win.width - WORK_AREA.inspectorWidth;
  const height = narrow
    ? (win.height * WORK_AREA.narrowTreeVh) / 100
    : Math.max(WORK_AREA.minHeight, Math.min((win.height * WORK_AREA.heightVh) / 100, WORK_AREA.maxHeight));
  return { width: Math.max(200, Math.ceil(width)), height: Math.max(200, Math.ceil(height)) };
}
