// What a viewer may write to a room: the discussion (comments, replies,
// resolving a thread, a dissent) and new audit entries, nothing else. The
// sync server checks every update a viewer's connection sends
// (server/sync-server.mjs) and closes the connection on one that touches
// more; the client's binding sends a viewer's discussion changes only
// (lib/sync/binding.ts). Plain JavaScript (the server imports it as is).
import * as Y from 'yjs';

/** The Yjs names of the team layers (lib/team/ydoc.ts lays them out). */
export const TEAM_TYPES = Object.freeze({
  threads: 'discussion:threads',
  comments: 'discussion:comments',
  audit: 'audit',
  auditMeta: 'audit:meta',
});

/** Shared types a viewer may change (the audit trail only by appending). */
const VIEWER_TYPES = new Set([TEAM_TYPES.threads, TEAM_TYPES.comments, TEAM_TYPES.audit]);

/** The name of the top-level shared type `type` hangs under, or null when it hangs under none. */
function rootName(doc, type) {
  let t = type;
  while (t && t._item) t = t._item.parent;
  if (!t) return null;
  for (const [name, shared] of doc.share) if (shared === t) return name;
  return null;
}

/**
 * Whether a viewer may apply `update` to `doc` (never changed: the update is
 * tried on a copy). Refused: an update that cannot be read, one that cannot
 * be applied whole now (it waits on changes the room does not hold, so what
 * it changes cannot be checked), one that changes a shared type other than
 * the discussion's, and one that removes audit entries.
 * @param {Y.Doc} doc
 * @param {Uint8Array} update
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function viewerMayApply(doc, update) {
  const copy = new Y.Doc({ gc: false });
  let verdict = { ok: true };
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const refuse = (reason) => {
      if (verdict.ok) verdict = { ok: false, reason };
    };
    copy.on('afterTransaction', (tr) => {
      for (const type of tr.changed.keys()) {
        const name = rootName(copy, type);
        if (!VIEWER_TYPES.has(name)) refuse(`changes ${name ?? 'an unattached type'}`);
      }
      Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
        if (struct instanceof Y.Item && rootName(copy, struct.parent) === TEAM_TYPES.audit) refuse('removes audit entries');
      });
    });
    Y.applyUpdate(copy, update);
    if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) refuse('depends on changes the room does not hold');
  } catch {
    verdict = { ok: false, reason: 'unreadable update' };
  } finally {
    copy.destroy();
  }
  return verdict;
}
