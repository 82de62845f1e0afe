/**
 * The words of the source reader (components/reader) and of the quote check
 * (lib/source/match): where a quote stands in its source, or why it does not.
 */
import type { CiterKind } from '@/lib/source/citations';
import type { QuoteCheck } from '@/lib/source/match';

export const READER_TEXT = {
  title: 'Source',
  region: 'Source reader',
  close: 'Close',
  closeLabel: 'Close the source reader',
  chooseSource: 'Source to read',
  noText: 'The text of this source is not in the scenario, so it cannot be shown here and its quotes cannot be checked.',
  gone: 'This source is no longer in the scenario.',
  paragraphs: (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`,
  quotes: (n: number) => `${n} quote${n === 1 ? '' : 's'} marked`,
  citedBy: 'Cited by',
  /** Read before "¶ N" on a paragraph link, so its name says what it does. */
  openAtBefore: 'Open the source at ',
  openAtTitle: (n: number) => `Read paragraph ${n} in the source`,
  notInParagraph: 'Cited here, but not in this paragraph’s text:',
  markTitle: (n: number) => `Quoted by ${n} record${n === 1 ? '' : 's'} of the scenario`,
} as const;

/** "¶ N", as every paragraph reference reads. */
export const paragraphRef = (n: number) => `¶\u00a0${n}`;

export const CITER_LABEL: Record<CiterKind, string> = {
  nodes: 'Branch',
  assumptions: 'Assumption',
  risks: 'Risk',
  indicators: 'Signpost',
  context: 'Context',
};

export const citerTitle = (kind: CiterKind, label: string, hasBranch: boolean) =>
  !hasBranch ? `${CITER_LABEL[kind]} “${label}”: no branch rests on it` : kind === 'nodes' ? `Select “${label}” on the tree` : `Select the branch that rests on ${CITER_LABEL[kind].toLowerCase()} “${label}”`;

export const QUOTE_CHECK_TEXT = {
  use: 'Use this passage',
  keep: 'You may keep your wording; it stays flagged as not verbatim.',
} as const;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The check's verdict as a sentence (for the form while typing, `cited` the paragraph typed). */
export function quoteCheckText(c: QuoteCheck, cited?: number): string {
  switch (c.status) {
    case 'no-text':
      return 'This source has no text in the scenario, so the quote cannot be checked.';
    case 'exact':
      if (c.elsewhere) return `Verified, but in ${paragraphRef(c.match.paragraph)}${cited !== undefined ? `, not ${paragraphRef(cited)}` : ''}: saving sets the paragraph to ${paragraphRef(c.match.paragraph)}.`;
      return c.identical
        ? `Verified: the source’s own words, in ${paragraphRef(c.match.paragraph)}.`
        : `Verified in ${paragraphRef(c.match.paragraph)}; saved with the source’s quote marks and spacing.`;
    case 'near':
      return `Not in the source as written. Nearest passage, ${paragraphRef(c.nearest.paragraph)} (${percent(c.nearest.similarity)} alike):`;
    case 'none':
      return 'Not in the source, and no passage is close to it.';
  }
}

/** A flag on a saved quote that does not match its source (null when it does, or cannot be checked). */
export function quoteFlagText(c: QuoteCheck, cited: number): string | null {
  switch (c.status) {
    case 'exact':
      return c.elsewhere ? `In the source at ${paragraphRef(c.match.paragraph)}, not ${paragraphRef(cited)}` : null;
    case 'near':
      return `Not verbatim: nearest passage ${paragraphRef(c.nearest.paragraph)} (${percent(c.nearest.similarity)} alike)`;
    case 'none':
      return 'Not found in the source';
    case 'no-text':
      return null;
  }
}
