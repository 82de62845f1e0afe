'use client';
/**
 * The minimap: the whole laid-out tree drawn small (one path), with the view
 * on it as a rectangle; press or drag on it to move the view there. The
 * geometry is lib/tree/minimap's. The view rectangle (a box on its own layer
 * over the map, so moving it does not repaint the map) is placed by the tree
 * view straight in the DOM on every pan and zoom frame (`viewRef`), with no
 * React render. A pointer convenience: hidden from assistive technology (the
 * keyboard moves through the tree itself).
 */
import { useMemo, useRef, type PointerEvent, type RefObject } from 'react';
import type { TreeLayout } from '@/lib/tree/layout';
import { minimapNodesPath, type MinimapGeometry } from '@/lib/tree/minimap';
import { MINIMAP_WORDS } from '@/lib/messages/tree';

interface Props {
  layout: TreeLayout;
  geometry: MinimapGeometry;
  viewRef: RefObject<HTMLDivElement | null>;
  /** A minimap point (its own px) the view should be centred on. */
  onPoint: (x: number, y: number) => void;
}

export function Minimap({ layout, geometry, viewRef, onPoint }: Props) {
  const d = useMemo(() => minimapNodesPath(layout, geometry), [layout, geometry]);
  const dragging = useRef(false);
  const at = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onPoint(e.clientX - r.left, e.clientY - r.top);
  };
  return (
    <div className="minimap" aria-hidden="true" title={MINIMAP_WORDS.title} data-testid="minimap" data-no-pan>
      <svg
        width={geometry.width}
        height={geometry.height}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          at(e);
        }}
        onPointerMove={(e) => {
          if (dragging.current) at(e);
        }}
        onPointerUp={(e) => {
          dragging.current = false;
          e.currentTarget.releasePointerCapture(e.pointerId);
        }}
        onPointerCancel={() => (dragging.current = false)}
      >
        <path className="minimap-nodes" d={d} />
      </svg>
      <div ref={viewRef} className="minimap-view" />
    </div>
  );
}
