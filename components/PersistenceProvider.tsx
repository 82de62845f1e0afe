'use client';
/**
 * Connects the store to browser storage through the persistence controller
 * (lib/persist/controller). The storage code and its validators (zod) are
 * loaded lazily after the first paint, so they add nothing to first-load JS.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Scenario } from '@/lib/model/schema';
import type { Notice, PersistenceController, PersistenceState } from '@/lib/persist/controller';
import { renderNotice, statusMessage } from '@/lib/messages/persist';
import { LOADING_PERSISTENCE_STATE } from '@/lib/persist/loading';
import { useAppStore } from './AppProvider';

/** The persistence state as the UI shows it: notices and status with their words (lib/messages/persist.ts). */
export interface PersistenceView extends Omit<PersistenceState, 'notices'> {
  notices: Notice[];
  /** The saving status as a sentence. */
  message: string;
}

const Ctx = createContext<PersistenceController | null>(null);

// zod itself, then the scenario schema built with it, then the annotation schemas, then the restore pipeline:
// each piece evaluated in a task of its own stays under 50 ms (zod and the scenario schema together did not).
const VALIDATOR_PIECES = [
  () => import('@/lib/model/zod'),
  () => import('@/lib/model/schema'),
  () => import('@/lib/annotations/schema'),
  () => import('@/lib/io/restore'),
];
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const OFF: PersistenceView = { ready: true, status: 'off', message: statusMessage('off'), notices: [], library: [] };

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
      // The validators first, a piece per task (zod and the scenario schema, the annotation schemas, then the
      // restore pipeline with its migrations): evaluated all at once they were one long task that held up input.
      for (const load of VALIDATOR_PIECES) {
        await load();
        if (disposed) return;
        await nextTask();
      }
      const [{ createIndexedDbStore }, { createRepository }, { createTabChannel, newTabId }, { createPersistenceController }, { storageStash }] = await Promise.all([
        import('@/lib/persist/kv'),
        import('@/lib/persist/repository'),
        import('@/lib/persist/tabs'),
        import('@/lib/persist/controller'),
        import('@/lib/persist/stash'),
      ]);
      if (disposed) return;
      const channel = createTabChannel('branchpoint');
      channelClose = () => channel.close();
      const repository = createRepository({ kv: createIndexedDbStore('branchpoint'), tabId: newTabId(), channel });
      ctl = createPersistenceController({ store, repository, shipped, defaultShippedId, stash: storageStash(() => window.localStorage) });
      setController(ctl);
      try {
        await ctl.start(); // never rejects: failures become notices
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
export function usePersistenceState(): PersistenceView {
  const ctl = useContext(Ctx);
  const state = useSyncExternalStore(
    ctl ? ctl.subscribe : noop,
    () => (ctl ? ctl.getState() : LOADING_PERSISTENCE_STATE),
    () => LOADING_PERSISTENCE_STATE,
  );
  return useMemo(() => ({ ...state, message: statusMessage(state.status), notices: state.notices.map(renderNotice) }), [state]);
}

/** Whether the saved work has loaded: re-renders only when that changes, not with every change of the saving status. */
export function usePersistenceReady(): boolean {
  const ctl = useContext(Ctx);
  return useSyncExternalStore(ctl ? ctl.subscribe : noop, () => (ctl ? ctl.getState().ready : LOADING_PERSISTENCE_STATE.ready), () => LOADING_PERSISTENCE_STATE.ready);
}

export { OFF as PERSISTENCE_OFF };
