/**
 * The words of the analyst's free-text fields on shared records (assumptions,
 * risks, indicators): each field's label and the hint it shows when empty.
 */
import { WATCH_WORDS } from './watchlist';

export interface TextFieldWords {
  label: string;
  placeholder?: string;
}

export const RECORD_TEXT_WORDS = {
  assumptions: {
    rationale: { label: 'Rationale', placeholder: 'Why it holds, or does not…' },
    undermine: { label: 'What would undermine it', placeholder: 'What we would expect to see if it were wrong…' },
  },
  risks: {
    mitigation: { label: 'Mitigation', placeholder: 'How the risk could be reduced or hedged…' },
  },
  indicators: {
    owner: { label: WATCH_WORDS.owner, placeholder: WATCH_WORDS.ownerPlaceholder },
    threshold: { label: WATCH_WORDS.threshold, placeholder: WATCH_WORDS.thresholdPlaceholder },
    note: { label: 'Note' },
  },
} as const satisfies Record<string, Record<string, TextFieldWords>>;

/** The inspector section of each shared kind: its title, what it says when empty, the new-record hint and the "also on" label. */
export const RECORD_PANEL_WORDS = {
  assumptions: { title: 'Assumptions', empty: 'No assumptions recorded for this branch.', placeholder: 'New assumption…', also: 'Also underpins:' },
  risks: { title: 'Risks', empty: 'No risks recorded for this branch.', placeholder: 'New risk…', also: 'Also a risk on:' },
  indicators: { title: 'Indicators to watch', empty: 'No indicators recorded for this branch.', placeholder: 'New indicator to watch…', also: 'Also watched on:' },
} as const;
