'use client';
/**
 * Boxes that are not laid out while off screen (`content-visibility: auto` with `contain-intrinsic-size: auto`,
 * app/globals.css: the text views under the tree, and the outline's branches) keep the height they last had on
 * screen, or a placeholder's (64 px) if never laid out. Either can be wrong when the box comes into view, and the
 * browser lays it out at its real height a few frames later: the rows below it move while the person looks at them,
 * and a click begun on one ends on another.
 *
 * - **Changed while off screen** (a branch edited in the inspector, a child added): after each change under `ref`,
 *   every such box around the change (the root, its ancestors matching `boxes`, and a matching box the change
 *   added) is laid out for one frame (its skipping lifted by an inline style), which is when the browser takes the
 *   height it keeps. Only those boxes: the branches beside them stay skipped.
 * - **Never laid out** (a branch below the first screen, or every branch of an outline just re-made): when there
 *   are at most `warmUpTo` boxes, each is laid out once in idle time, one a round (with the skipped boxes around
 *   it), so it has its real height to keep before anyone scrolls or jumps to it. More boxes than that (a large outline, a box per branch) would be
 *   seconds of text layout: left to the browser.
 *
 * The root carries `data-sizes-known="true"` once every box has had its layout (tests wait for it).
 */
import { useEffect, type RefObject } from 'react';

/** Frames a box stays laid out: its height is taken in the first, the skipping is restored in the second. */
const FRAMES = 2;
/** Boxes first laid out per round in idle time: a branch's first layout is cold text layout, one at a time keeps it short. */
const WARM_BATCH = 1;

function unlift(el: HTMLElement): void {
  el.style.removeProperty('content-visibility');
  el.style.removeProperty('contain');
}

export function useFreshSkippedSizes(ref: RefObject<HTMLElement | null>, boxes: string, warmUpTo = 0): void {
  useEffect(() => {
    const root = ref.current;
    if (!root || typeof MutationObserver !== 'function') return;
    /** The boxes laid out now; they are skipped again once FRAMES frames have passed with no change. */
    const lifted = new Set<HTMLElement>();
    /** Boxes laid out at least once. */
    const known = new WeakSet<HTMLElement>();
    let frame = 0;
    let idle = 0;
    const idleApi = typeof window.requestIdleCallback === 'function';
    const warmSoon = () => {
      if (idle || warmUpTo <= 0) return;
      root.dataset.sizesKnown = 'false';
      idle = idleApi ? window.requestIdleCallback(warmRound) : window.setTimeout(warmRound, 50);
    };
    const restoreAfter = (left: number) => {
      frame = requestAnimationFrame(() => {
        if (left > 1) return restoreAfter(left - 1);
        frame = 0;
        for (const el of lifted) {
          unlift(el);
          known.add(el);
        }
        lifted.clear();
        if (root.dataset.sizesKnown === 'false') warmSoon();
      });
    };
    const lift = (el: HTMLElement) => {
      // `auto` also contains the box (its children's margins stay inside it): kept, or the height taken would differ.
      el.style.setProperty('content-visibility', 'visible');
      el.style.setProperty('contain', 'layout style paint');
      lifted.add(el);
    };
    /** A box, the skipped boxes around it (a box inside a skipped one is not laid out) and the root. */
    const liftWithAncestors = (start: HTMLElement) => {
      for (let el: HTMLElement | null = start; el && el !== root; el = el.parentElement) {
        if (el.matches(boxes)) lift(el);
      }
      lift(root);
    };
    function warmRound() {
      idle = 0;
      // A change's boxes are laid out now: this round waits for them to be skipped again (restoreAfter calls back).
      if (frame) return;
      const all = root!.querySelectorAll<HTMLElement>(boxes);
      if (all.length > warmUpTo) {
        delete root!.dataset.sizesKnown;
        return;
      }
      let n = 0;
      for (const el of all) {
        if (known.has(el)) continue;
        liftWithAncestors(el);
        if (++n === WARM_BATCH) break;
      }
      if (n === 0) {
        root!.dataset.sizesKnown = 'true';
        return;
      }
      restoreAfter(FRAMES);
    }
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const at = r.target instanceof HTMLElement ? r.target : r.target.parentElement;
        if (at) liftWithAncestors(at);
        for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches(boxes)) lift(n);
      }
      lift(root);
      // Counted again from this change: every box lifted so far gets its frames.
      if (frame) cancelAnimationFrame(frame);
      restoreAfter(FRAMES);
      // Boxes inside what was added have never been laid out.
      warmSoon();
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'href'] });
    warmSoon();
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      if (idle) {
        if (idleApi) window.cancelIdleCallback(idle);
        else window.clearTimeout(idle);
      }
      for (const el of lifted) unlift(el);
    };
  }, [ref, boxes, warmUpTo]);
}
