// Types for lib/sync/viewer-writes.mjs (what a viewer may write to a room).
import type * as Y from 'yjs';
export declare const TEAM_TYPES: Readonly<{ threads: 'discussion:threads'; comments: 'discussion:comments'; audit: 'audit'; auditMeta: 'audit:meta' }>;
export declare function viewerMayApply(doc: Y.Doc, update: Uint8Array): { ok: true } | { ok: false; reason: string };
