'use client';
/**
 * Opens the signpost watchlist when its command runs, as a dialog, and keeps
 * its filters and sort while the page lives (closing and reopening it finds
 * them as they were).
 */
import { useState } from 'react';
import dynamic from 'next/dynamic';
import { useOpenedByCommand } from '../CommandProvider';
import { Dialog } from '../Dialog';
import { NO_FILTER, type WatchFilter, type WatchSort } from '@/lib/watchlist';
import { WATCH_WORDS } from '@/lib/messages/watchlist';

/** Loaded when first opened: the table is not part of the first screen. */
const Watchlist = dynamic(() => import('./Watchlist').then((m) => m.Watchlist), { ssr: false });

export function WatchlistHost() {
  const { open, close } = useOpenedByCommand('openWatchlist');
  const [filter, setFilter] = useState<WatchFilter>(NO_FILTER);
  const [sort, setSort] = useState<WatchSort>({ column: 'overdue', direction: 'descending' });
  if (!open) return null;
  return (
    <Dialog title={WATCH_WORDS.title} className="panel-dialog watch-dialog" testId="watchlist" closeLabel={WATCH_WORDS.close} onClose={close}>
      <Watchlist filter={filter} onFilter={setFilter} sort={sort} onSort={setSort} onClose={close} />
    </Dialog>
  );
}
