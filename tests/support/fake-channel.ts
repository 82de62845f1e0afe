/** In-memory tab channels for unit tests (the app uses BroadcastChannel through lib/persist/tabs.ts). */
import type { BroadcastChannelLike, TabMessage } from '@/lib/persist/tabs';

/**
 * In-memory channels for tests: every channel made by one hub hears every
 * other channel's messages (never its own), delivered asynchronously like the
 * real thing.
 */
export function createFakeChannelHub(): { channel(): BroadcastChannelLike; sent: TabMessage[] } {
  const members = new Set<{ deliver(m: TabMessage): void }>();
  const sent: TabMessage[] = [];
  return {
    sent,
    channel() {
      const listeners = new Set<(message: TabMessage) => void>();
      const self = {
        deliver(m: TabMessage) {
          for (const l of [...listeners]) l(m);
        },
      };
      members.add(self);
      return {
        postMessage(message) {
          if (!members.has(self)) return;
          sent.push(message);
          const copy = structuredClone(message);
          for (const other of members) {
            if (other !== self) setTimeout(() => other.deliver(copy), 0);
          }
        },
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          members.delete(self);
          listeners.clear();
        },
      };
    },
  };
}

/** A pair of connected fake channels (tab A, tab B). */
export function createFakeChannelPair(): [BroadcastChannelLike, BroadcastChannelLike] {
  const hub = createFakeChannelHub();
  return [hub.channel(), hub.channel()];
}
