/**
 * The audit trail: an append-only record of who changed what and when.
 *
 * Every document change the store makes adds one entry (one per undo step:
 * typing grouped into one step makes one entry; an undo or redo makes its
 * own, "Undid: …"); session changes (selection, expansion) make none. No
 * action removes or edits an entry: the store's undo restores the document
 * but keeps the trail and appends to it; in a room the trail is a Y.Array
 * outside the undo manager's scope (lib/team/ydoc.ts), so Y.UndoManager
 * never takes an entry back, and entries two analysts append at once both
 * stay. A remote change arrives with its author's entries; the receiving
 * client adds none.
 *
 * Size: the document keeps the latest AUDIT_LIMIT entries and counts those
 * trimmed before them (`trimmed`, said in the trail's view). An entry is
 * about 200 bytes, so the trail stays under about 250 KB of a saved document
 * or a snapshot: room enough for months of work (a busy day is a few
 * hundred steps) while the browser's save (about 5 MB per site) and share
 * links stay usable. The room's Y.Array itself is never trimmed (append-only);
 * it is read back to the same latest entries.
 *
 * Pure TypeScript: no React, no DOM.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { ANNOTATED_KINDS } from '@/lib/records';
import { analysisOf } from '@/lib/analysis/document';
import { discussionOf, ISO_TIME, TEAM_ID } from './comments';

export const AUDIT_LIMIT = 1_000;
/** Targets named per entry (a change touching more names the first ones). */
export const AUDIT_TARGETS_LIMIT = 20;
export const AUDIT_WHAT_LIMIT = 200;

