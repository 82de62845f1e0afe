'use client';
/**
 * Creates the one store for this page (never a module-level singleton) and
 * hands it down by context. Components read it through `useApp(selector)`
 * with module-scope selectors from lib/store/selectors.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppState, type AppStore, type StoreOptions } from '@/lib/store/store';

const StoreContext = createContext<AppStore | null>(null);

/** `onStore`: handed the store once it is created (the benchmark page drives the view through it). */
export function AppProvider({ options, children, onStore }: { options: StoreOptions; children: ReactNode; onStore?: (store: AppStore) => void }) {
  const [store] = useState(() => createAppStore(options));
  useEffect(() => onStore?.(store), [onStore, store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppProvider>');
  return store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** Reads a selector made for one record (e.g. `nodeOf(id)`), made once per id. */
export function useAppFor<T>(make: (id: string) => (s: AppState) => T, id: string): T {
  return useApp(useMemo(() => make(id), [make, id]));
}
