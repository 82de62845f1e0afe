'use client';
/**
 * Copying a link from a read-only field: to the clipboard when the browser
 * allows it, else the field is focused and selected so the user can copy it
 * themselves. Says which happened (the words are the caller's).
 */
import { useRef, useState } from 'react';

export interface CopyOutcome {
  ok: boolean;
  text: string;
}

export function useCopyLink(link: string, words: { copied: string; failed: string }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setOutcome({ ok: true, text: words.copied });
    } catch {
      fieldRef.current?.focus();
      fieldRef.current?.select();
      setOutcome({ ok: false, text: words.failed });
    }
  };
  return { fieldRef, outcome, copy };
}