export const AUDIT_TARGET_KINDS = ['scenario', 'node', 'assumption', 'risk', 'indicator', 'evidence', 'source', 'actor', 'context', 'analysis', 'thread'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export interface AuditTarget {
  kind: AuditTargetKind;
  id: string;
}

export interface AuditEntry {
  id: string;
  /** ISO 8601 time. */
  at: string;
  analystId: string;
  analystName: string;
  /** What was done, in the user's words: the undo step's name ("Rename “Kunar strike”", "Undid: …"). */
  what: string;
  targets: AuditTarget[];
}

export interface AuditTrail {
  /** Oldest first (time, then id). */
  entries: AuditEntry[];
  /** How many older entries were trimmed to keep the latest AUDIT_LIMIT. */
  trimmed: number;
}

const EMPTY: AuditTrail = Object.freeze({ entries: Object.freeze([]) as unknown as AuditEntry[], trimmed: 0 });

export function emptyAudit(): AuditTrail {
  return { entries: [], trimmed: 0 };
}

export function auditOf(doc: { audit?: AuditTrail }): AuditTrail {
  return doc.audit ?? EMPTY;
}

export const isEmptyAudit = (a: AuditTrail): boolean => a.entries.length === 0 && a.trimmed === 0;

export const byTimeThenId = (a: AuditEntry, b: AuditEntry): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Keeps the latest AUDIT_LIMIT entries, counting those trimmed. */
function bounded(entries: AuditEntry[], trimmed: number): AuditTrail {
  if (entries.length <= AUDIT_LIMIT) return { entries, trimmed };
  const over = entries.length - AUDIT_LIMIT;
  return { entries: entries.slice(over), trimmed: trimmed + over };
}

/** The trail with `entry` appended (in time order), the oldest trimmed past the limit. */
export function appendAudit(trail: AuditTrail, entry: AuditEntry): AuditTrail {
  const entries = [...trail.entries, entry];
  const last = trail.entries[trail.entries.length - 1];
  if (last && byTimeThenId(last, entry) > 0) entries.sort(byTimeThenId);
  return bounded(entries, trail.trimmed);
}

/** Both trails in one, each entry once (by id), in time order: an import never takes entries away. */
export function mergeAudit(a: AuditTrail, b: AuditTrail): AuditTrail {
  if (a === b || isEmptyAudit(b)) return a;
  if (isEmptyAudit(a)) return b;
  const byId = new Map(a.entries.map((e) => [e.id, e] as const));
  for (const e of b.entries) if (!byId.has(e.id)) byId.set(e.id, e);
  return bounded([...byId.values()].sort(byTimeThenId), Math.max(a.trimmed, b.trimmed));
}

/** The action of an entry, its subject left out: "Rename", "Add branch", "Undid". The "kind of change" filter. */
export function actionOf(what: string): string {
  const colon = what.indexOf(': ');
  if (colon > 0 && !what.slice(0, colon).includes('“')) return what.slice(0, colon);
  const quote = what.indexOf(' “');
  return quote > 0 ? what.slice(0, quote) : what;
}

// ---------------------------------------------------------------------------
// What a change touched.

const LISTS: ReadonlyArray<{ list: keyof WorkDocument['scenario']; kind: AuditTargetKind }> = [
  { list: 'nodes', kind: 'node' },
  { list: 'assumptions', kind: 'assumption' },
  { list: 'risks', kind: 'risk' },
  { list: 'indicators', kind: 'indicator' },
  { list: 'evidence', kind: 'evidence' },
  { list: 'sources', kind: 'source' },
  { list: 'actors', kind: 'actor' },
  { list: 'context', kind: 'context' },
];
const ANNOTATION_KIND: Record<string, AuditTargetKind> = { nodes: 'node', assumptions: 'assumption', risks: 'risk', indicators: 'indicator' };

type Rec = { id: string };

/**
 * The records a change touched: each record added, removed or changed (the
 * scenario's lists compared record by record, then the annotations, the
 * analysis numbers per branch, and discussion threads), at most
 * AUDIT_TARGETS_LIMIT. Unchanged records keep their identity in the store,
 * so this compares references.
 */
export function changedTargets(prev: WorkDocument, next: WorkDocument): AuditTarget[] {
  const out: AuditTarget[] = [];
  const seen = new Set<string>();
  const add = (kind: AuditTargetKind, id: string) => {
    const k = `${kind}:${id}`;
    if (seen.has(k) || out.length >= AUDIT_TARGETS_LIMIT) return;
    seen.add(k);
    out.push({ kind, id });
  };
  const ps = prev.scenario;
  const ns = next.scenario;
  if (ps !== ns) {
    for (const k of Object.keys(ns) as Array<keyof typeof ns>) {
      if (LISTS.some((l) => l.list === k)) continue;
      if (ps[k] !== ns[k]) {
        add('scenario', ns.id);
        break;
      }
    }
    for (const { list, kind } of LISTS) {
      const a = ps[list] as unknown as Rec[];
      const b = ns[list] as unknown as Rec[];
      if (a === b) continue;
      const before = new Map(a.map((r) => [r.id, r] as const));
      const after = new Set<string>();
      for (const r of b) {
        after.add(r.id);
        if (before.get(r.id) !== r) add(kind, r.id);
      }
      for (const r of a) if (!after.has(r.id)) add(kind, r.id);
    }
  }
  if (prev.annotations !== next.annotations) {
    for (const k of ANNOTATED_KINDS) {
      const a = prev.annotations[k] as Record<string, unknown>;
      const b = next.annotations[k] as Record<string, unknown>;
      if (a === b) continue;
      const kind = ANNOTATION_KIND[k];
      if (!kind) continue;
      for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[id] !== b[id]) add(kind, id);
    }
  }
  const pa = analysisOf(prev);
  const na = analysisOf(next);
  if (pa !== na) {
    if (pa.settings !== na.settings) add('analysis', 'settings');
    if (pa.inputs !== na.inputs) {
      for (const id of new Set([...Object.keys(pa.inputs), ...Object.keys(na.inputs)])) if (pa.inputs[id] !== na.inputs[id]) add('node', id);
    }
  }
  const pd = discussionOf(prev);
  const nd = discussionOf(next);
  if (pd !== nd) {
    const before = new Map(pd.threads.map((t) => [t.id, t] as const));
    for (const t of nd.threads) if (before.get(t.id) !== t) add('thread', t.id);
    const after = new Set(nd.threads.map((t) => t.id));
    for (const t of pd.threads) if (!after.has(t.id)) add('thread', t.id);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading the trail.

export interface AuditFilter {
  /** An analyst's id, or '' for all. */
  analystId: string;
  /** An action (`actionOf`), or '' for all. */
  action: string;
  /** A branch id the entry touched, or '' for all. */
  nodeId: string;
  /** Words the entry's text or analyst's name must contain (case-insensitive), or ''. */
  text: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { analystId: '', action: '', nodeId: '', text: '' };

/** The entries that pass the filter, newest first. */
export function filterAudit(trail: AuditTrail, f: AuditFilter): AuditEntry[] {
  const words = f.text.trim().toLowerCase();
  const out: AuditEntry[] = [];
  for (let i = trail.entries.length - 1; i >= 0; i--) {
    const e = trail.entries[i]!;
    if (f.analystId && e.analystId !== f.analystId) continue;
    if (f.action && actionOf(e.what) !== f.action) continue;
    if (f.nodeId && !e.targets.some((t) => t.kind === 'node' && t.id === f.nodeId)) continue;
    if (words && !e.what.toLowerCase().includes(words) && !e.analystName.toLowerCase().includes(words)) continue;
    out.push(e);
  }
  return out;
}

/** The analysts in a trail (id and the latest name each used), by name. */
export function auditAnalysts(trail: AuditTrail): Array<{ id: string; name: string }> {
  const names = new Map<string, string>();
  for (const e of trail.entries) names.set(e.analystId, e.analystName);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** The actions in a trail, sorted. */
export function auditActions(trail: AuditTrail): string[] {
  return [...new Set(trail.entries.map((e) => actionOf(e.what)))].sort((a, b) => a.localeCompare(b));
}

/** A CSV cell: quoted, quotes doubled, and a leading = + - @ (a spreadsheet formula) defused with an apostrophe. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The entries as CSV (header row; newest first as given). */
export function auditCsv(entries: readonly AuditEntry[], header: readonly string[]): string {
  const rows = [header.map(cell).join(',')];
  for (const e of entries) rows.push([e.at, e.analystName, e.analystId, e.what, e.targets.map((t) => `${t.kind}:${t.id}`).join(' ')].map(cell).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

export function canonicalAudit(a: AuditTrail): Record<string, unknown> {
  return {
    entries: a.entries.map((e) => ({ id: e.id, at: e.at, analystId: e.analystId, analystName: e.analystName, what: e.what, targets: e.targets.map((t) => ({ kind: t.kind, id: t.id })) })),
    trimmed: a.trimmed,
  };
}

// ---------------------------------------------------------------------------
// Restoring a trail read from outside.

export type AuditRepair = { code: 'audit-unreadable' } | { code: 'audit-entries-dropped'; count: number } | { code: 'audit-trimmed'; dropped: number };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One entry from outside, or null when it cannot be read. */
export function readAuditEntry(v: unknown): AuditEntry | null {
  if (!isObj(v)) return null;
  const { id, at, analystId, analystName, what, targets } = v;
  if (typeof id !== 'string' || !TEAM_ID.test(id) || typeof at !== 'string' || !ISO_TIME.test(at)) return null;
  if (typeof analystId !== 'string' || !TEAM_ID.test(analystId) || typeof analystName !== 'string' || analystName.length === 0 || analystName.length > 40) return null;
  if (typeof what !== 'string' || what.length === 0 || what.length > AUDIT_WHAT_LIMIT || !Array.isArray(targets) || targets.length > AUDIT_TARGETS_LIMIT) return null;
  const ts: AuditTarget[] = [];
  for (const t of targets) {
    if (!isObj(t) || !(AUDIT_TARGET_KINDS as readonly unknown[]).includes(t.kind) || typeof t.id !== 'string' || !TEAM_ID.test(t.id)) return null;
    ts.push({ kind: t.kind as AuditTargetKind, id: t.id });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(what + analystName)) return null;
  return { id, at, analystId, analystName, what, targets: ts };
}

/**
 * The trail from outside: malformed entries dropped (counted), a second
 * entry with the same id dropped, the rest kept in time order, the latest
 * AUDIT_LIMIT kept.
 */
export function restoreAudit(raw: unknown): { audit: AuditTrail; repairs: AuditRepair[] } {
  if (raw === undefined || raw === null) return { audit: emptyAudit(), repairs: [] };
  if (!isObj(raw) || !Array.isArray(raw.entries)) return { audit: emptyAudit(), repairs: [{ code: 'audit-unreadable' }] };
  const repairs: AuditRepair[] = [];
  const seen = new Set<string>();
  const entries: AuditEntry[] = [];
  let bad = 0;
  for (const v of raw.entries) {
    const e = readAuditEntry(v);
    if (!e || seen.has(e.id)) bad++;
    else {
      seen.add(e.id);
      entries.push(e);
    }
  }
  if (bad > 0) repairs.push({ code: 'audit-entries-dropped', count: bad });
  entries.sort(byTimeThenId);
  const t = raw.trimmed;
  const trimmed = typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : 0;
  const audit = bounded(entries, trimmed);
  if (audit.trimmed > trimmed) repairs.push({ code: 'audit-trimmed', dropped: audit.trimmed - trimmed });
  return { audit, repairs };
}

/** A new id for an entry, a thread or a comment: a prefix, the time and 8 random base-36 digits (unique enough across analysts). */
export function teamId(prefix: string, nowMs: number, random: () => number): string {
  let r = '';
  for (let i = 0; i < 8; i++) r += Math.floor(random() * 36).toString(36);
  return `${prefix}-${Math.max(0, Math.floor(nowMs)).toString(36)}-${r}`;
}
