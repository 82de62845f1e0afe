/**
 * What the rest of the app may ask of the tree's view: centre a branch, fit
 * the whole tree, zoom. The tree view implements it when it is mounted and
 * registers it in the store's session slice (`setPanZoom`); `reveal` and the
 * commands call it directly. No React, no DOM: just the contract.
 */
export interface PanZoomController {
  /** Centres the view on a branch once it is laid out (it may have just been expanded). */
  centreOn(id: string): void;
  /** Fits the visible tree in the view, down to a readable scale (lib/tree/minimap); says what it left out. */
  fit(): void;
  /** Fits the whole visible tree in the view, however small that makes it (the zoom-out limit follows). */
  fitAll(): void;
  /**
   * Zooms by a factor (>1 zooms in) from the scale the view is heading to, so
   * quick clicks add up; about the selection when there is one, else the middle.
   */
  zoomBy(factor: number): void;
}

/** The factors of the Zoom in and Zoom out commands. */
export const ZOOM_STEP_IN = 1.25;
export const ZOOM_STEP_OUT = 0.8;
