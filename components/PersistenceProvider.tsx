'use client';
/**
 * Connects the store to browser storage through the persistence controller
 * (lib/persist/controller). The storage code and its validators (zod) are
 * loaded lazily after the first paint, so they add nothing to first-load JS.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Scenario } from '@/lib/model/schema';
import type { PersistenceController, PersistenceState, SyncStash } from '@/lib/persist/controller';
import { useAppStore } from './AppProvider';

function localStash(): SyncStash | undefined {
  try {
    const ls = window.localStorage;
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => ls.setItem(k, v),
      remove: (k) => ls.removeItem(k),
      keys: () => Array.from({ length: ls.length }, (_, i) => ls.key(i)).filter((k): k is string => k !== null),
    };
  } catch {
    return undefined;
  }
}

const Ctx = createContext<PersistenceController | null>(null);

const OFF: PersistenceState = { ready: true, status: 'off', message: 'Not saved: storage is off for this page.', notices: [], library: [] };
const LOADING: PersistenceState = { ready: false, status: 'idle', message: '', notices: [], library: [] };

export function PersistenceProvider({
  shipped,
  defaultShippedId,
  enabled,
  children,
}: {
  shipped: Scenario[];
  defaultShippedId: string;
  enabled: boolean;
  children: ReactNode;
}) {
  const store = useAppStore();
  const [controller, setController] = useState<PersistenceController | null>(null);

  useEffect(() => {
    if (!enabled) {
      document.documentElement.dataset.hydrated = 'true';
      return;
    }
    let disposed = false;
    let ctl: PersistenceController | null = null;
    let channelClose: (() => void) | null = null;
    // At exit, stash unsaved changes synchronously (an IndexedDB write may not finish), then try to flush.
    const onHide = () => {
      ctl?.stashUnsaved();
      void ctl?.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void ctl?.flush();
    };
    void (async () => {
      const [{ createIndexedDbStore }, { createRepository }, { createTabChannel, newTabId }, { createPersistenceController }] = await Promise.all([
        import('@/lib/persist/kv'),
        import('@/lib/persist/repository'),
        import('@/lib/persist/tabs'),
        import('@/lib/persist/controller'),
      ]);
      if (disposed) return;
      const channel = createTabChannel('branchpoint');
      channelClose = () => channel.close();
      const repository = createRepository({ kv: createIndexedDbStore('branchpoint'), tabId: newTabId(), channel });
      ctl = createPersistenceController({ store, repository, shipped, defaultShippedId, stash: localStash() });
      setController(ctl);
      try {
        await ctl.start();
      } finally {
        document.documentElement.dataset.hydrated = 'true';
      }
      window.addEventListener('pagehide', onHide);
      window.addEventListener('beforeunload', onHide);
      document.addEventListener('visibilitychange', onVisibility);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void ctl?.flush().finally(() => {
        ctl?.dispose();
        channelClose?.();
      });
    };
  }, [enabled, store, shipped, defaultShippedId]);

  return <Ctx.Provider value={controller}>{children}</Ctx.Provider>;
}

export function usePersistence(): PersistenceController | null {
  return useContext(Ctx);
}

const noop = () => () => {};
export function usePersistenceState(): PersistenceState {
  const ctl = useContext(Ctx);
  return useSyncExternalStore(
    ctl ? ctl.subscribe : noop,
    () => (ctl ? ctl.getState() : LOADING),
    () => LOADING,
  );
}

export { OFF as PERSISTENCE_OFF };
