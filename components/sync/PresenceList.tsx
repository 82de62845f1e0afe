'use client';
/**
 * Who is in the shared room (name and colour; yourself first, with a field
 * to change your name) and which branch each is looking at. Shown in the
 * application bar while the page is in a room.
 */
import { useState } from 'react';
import { useApp } from '../AppProvider';
import { usePeers, useSync } from './SyncProvider';
import { selectIndex } from '@/lib/store/selectors';
import { MAX_NAME } from '@/lib/sync/presence';
import { PRESENCE_WORDS } from '@/lib/messages/sync';

export function PresenceList() {
  const { session, me, rename } = useSync();
  const peers = usePeers();
  const index = useApp(selectIndex);
  const [draft, setDraft] = useState<string | null>(null);
  if (!session || peers.length === 0) return null;
  return (
    <details className="presence" data-testid="presence">
      <summary>
        <span className="presence-dots" aria-hidden="true">
          {peers.slice(0, 5).map((p) => (
            <span key={p.clientId} className="presence-dot" style={{ background: p.colour }} />
          ))}
        </span>
        {PRESENCE_WORDS.count(peers.length)}
      </summary>
      <div className="presence-panel">
        <ul aria-label={PRESENCE_WORDS.listLabel} data-testid="presence-list">
          {peers.map((p) => {
            const title = p.selectedId ? index.byId.get(p.selectedId)?.title : undefined;
            return (
              <li key={p.clientId} data-testid="presence-peer" data-self={p.self ? 'true' : undefined}>
                <span className="presence-dot" style={{ background: p.colour }} aria-hidden="true" />
                <span className="presence-name">{p.self ? PRESENCE_WORDS.you(p.name) : p.name}</span>
                <span className="presence-where">{title ? PRESENCE_WORDS.lookingAt(title) : PRESENCE_WORDS.overview}</span>
              </li>
            );
          })}
        </ul>
        {me ? (
          <form
            className="presence-me"
            onSubmit={(e) => {
              e.preventDefault();
              if (draft !== null) rename(draft);
              setDraft(null);
            }}
          >
            <label className="field">
              <span>{PRESENCE_WORDS.yourName}</span>
              <input value={draft ?? me.name} maxLength={MAX_NAME} onChange={(e) => setDraft(e.target.value)} data-testid="presence-name" />
            </label>
            <button type="submit" data-testid="presence-save">
              {PRESENCE_WORDS.saveName}
            </button>
          </form>
        ) : null}
      </div>
    </details>
  );
}
