/**
 * Snapshots: a whole working document plus its view, in one JSON file.
 *
 *   { format: "branchpoint-snapshot", formatVersion: 1, exportedAt, appVersion,
 *     document: { scenario, annotations, shippedFrom }, view }
 *
 * Import accepts a snapshot, a bare work document `{scenario, …}` or a bare
 * scenario, and runs everything through `safeParseJson` → envelope checks →
 * `restoreDocument` → `restoreView`. `importSnapshotText` never throws; a
 * refusal is a code with its facts (`ImportFailure`), and
 * lib/messages/snapshot.ts says it.
 */
import {
  actorSchema,
  assumptionSchema,
  contextSchema,
  evidenceSchema,
  indicatorSchema,
  nodeSchema,
  riskSchema,
  scenarioSchema,
  sourceSchema,
  type Scenario,
} from '@/lib/model/schema';
import type { Problem } from '@/lib/model/integrity';
import { ANNOTATION_SCHEMAS } from '@/lib/annotations/schema';
import { ANNOTATED_KINDS, type AnnotatedKind, type Annotations } from '@/lib/records';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { safeParseJson, type JsonReason, type SafeJsonOptions } from './safe-json';
import { documentProblem, emptyView, restoreDocument, restoreView, shown, type RestoreRepair, type Shown } from './restore';
import type { ImageReason } from './embedded';
import type { LinkReason } from './share';
import { checkVersion, type MigrationTrack, type VersionReason } from '@/lib/migrate/engine';
import { migrationSentence } from '@/lib/messages/migrate';
import { analysisOf, canonicalAnalysis, isEmptyAnalysis } from '@/lib/analysis/document';
import { canonicalJudgements, isEmptyJudgements, judgementsOf } from '@/lib/team/judgements';
import { canonicalDiscussion, discussionOf, isEmptyDiscussion } from '@/lib/team/comments';
import { auditOf, canonicalAudit, isEmptyAudit } from '@/lib/team/audit';
import type { SdRefusal } from '@/lib/messages/analysis';
import { importSilverDecisionsDocument, looksLikeSilverDecisions, type SdReport } from './sd-document';

export const SNAPSHOT_FORMAT = 'branchpoint-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  /** ISO 8601 time of export. */
  exportedAt: string;
  appVersion: string;
  document: WorkDocument;
  view: ViewState;
}

export interface ImportSummary {
  title: string;
  nodes: number;
  assumptions: number;
  risks: number;
  indicators: number;
  /** How many annotation records (node notes, assumption checks, risk assessments, indicator notes) came in. */
  annotated: number;
  /** From the envelope; null for a bare document or scenario, or if unreadable. */
  exportedAt: string | null;
}

/** What was being imported when the data turned out invalid. */
export type ImportSubject = 'snapshot' | 'document' | 'scenario';

/** Why an import was refused. Words: lib/messages/snapshot.ts (`importFailureMessage`). */
export type ImportFailure =
  /** The text is not JSON this build accepts (lib/io/safe-json). */
  | { code: 'json'; reason: JsonReason }
  /** The JSON is not an object; or its "format" is not ours (`found`: what it holds instead). */
  | { code: 'not-an-object' | 'wrong-format'; found: Shown }
  | { code: 'format-version'; reason: VersionReason }
  /** A snapshot without "document"; an object that is no snapshot, document or scenario; a file that is not text. */
  | { code: 'no-document' | 'unrecognised' | 'file-not-text' }
  /** The data is refused by restoreDocument: the first problem (null if none was named) and how many more. */
  | { code: 'invalid'; what: ImportSubject; first: Problem | null; more: number }
  | { code: 'image'; reason: ImageReason }
  | { code: 'link'; reason: LinkReason }
  | { code: 'file-too-large'; bytes: number; maxBytes: number }
  /** The browser could not read the file; or the import itself failed. */
  | { code: 'file-unreadable' | 'unexpected'; detail: string }
  /** A SilverDecisions file (lib/io/sd-document.ts) this build cannot read. */
  | { code: 'silverdecisions'; refusal: SdRefusal };

export type ImportResult =
  | { ok: true; document: WorkDocument; view: ViewState; repairs: RestoreRepair[]; summary: ImportSummary; silverDecisions?: SdReport }
  | { ok: false; reason: ImportFailure; problems: Problem[] };

export interface ImportOptions extends SafeJsonOptions {
  /** Timestamp for `updatedAt` fields that are missing. */
  now?: string;
}

// ---------------------------------------------------------------------------
// Building and serialising.

export function buildSnapshot(
  document: WorkDocument,
  view: ViewState,
  options: { appVersion: string; now?: Date | string },
): Snapshot {
  const now = options.now ?? new Date();
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    exportedAt: typeof now === 'string' ? now : now.toISOString(),
    appVersion: options.appVersion,
    document,
    view,
  };
}

type Obj = Record<string, unknown>;

