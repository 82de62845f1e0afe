/**
 * "¶ N" as a button that opens the source reader at paragraph N. No hooks:
 * the outline (rendered on the server too) uses it with its data attributes
 * and one delegated click handler; live views pass `onOpen`.
 */
import { READER_TEXT, paragraphRef } from '@/lib/messages/reader';
import './cite.css';

export function ParaLink({ sourceId, paragraph, onOpen, parens = true }: { sourceId: string; paragraph: number; onOpen?: () => void; parens?: boolean }) {
  return (
    <button
      type="button"
      className="para para-link"
      data-source-paragraph={paragraph}
      data-source-id={sourceId}
      title={READER_TEXT.openAtTitle(paragraph)}
      onClick={onOpen}
    >
      <span className="visually-hidden">{READER_TEXT.openAtBefore}</span>
      {parens ? `(${paragraphRef(paragraph)})` : paragraphRef(paragraph)}
    </button>
  );
}

/** The paragraph link a click landed on, if any (for delegated handlers). */
export function paraLinkOf(target: EventTarget | null): { sourceId: string; paragraph: number } | null {
  const el = target instanceof Element ? target.closest('[data-source-paragraph]') : null;
  if (!el) return null;
  const paragraph = Number(el.getAttribute('data-source-paragraph'));
  const sourceId = el.getAttribute('data-source-id') ?? '';
  return Number.isInteger(paragraph) && paragraph > 0 ? { sourceId, paragraph } : null;
}
