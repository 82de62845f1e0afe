/**
 * The smallest edit from one text to another, as one splice (common prefix
 * and suffix kept), so a change typed into a field becomes a delete and an
 * insert at the place it was typed, and concurrent edits elsewhere in the
 * same text merge character by character.
 *
 * Positions are UTF-16 code units (as Y.Text counts them); a splice never
 * cuts a surrogate pair in half.
 */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The one splice that turns `before` into `after`, or null when they are equal. */
export function textSplice(before: string, after: string): Splice | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never end the kept prefix on the first half of a pair.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never start the kept suffix on the second half of a pair.
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}
