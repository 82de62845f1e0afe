/**
 * Tab-to-tab messages. A tab that saved a document tells the others, so a tab
 * with no unsaved edits can reload quietly and a tab with unsaved edits knows
 * its next save will meet a conflict (the repository re-checks the stored
 * revision before every write either way; messages are a courtesy, never the
 * guarantee).
 */

export type TabMessage =
  | { type: 'saved'; id: string; revision: number; tabId: string }
  | { type: 'deleted'; id: string; tabId: string };

export interface BroadcastChannelLike {
  postMessage(message: TabMessage): void;
  /** Returns a function that removes the listener. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'string' || typeof m.tabId !== 'string') return false;
  if (m.type === 'saved') return typeof m.revision === 'number' && Number.isInteger(m.revision);
  return m.type === 'deleted';
}

/** A channel that does nothing (no BroadcastChannel in this environment). */
export function createNullChannel(): BroadcastChannelLike {
  return { postMessage() {}, subscribe: () => () => {}, close() {} };
}

/** Wraps the browser's BroadcastChannel; a null channel where there is none (server, old browsers). */
export function createTabChannel(name = 'branchpoint'): BroadcastChannelLike {
  if (typeof BroadcastChannel === 'undefined') return createNullChannel();
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: TabMessage) => void>();
  channel.onmessage = (event: MessageEvent) => {
    if (!isTabMessage(event.data)) return;
    for (const l of [...listeners]) l(event.data);
  };
  let closed = false;
  return {
    postMessage(message) {
      if (closed) return;
      try {
        channel.postMessage(message);
      } catch {
        // A closed or failing channel only costs the courtesy message.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}

/** A fresh id for this tab (one per page load). */
export function newTabId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
