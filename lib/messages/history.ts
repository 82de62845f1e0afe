/**
 * Words of undo and redo: what each step is called ("Delete branch “Kunar
 * strike”") and the notice an undo or redo gives ("Undid: delete branch …").
 */

/** An undo step named by its action and, when it has one, the branch or record it acted on. */
export function stepLabel(action: string, subject?: string): string {
  if (!subject) return action;
  const s = subject.length > 60 ? `${subject.slice(0, 59).trimEnd()}…` : subject;
  return `${action} “${s}”`;
}

export const HISTORY_WORDS = { undid: 'Undid', redid: 'Redid' } as const;

/** "Undid: delete branch “Kunar strike”": what an undo or redo changed back. */
export function historyNotice(direction: 'undo' | 'redo', label: string): string {
  const what = label ? label.charAt(0).toLowerCase() + label.slice(1) : '';
  return `${direction === 'undo' ? HISTORY_WORDS.undid : HISTORY_WORDS.redid}: ${what}`;
}
