'use client';
/**
 * In the application bar, while the page is in a shared room: the
 * connection ("Shared: connected / reconnecting… / offline"), with the
 * analyst's edits not yet sent while they wait, and, for a viewer, "View only". A broken or refused invitation is said here too.
 */
import { useSync } from './SyncProvider';
import { VIEW_ONLY, VIEW_ONLY_HINT, syncStatusHint, syncStatusText } from '@/lib/messages/sync';
import './sync.css';

export function SyncBadge() {
  const { session, problem } = useSync();
  if (!session) {
    return problem ? (
      <span className="sync-status status-refused" role="alert" data-testid="sync-problem">
        {problem}
      </span>
    ) : null;
  }
  return (
    <>
      <span
        className={`sync-status status-${session.status}`}
        role="status"
        title={syncStatusHint(session.status, session.unsent)}
        data-testid="sync-status"
        data-status={session.status}
        data-unsent={session.unsent}
      >
        {syncStatusText(session.status, session.unsent)}
      </span>
      {session.role === 'viewer' ? (
        <span className="sync-view-only" title={VIEW_ONLY_HINT} data-testid="view-only">
          {VIEW_ONLY}
        </span>
      ) : null}
      {session.error ? (
        <span className="sync-status status-refused" role="alert" data-testid="sync-problem">
          {session.error}
        </span>
      ) : null}
    </>
  );
}
