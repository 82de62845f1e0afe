'use client';
/**
 * In the application bar, while the page is in a shared room: the
 * connection ("Shared: connected / reconnecting… / offline") and, for a
 * viewer, "View only". A broken or refused invitation is said here too.
 */
import { useSync } from './SyncProvider';
import { SYNC_STATUS, SYNC_STATUS_HINT, VIEW_ONLY, VIEW_ONLY_HINT } from '@/lib/messages/sync';
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
      <span className={`sync-status status-${session.status}`} role="status" title={SYNC_STATUS_HINT[session.status]} data-testid="sync-status" data-status={session.status}>
        {SYNC_STATUS[session.status]}
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
