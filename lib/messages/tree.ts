import { digits } from './count';
/**
 * Words of the tree's navigation: the text views beside it, the minimap, Fit,
 * zoom and depth controls, and the notices they give.
 */

export const VIEW_WORDS = {
  /** The region holding the outline and the Key Assumptions tab. */
  textViews: 'Text views',
  /** The text views' tabs. */
  tabs: { outline: 'Outline', assumptions: 'Key assumptions', team: 'Team judgements', discussion: 'Discussion', audit: 'Audit trail' },
} as const;

/** Heading of the comparison's list of changed branches the open scenario does not have. */
export const offTreeHeading = (n: number) => (n === 1 ? 'Not in the open scenario (1 branch)' : `Not in the open scenario (${n} branches)`);

/** A node named with its parent, where another listed node has the same title. */
export const underParent = (title: string, parentTitle: string) => `${title} (under “${parentTitle}”)`;

/** Where a branch was: "under “Parent”, 2nd of 4" (the root has no parent). */
export function placeText(parentTitle: string | null, position: number, of: number): string {
  const where = parentTitle === null ? 'the root' : `under “${parentTitle}”`;
  return `(${where}, branch ${position} of ${of})`;
}

/** The zoom level as the toolbar shows it: whole percent, and one significant digit below 1% (a large tree zoomed far out is not at "0%"). */
export function zoomPercentText(k: number): string {
  const p = k * 100;
  return p < 0.95 ? `${Number(p.toPrecision(1))}%` : `${Math.round(p)}%`;
}

/** What Fit says when it stopped at a readable scale instead of showing every branch. */
export function fitLeftOutNotice(leftOut: number, total: number, percent: number): string {
  return `Fit stopped at ${percent}% so titles stay readable: ${digits(leftOut)} of ${digits(total)} branches are outside the view. Drag the minimap or zoom out to see them.`;
}

export const MINIMAP_WORDS = {
  /** The minimap is a pointer shortcut; the keyboard moves through the tree itself. */
  title: 'Minimap: drag to move the view',
} as const;

/** The depth selector's option for a tree open to no single depth. */
export const DEPTH_MIXED = 'mixed';
