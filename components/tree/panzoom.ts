/**
 * d3-zoom wrapped once (after xyflow's XYPanZoom): D3 only listens for wheel,
 * drag and touch on the SVG and reports transforms; React owns the elements.
 * Created in an effect on a ref, updated, destroyed on cleanup.
 */
import { select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import 'd3-transition';
import type { Transform } from '@/lib/tree/cull';

export interface PanZoomOptions {
  minZoom: number;
  maxZoom: number;
  onTransform: (t: Transform) => void;
  onEnd?: (t: Transform) => void;
  /** A person starts to pan or zoom (wheel, drag, touch): what was animating is theirs now. */
  onGesture?: () => void;
}

export interface PanZoom {
  setTransform(t: Transform, durationMs?: number): void;
  getTransform(): Transform;
  scaleBy(factor: number, durationMs?: number): void;
  update(options: Partial<PanZoomOptions>): void;
  destroy(): void;
}

export function createPanZoom(svg: SVGSVGElement, initial: PanZoomOptions): PanZoom {
  let options = initial;
  const sel: Selection<SVGSVGElement, unknown, null, undefined> = select(svg);
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([options.minZoom, options.maxZoom])
    // Ignore events that start on form controls or node toggles' keyboard use.
    .filter((event: Event) => {
      const e = event as MouseEvent & WheelEvent;
      if (e.type === 'dblclick') return false;
      if ((e.target as Element | null)?.closest?.('[data-no-pan]')) return false;
      return (!e.ctrlKey || e.type === 'wheel') && !e.button;
    })
    .on('start', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      if (event.sourceEvent) options.onGesture?.();
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      const { x, y, k } = event.transform;
      options.onTransform({ x, y, k });
    })
    .on('end', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      const { x, y, k } = event.transform;
      options.onEnd?.({ x, y, k });
    });
  sel.call(behavior).on('dblclick.zoom', null);
  // A wheel over the tree is the tree's. At the zoom's limits d3-zoom lets the wheel through (nothing to zoom), and
  // the page scrolled away under the pointer; over a control that is not the tree's (data-no-pan) it still scrolls.
  const holdWheel = (e: WheelEvent) => {
    if (!(e.target as Element | null)?.closest?.('[data-no-pan]')) e.preventDefault();
  };
  svg.addEventListener('wheel', holdWheel, { passive: false });

  const toD3 = (t: Transform) => zoomIdentity.translate(t.x, t.y).scale(t.k);

  return {
    setTransform(t, durationMs = 0) {
      if (durationMs > 0) sel.transition().duration(durationMs).call(behavior.transform, toD3(t));
      else sel.interrupt().call(behavior.transform, toD3(t));
    },
    getTransform() {
      const z = zoomTransform(svg);
      return { x: z.x, y: z.y, k: z.k };
    },
    scaleBy(factor, durationMs = 0) {
      if (durationMs > 0) sel.transition().duration(durationMs).call(behavior.scaleBy, factor);
      else sel.call(behavior.scaleBy, factor);
    },
    update(next) {
      options = { ...options, ...next };
      behavior.scaleExtent([options.minZoom, options.maxZoom]);
    },
    destroy() {
      svg.removeEventListener('wheel', holdWheel);
      sel.interrupt().on('.zoom', null);
    },
  };
}
