'use client';
/**
 * Boxes that are not laid out while off screen (`content-visibility: auto` with `contain-intrinsic-size: auto`,
 * app/globals.css: the text views under the tree, and the outline's branches) keep the height they last had on
 * screen. One whose content changes while it is off screen (a branch edited in the inspector, a child added) would
 * come into view at that old height and jump to its real one a frame later: the rows below it move while the person
 * scrolls to them, and a click begun on one ends on another.
 *
 * So after each change under `ref`, every such box around the change (the root, its ancestors matching `boxes`,
 * and a matching box the change added) is laid out for one frame (its skipping lifted by an inline style), which
 * is when the browser takes the height it keeps. Only those boxes: the branches beside them stay skipped.
 */
import { useEffect, type RefObject } from 'react';

/** Frames a box stays laid out: its height is taken in the first, the skipping is restored in the second. */
const FRAMES = 2;

function unlift(el: HTMLElement): void {
  el.style.removeProperty('content-visibility');
  el.style.removeProperty('contain');
}

export function useFreshSkippedSizes(ref: RefObject<HTMLElement | null>, boxes: string): void {
  useEffect(() => {
    const root = ref.current;
    if (!root || typeof MutationObserver !== 'function') return;
    /** The boxes laid out now; they are skipped again once FRAMES frames have passed with no change. */
    const lifted = new Set<HTMLElement>();
    let frame = 0;
    const restoreAfter = (left: number) => {
      frame = requestAnimationFrame(() => {
        if (left > 1) return restoreAfter(left - 1);
        frame = 0;
        for (const el of lifted) unlift(el);
        lifted.clear();
      });
    };
    const lift = (el: HTMLElement) => {
      // `auto` also contains the box (its children's margins stay inside it): kept, or the height taken would differ.
      el.style.setProperty('content-visibility', 'visible');
      el.style.setProperty('contain', 'layout style paint');
      lifted.add(el);
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (let el = r.target instanceof HTMLElement ? r.target : r.target.parentElement; el && el !== root; el = el.parentElement) {
          if (el.matches(boxes)) lift(el);
        }
        for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches(boxes)) lift(n);
      }
      lift(root);
      // Counted again from this change: every box lifted so far gets its frames.
      if (frame) cancelAnimationFrame(frame);
      restoreAfter(FRAMES);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'href'] });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      for (const el of lifted) unlift(el);
    };
  }, [ref, boxes]);
}
