/**
 * What a link to the workspace may carry besides `?node=<id>`: `?depth=<n>`,
 * the depth the tree opens to (0 shows the root alone). Pure, no DOM.
 */

/** The deepest depth a link may ask for; deeper asks are refused, not clamped. */
export const MAX_LINK_DEPTH = 99;

/** A link's `depth`: a whole number from 0 to 99, or null when absent or not one. */
export function linkDepth(raw: string | null): number | null {
  if (raw === null || !/^\d{1,2}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_LINK_DEPTH ? n : null;
}
