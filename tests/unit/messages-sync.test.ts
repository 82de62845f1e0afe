/**
 * The shared room's status indicator (lib/messages/sync): the edits of this
 * analyst not yet sent are counted where they wait (out of reach, joining)
 * and never while connected, where they go at once.
 */
import { describe, it, expect } from 'vitest';
import { SYNC_STATUS, SYNC_STATUS_HINT, syncStatusHint, syncStatusText } from '@/lib/messages/sync';
import type { SyncStatus } from '@/lib/sync/invite';

const STATUSES = Object.keys(SYNC_STATUS) as SyncStatus[];

describe('the status indicator with edits not yet sent', () => {
  it('nothing waiting: the status alone, for every status', () => {
    for (const s of STATUSES) {
      expect(syncStatusText(s, 0)).toBe(SYNC_STATUS[s]);
      expect(syncStatusHint(s, 0)).toBe(SYNC_STATUS_HINT[s]);
    }
  });

  it('out of reach: how many of the analyst’s edits wait, one and many', () => {
    for (const s of ['offline', 'reconnecting'] as const) {
      expect(syncStatusText(s, 1)).toBe('Offline: 1 edit not yet sent, kept in this browser');
      expect(syncStatusText(s, 12)).toBe('Offline: 12 edits not yet sent, kept in this browser');
      expect(syncStatusHint(s, 2)).toBe(`${SYNC_STATUS_HINT[s]}. Waiting to be sent: 2 edits of yours (a step, an undo or a redo each)`);
    }
    expect(syncStatusText('connecting', 3)).toBe('Shared: connecting… 3 edits to send');
  });

  it('connected or refused: no count (connected, they are sent at once; refused, there is nowhere to send them)', () => {
    for (const s of ['connected', 'refused'] as const) {
      expect(syncStatusText(s, 5)).toBe(SYNC_STATUS[s]);
      expect(syncStatusHint(s, 5)).toBe(SYNC_STATUS_HINT[s]);
    }
  });
});
