'use client';
/**
 * The polite notice over the tree: what an undo or redo changed back, what
 * Fit left out. One live region, always in the page (so a change is heard);
 * each announcement shows for a few seconds, then hides (CSS, no timer).
 */
import { useApp } from '../AppProvider';
import { selectAnnouncement } from '@/lib/store/selectors';

export function Announcer() {
  const a = useApp(selectAnnouncement);
  return (
    <div className="announcer" role="status" aria-live="polite" data-testid="announcer">
      {a ? (
        <p key={a.seq} className="announcement">
          {a.text}
        </p>
      ) : null}
    </div>
  );
}