const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);
const ORDER = {
  snapshot: ['format', 'formatVersion', 'exportedAt', 'appVersion', 'document', 'view'],
  document: ['scenario', 'annotations', 'shippedFrom', 'analysis', 'judgements', 'discussion', 'audit'],
  view: ['expanded', 'selectedId', 'viewport'],
  viewport: ['x', 'y', 'k'],
  annotations: ANNOTATED_KINDS,
  scenario: keysOf(scenarioSchema),
  source: keysOf(sourceSchema),
  actor: keysOf(actorSchema),
  context: keysOf(contextSchema),
  node: keysOf(nodeSchema),
  assumption: keysOf(assumptionSchema),
  risk: keysOf(riskSchema),
  indicator: keysOf(indicatorSchema),
  evidence: keysOf(evidenceSchema),
};

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A copy of `obj` with `order` keys first (those present), then any others sorted. */
function ordered(obj: object, order: readonly string[]): Obj {
  const src = obj as Obj;
  const out: Obj = {};
  for (const k of order) if (Object.prototype.hasOwnProperty.call(src, k) && src[k] !== undefined) out[k] = src[k];
  const rest = Object.keys(src)
    .filter((k) => !order.includes(k) && src[k] !== undefined)
    .sort(byCodeUnit);
  for (const k of rest) out[k] = src[k];
  return out;
}

function sortedRecord(rec: Record<string, object>, order: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of Object.keys(rec).sort(byCodeUnit)) out[k] = ordered(rec[k]!, order);
  return out;
}

function canonicalScenario(s: Scenario): Obj {
  return ordered(
    {
      ...s,
      sources: s.sources.map((x) => ordered(x, ORDER.source)),
      actors: s.actors.map((x) => ordered(x, ORDER.actor)),
      context: s.context.map((x) => ordered(x, ORDER.context)),
      nodes: s.nodes.map((x) => ordered(x, ORDER.node)),
      assumptions: s.assumptions.map((x) => ordered(x, ORDER.assumption)),
      risks: s.risks.map((x) => ordered(x, ORDER.risk)),
      indicators: s.indicators.map((x) => ordered(x, ORDER.indicator)),
      evidence: s.evidence.map((x) => ordered(x, ORDER.evidence)),
    },
    ORDER.scenario,
  );
}

/** Each annotation's keys in schema order, by kind. */
const ANNOTATION_ORDER = Object.fromEntries(ANNOTATED_KINDS.map((k) => [k, keysOf(ANNOTATION_SCHEMAS[k])])) as Record<AnnotatedKind, string[]>;

function canonicalAnnotations(a: Annotations): Obj {
  const out: Obj = {};
  for (const k of ANNOTATED_KINDS) out[k] = sortedRecord(a[k], ANNOTATION_ORDER[k]);
  return ordered(out, ORDER.annotations);
}

/** The document with a stable key order (schema order; records sorted by id). */
export function canonicalDocument(doc: WorkDocument): Obj {
  return ordered(
    {
      scenario: canonicalScenario(doc.scenario),
      annotations: canonicalAnnotations(doc.annotations),
      shippedFrom: doc.shippedFrom,
      // Left out while empty, so a document without analysis serialises as it did before the layer existed.
      analysis: isEmptyAnalysis(analysisOf(doc)) ? undefined : canonicalAnalysis(analysisOf(doc)),
      judgements: isEmptyJudgements(judgementsOf(doc)) ? undefined : canonicalJudgements(judgementsOf(doc)),
      // The team layers likewise (lib/team): comments, and the audit trail.
      discussion: isEmptyDiscussion(discussionOf(doc)) ? undefined : canonicalDiscussion(discussionOf(doc)),
      audit: isEmptyAudit(auditOf(doc)) ? undefined : canonicalAudit(auditOf(doc)),
    },
    ORDER.document,
  );
}

/** Stable key order, 2-space indent, trailing newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  const view = ordered(
    { ...snapshot.view, viewport: snapshot.view.viewport ? ordered(snapshot.view.viewport, ORDER.viewport) : null },
    ORDER.view,
  );
  const envelope = ordered({ ...snapshot, document: canonicalDocument(snapshot.document), view }, ORDER.snapshot);
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A safe ASCII slug of a title, at most `max` characters, never empty. */
export function slugify(title: string, max = 60): string {
  const ascii = String(title)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = ascii.slice(0, max).replace(/-+$/g, '');
  if (ascii.length > max) {
    const lastHyphen = slug.lastIndexOf('-');
    if (lastHyphen >= max / 2) slug = slug.slice(0, lastHyphen);
  }
  return slug || 'scenario';
}

/** `branchpoint-taliban-s-ttp-conundrum-2026-11-24-1530.json` (local time). */
export function snapshotFileName(scenarioTitle: string, date: Date = new Date()): string {
  const d = Number.isFinite(date.getTime()) ? date : new Date(0);
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `branchpoint-${slugify(scenarioTitle)}-${stamp}.json`;
}

