/**
 * Shipped scenarios are re-authored from time to time (issue 9: the article
 * scenario, revision 1 → 2). An analyst's working copy of an older revision,
 * saved in the browser or exported as a snapshot, holds the old tree with
 * the analyst's annotations on it. When that copy is the old revision
 * unchanged (the analyst annotated, but did not reshape the tree), it is
 * moved onto the current revision: each annotation whose target still exists
 * (under its id, or under the id it was renamed to) is carried over, and
 * every one that cannot be is named, with the reason.
 *
 * A copy whose tree the analyst changed is the analyst's own scenario and is
 * left as it is.
 *
 * Each old revision is kept frozen in scenarios/revisions/ (never edited).
 * Pure TypeScript: no React, no DOM; works on the raw annotation layer
 * before restore.ts validates it, so it never trusts its shape.
 */
import talibanTtpR1 from '@/scenarios/revisions/taliban-ttp-conundrum.r1.json';
import { validateScenario } from '@/lib/model/integrity';
import type { Scenario } from '@/lib/model/schema';
import { shippedScenarios } from '@/lib/scenarios';
import { ANNOTATED_KINDS, type AnnotatedKind } from '@/lib/records/kind';

/** Why an annotated item of the old revision is not in the current one. Words: lib/messages/restore.ts. */
export type RevisionReason =
  /** Now background in the scenario's context (`into`: the context item). */
  | 'became-context'
  /** Now an assumption (`into`) rather than a branch. */
  | 'became-assumption'
  /** Now a risk (`into`) rather than a branch. */
  | 'became-risk'
  /** Folded into another item (`into`), which keeps its own annotations. */
  | 'merged'
  /** Taken out: it duplicated another item (`into`). */
  | 'duplicate'
  /** Taken out of the scenario. */
  | 'removed';

export interface RemovedItem {
  reason: RevisionReason;
  into: string | null;
}

export interface ShippedRevision {
  scenarioId: string;
  /** The revision number of the frozen copy. */
  revision: number;
  /** The frozen copy as shipped (raw JSON; validated on first use). */
  raw: unknown;
  /** Ids renamed since, by record kind: old id → current id. */
  renames: Partial<Record<AnnotatedKind, Readonly<Record<string, string>>>>;
  /** Items taken out since, by record kind, with the reason. */
  removed: Partial<Record<AnnotatedKind, Readonly<Record<string, RemovedItem>>>>;
}

/** The current revision number of each shipped scenario that has older revisions. */
export const CURRENT_REVISION: Readonly<Record<string, number>> = { 'taliban-ttp-conundrum': 2 };

export const SHIPPED_REVISIONS: readonly ShippedRevision[] = [
  {
    scenarioId: 'taliban-ttp-conundrum',
    revision: 1,
    raw: talibanTtpR1,
    renames: {
      nodes: {
        // Whether the strike is approved is Pakistan's own choice now: an option, not a chance fork.
        'political-will-for-strike': 'strike-approved',
        // The strike's outcome is uncertain (¶27 says "can"): a chance fork, not a single outcome.
        'strike-approved-leaders-removed': 'strike-removes-leaders',
      },
      // The ¶14 quote now runs on to the contradiction by Zabiullah Mujahid.
      evidence: { 'p14-three-member-team': 'p14-team-contradicted' },
    },
    removed: {
      nodes: {
        'taliban-other-commitments': { reason: 'became-context', into: 'taliban-deliver-elsewhere' },
        'other-commitments-kept-not-ttp': { reason: 'merged', into: 'ttp-left-to-pakistan' },
        'other-commitments-imperfect': { reason: 'merged', into: 'ttp-left-to-pakistan' },
        'strike-not-approved': { reason: 'duplicate', into: 'fight-in-towns' },
        'hedge-alters-calculus': { reason: 'became-assumption', into: 'hedge-can-alter-calculus' },
        'border-militancy-resurges': { reason: 'became-context', into: 'ttp-resurgence' },
        'isk-splinters-join-ttp': { reason: 'became-risk', into: 'isk-splinters-join-ttp' },
      },
      risks: {
        'ttp-resurgence-border': { reason: 'became-context', into: 'ttp-resurgence' },
        'isk-ttp-cooperation': { reason: 'became-context', into: 'isk-ttp-overlap' },
      },
    },
  },
];

/** An annotation that could not be carried over, named. */
export interface RevisionDrop {
  kind: AnnotatedKind;
  id: string;
  /** Its title (a branch) or statement, as the old revision has it. */
  title: string;
  reason: RevisionReason;
  /** The id and title of where its content went in the current revision, if anywhere. */
  into: { kind: 'nodes' | 'assumptions' | 'risks' | 'context'; id: string; title: string } | null;
}

