'use client';
/**
 * While a Key Assumptions Check status is being tried, a banner over the tree
 * says so (the marks on the tree show the preview, not the saved judgement)
 * and offers keep or discard. The preview itself lives in the store.
 */
import { useApp, useAppStore } from './AppProvider';
import { selectDocument, selectWhatIf } from '@/lib/store/selectors';
import { WHAT_IF_WORDS, whatIfBanner } from '@/lib/messages/kac';

export function WhatIfBanner() {
  const whatIf = useApp(selectWhatIf);
  const doc = useApp(selectDocument);
  const store = useAppStore();
  const assumption = whatIf ? doc.scenario.assumptions.find((a) => a.id === whatIf.assumptionId) : undefined;
  if (!whatIf || !assumption) return null;
  return (
    <div className="what-if-banner" role="status" data-testid="what-if-banner">
      <span>
        <strong>{whatIfBanner(assumption.statement, whatIf.status)}</strong> {WHAT_IF_WORDS.banner}
      </span>
      <span className="what-if-banner-actions">
        <button type="button" className="primary" onClick={() => store.getState().keepWhatIf()}>
          {WHAT_IF_WORDS.keep}
        </button>
        <button type="button" onClick={() => store.getState().tryStatus(null)}>
          {WHAT_IF_WORDS.discard}
        </button>
      </span>
    </div>
  );
}
