'use client';
/**
 * The quote check where quotes are written and shown: a live verdict in the
 * evidence form (verified, or the nearest passage with "Use this passage"),
 * and a flag on a saved quote that does not match its source.
 */
import { useDeferredValue, useMemo } from 'react';
import { useApp } from '../AppProvider';
import { selectSources } from '@/lib/store/selectors';
import { checkQuote, type QuoteCheck } from '@/lib/source/match';
import { QUOTE_CHECK_TEXT, quoteCheckText, quoteFlagText } from '@/lib/messages/reader';
import './cite.css';

/** The check of `quote` against the text of source `sourceId`, `paragraph` the one cited (if known). */
export function useQuoteCheck(sourceId: string, quote: string, paragraph: number | undefined): QuoteCheck | null {
  const sources = useApp(selectSources);
  const text = sources.find((s) => s.id === sourceId)?.text;
  return useMemo(() => (quote.trim() ? checkQuote(text, quote, paragraph) : null), [text, quote, paragraph]);
}

/** The verdict shown under the quote while the analyst writes it. */
export function QuoteCheckNote({
  sourceId,
  quote,
  paragraph,
  onUse,
}: {
  sourceId: string;
  quote: string;
  paragraph: number | undefined;
  onUse: (quote: string, paragraph: number) => void;
}) {
  const deferred = useDeferredValue(quote);
  const check = useQuoteCheck(sourceId, deferred, paragraph);
  if (!check) return null;
  const tone = check.status === 'exact' ? (check.elsewhere ? 'warn' : 'ok') : check.status === 'no-text' ? 'info' : 'warn';
  return (
    <div className={`quote-check quote-check-${tone}`} role="status" data-testid="quote-check" data-status={check.status}>
      <p>
        <span className="quote-check-icon" aria-hidden="true">
          {tone === 'ok' ? '✓' : tone === 'warn' ? '!' : 'i'}
        </span>
        {quoteCheckText(check, paragraph)}
      </p>
      {check.status === 'near' ? (
        <>
          <blockquote className="quote-check-passage" data-testid="quote-check-passage">
            {check.nearest.text}
          </blockquote>
          <div className="quote-check-actions">
            <button type="button" className="mini" data-testid="quote-check-use" onClick={() => onUse(check.nearest.text, check.nearest.paragraph)}>
              {QUOTE_CHECK_TEXT.use}
            </button>
            <span className="quote-check-keep">{QUOTE_CHECK_TEXT.keep}</span>
          </div>
        </>
      ) : null}
    </div>
  );
}

/** A flag on a saved quote that is not verbatim in its source, or not in the paragraph it cites. */
export function QuoteFlag({ sourceId, quote, paragraph }: { sourceId: string; quote: string; paragraph: number }) {
  const check = useQuoteCheck(sourceId, quote, paragraph);
  const text = check ? quoteFlagText(check, paragraph) : null;
  if (!text) return null;
  return (
    <span className="quote-flag" data-testid="quote-flag">
      {text}
    </span>
  );
}