export interface RevisionReport {
  scenarioTitle: string;
  from: number;
  to: number;
  /** Annotations carried over (renamed ones included). */
  carried: number;
  /** Of those, the ones that moved to a renamed id: old id → new id. */
  renamed: { kind: AnnotatedKind; from: string; to: string }[];
  dropped: RevisionDrop[];
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** Sets a key as data (never through a setter such as `__proto__`). */
const put = (o: JsonObject, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

const validated = new Map<ShippedRevision, Scenario | null>();
function frozenScenario(r: ShippedRevision): Scenario | null {
  if (!validated.has(r)) {
    const v = validateScenario(r.raw);
    validated.set(r, v.ok ? v.scenario : null);
  }
  return validated.get(r)!;
}

/** The old revision a scenario is, unchanged, or null (a scenario the analyst reshaped is theirs). */
export function matchRevision(scenario: Scenario, shippedFrom: string | null): ShippedRevision | null {
  if (shippedFrom === null || shippedFrom !== scenario.id) return null;
  const candidates = SHIPPED_REVISIONS.filter((r) => r.scenarioId === shippedFrom);
  if (candidates.length === 0) return null;
  const text = JSON.stringify(scenario);
  for (const r of candidates) {
    const old = frozenScenario(r);
    if (old && JSON.stringify(old) === text) return r;
  }
  return null;
}

function titleIn(s: Scenario, kind: AnnotatedKind | 'context', id: string): string | null {
  const list = s[kind] as readonly ({ id: string } & Record<string, unknown>)[];
  const rec = list.find((x) => x.id === id);
  if (!rec) return null;
  const t = rec.title ?? rec.statement ?? rec.quote;
  return typeof t === 'string' ? t : id;
}

const INTO_KIND: Record<RevisionReason, 'nodes' | 'assumptions' | 'risks' | 'context'> = {
  'became-context': 'context',
  'became-assumption': 'assumptions',
  'became-risk': 'risks',
  merged: 'nodes',
  duplicate: 'nodes',
  removed: 'nodes',
};

/**
 * Moves a working copy of an old shipped revision onto the current one.
 * `rawAnnotations` is the annotation layer as found (anything); the result's
 * annotations are still raw (restore.ts validates them next). Returns null
 * when the scenario is not an unchanged old revision.
 */
export function reviseShipped(
  scenario: Scenario,
  shippedFrom: string | null,
  rawAnnotations: unknown,
): { scenario: Scenario; annotations: unknown; report: RevisionReport } | null {
  const revision = matchRevision(scenario, shippedFrom);
  if (!revision) return null;
  const current = shippedScenarios().find((s) => s.id === revision.scenarioId);
  if (!current) return null;
  const report: RevisionReport = {
    scenarioTitle: current.title,
    from: revision.revision,
    to: CURRENT_REVISION[revision.scenarioId] ?? revision.revision + 1,
    carried: 0,
    renamed: [],
    dropped: [],
  };
  if (!isObject(rawAnnotations)) return { scenario: current, annotations: rawAnnotations, report };

  const out: JsonObject = {};
  for (const key of Object.keys(rawAnnotations)) {
    const section = rawAnnotations[key];
    const kind = (ANNOTATED_KINDS as readonly string[]).includes(key) ? (key as AnnotatedKind) : null;
    if (kind === null || !isObject(section)) {
      put(out, key, section); // unknown or unreadable: restore.ts reports it
      continue;
    }
    const renames = revision.renames[kind] ?? {};
    const removed = revision.removed[kind] ?? {};
    const exists = new Set((current[kind] as readonly { id: string }[]).map((r) => r.id));
    const existed = new Set((frozenScenario(revision)![kind] as readonly { id: string }[]).map((r) => r.id));
    const next: JsonObject = {};
    for (const id of Object.keys(section)) {
      const entry = section[id];
      const to = hasOwn(renames, id) ? renames[id]! : id;
      if (exists.has(to) && !(to !== id && hasOwn(section, to))) {
        put(next, to, entry);
        report.carried++;
        if (to !== id) report.renamed.push({ kind, from: id, to });
        continue;
      }
      if (!existed.has(id) || !isObject(entry)) {
        put(next, id, entry); // never in the old revision, or not an annotation: restore.ts reports it
        continue;
      }
      const gone = hasOwn(removed, id) ? removed[id]! : { reason: 'removed' as const, into: null };
      const intoKind = INTO_KIND[gone.reason];
      const intoTitle = gone.into ? titleIn(current, intoKind, gone.into) : null;
      report.dropped.push({
        kind,
        id,
        title: titleIn(frozenScenario(revision)!, kind, id) ?? id,
        reason: gone.reason,
        into: gone.into && intoTitle !== null ? { kind: intoKind, id: gone.into, title: intoTitle } : null,
      });
    }
    put(out, key, next);
  }
  return { scenario: current, annotations: out, report };
}