// ---------------------------------------------------------------------------
// Import.

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(obj: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * The snapshot format's track for the one migration engine
 * (lib/migrate/engine.ts). Format 1 is the first: no steps yet.
 */
export const SNAPSHOT_TRACK: MigrationTrack = Object.freeze({
  subject: 'snapshot',
  versionKey: 'formatVersion',
  oldest: 1,
  current: SNAPSHOT_FORMAT_VERSION,
  steps: Object.freeze({}),
});

/** Checks `formatVersion`; returns why this build cannot read it, or null if it can. */
export function checkFormatVersion(v: unknown): VersionReason | null {
  const r = checkVersion(SNAPSHOT_TRACK, v);
  return r.ok ? null : r.reason;
}

/** The words for a `formatVersion` this build cannot read (lib/messages/migrate.ts). */
export function formatVersionSentence(reason: VersionReason): string {
  return migrationSentence({ subject: 'snapshot', versionKey: 'formatVersion', oldest: SNAPSHOT_TRACK.oldest, current: SNAPSHOT_FORMAT_VERSION, reason });
}

function fail(reason: ImportFailure, problems: Problem[] = []): ImportResult {
  return { ok: false, reason, problems };
}

function countRecords(a: Annotations): number {
  return Object.keys(a.nodes).length + Object.keys(a.assumptions).length + Object.keys(a.risks).length + Object.keys(a.indicators).length;
}

/**
 * Imports a snapshot (or a bare work document, or a bare scenario) from text.
 * Never throws: every failure is `{ok: false, reason, problems}`; the words
 * for `reason` (one sentence naming what is wrong and where) are
 * `importFailureMessage` in lib/messages/snapshot.ts.
 */
export function importSnapshotText(text: string, options: ImportOptions = {}): ImportResult {
  try {
    const parsed = safeParseJson(text, options);
    if (!parsed.ok) return fail({ code: 'json', reason: parsed.reason }, parsed.path ? [{ path: parsed.path, message: parsed.message }] : []);
    const value = parsed.value;
    if (!isObject(value)) return fail({ code: 'not-an-object', found: shown(value) });
    // A SilverDecisions file: its own module (lib/io/sd-document.ts).
    if (value.format !== SNAPSHOT_FORMAT && !has(value, 'scenario') && !has(value, 'document') && looksLikeSilverDecisions(value)) return importSilverDecisionsDocument(value, options);

    let docRaw: unknown;
    let viewRaw: unknown;
    let exportedAt: string | null = null;
    let what: ImportSubject;
    let mapPath: (p: string) => string;
    if (has(value, 'format') || has(value, 'formatVersion')) {
      if (value.format !== SNAPSHOT_FORMAT) return fail({ code: 'wrong-format', found: shown(value.format) });
      const version = checkFormatVersion(value.formatVersion);
      if (version) return fail({ code: 'format-version', reason: version }, [{ path: 'formatVersion', message: formatVersionSentence(version) }]);
      if (!has(value, 'document')) return fail({ code: 'no-document' }, [documentProblem('document', { code: 'document-missing' })]);
      docRaw = value.document;
      viewRaw = has(value, 'view') ? value.view : undefined;
      if (typeof value.exportedAt === 'string' && value.exportedAt.length <= 40) exportedAt = value.exportedAt;
      what = 'snapshot';
      mapPath = (p) => (p === '(document)' ? 'document' : `document.${p}`);
    } else if (has(value, 'scenario')) {
      docRaw = value;
      what = 'document';
      mapPath = (p) => p;
    } else if (has(value, 'schemaVersion') || has(value, 'nodes')) {
      docRaw = { scenario: value };
      what = 'scenario';
      mapPath = (p) => (p === 'scenario' ? '(top level)' : p.replace(/^scenario\.?/, ''));
    } else {
      return fail({ code: 'unrecognised' });
    }

    const restored = restoreDocument(docRaw, { now: options.now });
    if (!restored.ok) {
      const problems = restored.problems.map((p) => ({ path: mapPath(p.path), message: p.message }));
      return fail({ code: 'invalid', what, first: problems[0] ?? null, more: Math.max(0, problems.length - 1) }, problems);
    }
    const document = restored.document;
    const view = viewRaw === undefined ? emptyView() : restoreView(viewRaw, document);
    const s = document.scenario;
    return {
      ok: true,
      document,
      view,
      repairs: restored.repairs,
      summary: {
        title: s.title,
        nodes: s.nodes.length,
        assumptions: s.assumptions.length,
        risks: s.risks.length,
        indicators: s.indicators.length,
        annotated: countRecords(document.annotations),
        exportedAt,
      },
    };
  } catch (err) {
    return fail({ code: 'unexpected', detail: err instanceof Error ? err.message : 'unknown error' });
  }
}
