/**
 * Team judgements: each analyst's own stance, likelihood and probability on
 * a branch and Key Assumptions Check status on an assumption, kept side by
 * side under the analyst's id (lib/sync/presence.ts `Me.id`) with the name
 * and colour they last had. An optional layer of the work document: saved,
 * exported, diffed, synced and undone with it; absent from a document
 * written before it existed (read as empty) and left out of the canonical
 * export while empty, so older snapshots serialise as before.
 *
 * The rule a team lead can rely on: the annotation on a branch or an
 * assumption stays the team's working value (it drives the weakening marks,
 * the brief and the decision analysis). When an analyst edits that value in
 * the inspector, the same edit is also recorded as their own judgement, in
 * the same undo step. Recording a judgement never changes another analyst's
 * judgement; "Adopt the group's view" (lib/team/aggregate.ts `groupView`)
 * sets the team value to the aggregate and changes no one's judgement.
 *
 * Pure TypeScript: no React, no DOM; zod is passed in (as the analysis
 * layer does) so client code importing this pays nothing for it.
 */
import type * as zod from 'zod';
import type { Z } from '@/lib/records/kind';
import type { Scenario } from '@/lib/model/schema';
import { ASSUMPTION_STATUSES, LIKELIHOODS, STANCES, type AssumptionStatus, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import { RESERVED_IDS } from '@/lib/model/constants';
import { ANALYST_ID, PRESENCE_COLOURS, cleanName, type PresenceColour } from '@/lib/sync/presence';

/** A Key Assumptions Check status an analyst can hold ("unreviewed" is no judgement at all). */
export const JUDGED_STATUSES = ASSUMPTION_STATUSES.filter((s) => s !== 'unreviewed') as readonly Exclude<AssumptionStatus, 'unreviewed'>[];
export type JudgedStatus = Exclude<AssumptionStatus, 'unreviewed'>;

export const JUDGEMENT_LIMITS = {
  /** Analysts in one document: far more than a team; more is refused as hostile. */
  maxAnalysts: 200,
  /** Judged branches and assumptions per analyst (a scenario holds at most a few thousand records). */
  maxEntries: 20000,
  /** A probability as typed (a number, a percentage or an expression). */
  maxProbability: 200,
  maxStamp: 40,
} as const;

/** A value with when it was set (ISO 8601). */
export interface Stamped<V> {
  value: V;
  at: string;
}

export interface BranchJudgement {
  stance?: Stamped<Stance>;
  likelihood?: Stamped<Likelihood>;
  /** As typed: "0.3", "30%", or an expression over the analysis' parameters. */
  probability?: Stamped<string>;
}

export interface AssumptionJudgement {
  status?: Stamped<JudgedStatus>;
}

export interface AnalystJudgements {
  /** As last known (the analyst may rename themselves: their latest judgement brings it). */
  name: string;
  colour: PresenceColour;
  branches: Record<string, BranchJudgement>;
  assumptions: Record<string, AssumptionJudgement>;
}

/** Analyst id → their judgements. */
export type Judgements = Record<string, AnalystJudgements>;

/** Who is judging: the analyst as the browser keeps them. */
export interface Analyst {
  id: string;
  name: string;
  colour: PresenceColour;
}

export type BranchField = keyof BranchJudgement;
export const BRANCH_FIELDS: readonly BranchField[] = ['stance', 'likelihood', 'probability'];

const EMPTY: Judgements = Object.freeze({}) as Judgements;
const own = (rec: object, key: string) => Object.prototype.hasOwnProperty.call(rec, key);

/** A document's judgements; a document written before the layer existed has none. */
export function judgementsOf(doc: { judgements?: Judgements }): Judgements {
  return doc.judgements ?? EMPTY;
}

export function isEmptyJudgements(j: Judgements): boolean {
  return Object.keys(j).length === 0;
}

const entryCount = (a: AnalystJudgements) => Object.keys(a.branches).length + Object.keys(a.assumptions).length;

function withAnalyst(j: Judgements, analyst: Analyst, next: AnalystJudgements): Judgements {
  const out = { ...j };
  if (entryCount(next) === 0) delete out[analyst.id];
  else out[analyst.id] = next;
  return out;
}

function analystEntry(j: Judgements, analyst: Analyst): AnalystJudgements {
  const prev = own(j, analyst.id) ? j[analyst.id]! : { name: analyst.name, colour: analyst.colour, branches: {}, assumptions: {} };
  return { ...prev, name: cleanName(analyst.name) ?? prev.name, colour: analyst.colour };
}

export interface BranchPatch {
  stance?: Stance;
  /** null clears it. */
  likelihood?: Likelihood | null;
  /** '' or null clears it. */
  probability?: string | null;
}

/**
 * Records `analyst`'s judgement on a branch (each field given is set, with
 * `at`; a cleared likelihood or probability is no longer theirs). Refuses
 * (returns `j`) an analyst whose id is not one.
 */
export function judgeBranch(j: Judgements, analyst: Analyst, nodeId: string, patch: BranchPatch, at: string): Judgements {
  if (!ANALYST_ID.test(analyst.id)) return j;
  const a = analystEntry(j, analyst);
  const prev = own(a.branches, nodeId) ? a.branches[nodeId]! : {};
  const next: BranchJudgement = { ...prev };
  if (patch.stance !== undefined) next.stance = { value: patch.stance, at };
  if (patch.likelihood !== undefined) {
    if (patch.likelihood === null) delete next.likelihood;
    else next.likelihood = { value: patch.likelihood, at };
  }
  if (patch.probability !== undefined) {
    const text = patch.probability?.trim() ?? '';
    if (text) next.probability = { value: text.slice(0, JUDGEMENT_LIMITS.maxProbability), at };
    else delete next.probability;
  }
  const branches = { ...a.branches };
  if (Object.keys(next).length === 0) delete branches[nodeId];
  else branches[nodeId] = next;
  return withAnalyst(j, analyst, { ...a, branches });
}

/** Records `analyst`'s Key Assumptions Check status of an assumption ("unreviewed" withdraws it). */
export function judgeAssumption(j: Judgements, analyst: Analyst, assumptionId: string, status: AssumptionStatus, at: string): Judgements {
  if (!ANALYST_ID.test(analyst.id)) return j;
  const a = analystEntry(j, analyst);
  const assumptions = { ...a.assumptions };
  if (status === 'unreviewed') delete assumptions[assumptionId];
  else assumptions[assumptionId] = { status: { value: status, at } };
  return withAnalyst(j, analyst, { ...a, assumptions });
}

/** After a change to the tree: judgements on branches and assumptions that no longer exist go with them. */
export function pruneJudgements(j: Judgements, scenario: Scenario): Judgements {
  const nodes = new Set(scenario.nodes.map((n) => n.id));
  const assumptions = new Set(scenario.assumptions.map((a) => a.id));
  let out: Judgements | null = null;
  for (const id of Object.keys(j)) {
    const a = j[id]!;
    const staleB = Object.keys(a.branches).filter((k) => !nodes.has(k));
    const staleA = Object.keys(a.assumptions).filter((k) => !assumptions.has(k));
    if (staleB.length === 0 && staleA.length === 0) continue;
    out ??= { ...j };
    const branches = { ...a.branches };
    for (const k of staleB) delete branches[k];
    const as = { ...a.assumptions };
    for (const k of staleA) delete as[k];
    const next = { ...a, branches, assumptions: as };
    if (entryCount(next) === 0) delete out[id];
    else out[id] = next;
  }
  return out ?? j;
}

// ---------------------------------------------------------------------------
// Schema and reading a layer from outside.

const stamp = (z: Z) => z.string().max(JUDGEMENT_LIMITS.maxStamp);
const stamped = <T extends zod.ZodType>(z: Z, value: T) => z.strictObject({ value, at: stamp(z) });

export const branchJudgementSchema = (z: Z) =>
  z.strictObject({
    stance: stamped(z, z.enum(STANCES)).optional(),
    likelihood: stamped(z, z.enum(LIKELIHOODS)).optional(),
    probability: stamped(z, z.string().trim().min(1).max(JUDGEMENT_LIMITS.maxProbability)).optional(),
  });

export const assumptionJudgementSchema = (z: Z) =>
  z.strictObject({ status: stamped(z, z.enum(JUDGED_STATUSES as unknown as [JudgedStatus, ...JudgedStatus[]])).optional() });

export type JudgementRepair =
  | { code: 'judgements-unreadable' }
  /** The whole layer refused as hostile (too large): left out, the document kept. */
  | { code: 'judgements-refused'; reason: 'too-many-analysts' | 'too-many-entries'; limit: number }
  | { code: 'judgements-analyst-dropped'; key: string; reason: string }
  | { code: 'judgements-entry-dropped'; analyst: string; key: string; reason: string }
  | { code: 'judgements-orphaned'; what: 'branch' | 'assumption'; ids: string[] };

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstIssue(e: zod.ZodError): string {
  const i = e.issues[0];
  if (!i) return 'invalid';
  const path = i.path.map(String).join('.');
  return path ? `${path} ${i.message}` : i.message;
}

/**
 * Validates a layer read from a file, a link, storage or a shared room
 * against the scenario: an analyst whose id, name or colour is unreadable is
 * dropped and reported; an entry that fails its schema is dropped and
 * reported; entries on branches or assumptions the scenario does not hold
 * are dropped and reported; a layer naming more analysts than a team has is refused
 * whole (and said so). Never throws.
 */
export function restoreJudgements(z: Z, raw: unknown, scenario: Scenario): { judgements: Judgements; repairs: JudgementRepair[] } {
  const repairs: JudgementRepair[] = [];
  const out: Judgements = {};
  if (raw === undefined || raw === null) return { judgements: out, repairs };
  if (!isObj(raw)) return { judgements: out, repairs: [{ code: 'judgements-unreadable' }] };
  const keys = Object.keys(raw);
  if (keys.length > JUDGEMENT_LIMITS.maxAnalysts) {
    return { judgements: out, repairs: [{ code: 'judgements-refused', reason: 'too-many-analysts', limit: JUDGEMENT_LIMITS.maxAnalysts }] };
  }
  const nodes = new Set(scenario.nodes.map((n) => n.id));
  const assumptionIds = new Set(scenario.assumptions.map((a) => a.id));
  const orphanB = new Set<string>();
  const orphanA = new Set<string>();
  const bs = branchJudgementSchema(z);
  const as = assumptionJudgementSchema(z);
  for (const id of keys) {
    if (!ANALYST_ID.test(id)) {
      repairs.push({ code: 'judgements-analyst-dropped', key: short(id), reason: 'not an analyst id' });
      continue;
    }
    const a = raw[id];
    if (!isObj(a)) {
      repairs.push({ code: 'judgements-analyst-dropped', key: id, reason: 'not a record' });
      continue;
    }
    const name = cleanName(a.name);
    const colour = PRESENCE_COLOURS.find((c) => c === a.colour);
    if (!name || !colour) {
      repairs.push({ code: 'judgements-analyst-dropped', key: id, reason: name ? 'no known colour' : 'no readable name' });
      continue;
    }
    const rb = isObj(a.branches) ? a.branches : {};
    const ra = isObj(a.assumptions) ? a.assumptions : {};
    if (Object.keys(rb).length + Object.keys(ra).length > JUDGEMENT_LIMITS.maxEntries) {
      return { judgements: {}, repairs: [{ code: 'judgements-refused', reason: 'too-many-entries', limit: JUDGEMENT_LIMITS.maxEntries }] };
    }
    const entry: AnalystJudgements = { name, colour, branches: {}, assumptions: {} };
    /** One kind of this analyst's entries: keys the scenario lacks are orphans, unreadable entries dropped with a repair, empty ones left out. */
    const read = <D, T>(given: Record<string, unknown>, known: ReadonlySet<string>, orphans: Set<string>, schema: zod.ZodType<D>, kept: (d: D) => boolean, into: Record<string, T>) => {
      for (const key of Object.keys(given)) {
        if (!known.has(key)) {
          orphans.add(short(key));
          continue;
        }
        const r = schema.safeParse(given[key]);
        if (!r.success) repairs.push({ code: 'judgements-entry-dropped', analyst: id, key, reason: firstIssue(r.error) });
        else if (kept(r.data)) into[key] = r.data as unknown as T;
      }
    };
    read(rb, nodes, orphanB, bs, (d) => Object.keys(d).length > 0, entry.branches);
    read(ra, assumptionIds, orphanA, as, (d) => Boolean(d.status), entry.assumptions);
    if (entryCount(entry) > 0) out[id] = entry;
  }
  if (orphanB.size > 0) repairs.push({ code: 'judgements-orphaned', what: 'branch', ids: [...orphanB] });
  if (orphanA.size > 0) repairs.push({ code: 'judgements-orphaned', what: 'assumption', ids: [...orphanA] });
  return { judgements: out, repairs };
}

const stampedCanon = <V>(s: Stamped<V> | undefined) => (s ? { value: s.value, at: s.at } : undefined);

/** The layer with a stable key order: analysts, branches and assumptions by id; fields in schema order. */
export function canonicalJudgements(j: Judgements): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(j).sort()) {
    const a = j[id]!;
    const branches: Record<string, unknown> = {};
    for (const k of Object.keys(a.branches).sort()) {
      const b = a.branches[k]!;
      const o: Record<string, unknown> = {};
      for (const f of BRANCH_FIELDS) if (b[f]) o[f] = stampedCanon(b[f]);
      branches[k] = o;
    }
    const assumptions: Record<string, unknown> = {};
    for (const k of Object.keys(a.assumptions).sort()) assumptions[k] = { status: stampedCanon(a.assumptions[k]!.status) };
    out[id] = { name: a.name, colour: a.colour, branches, assumptions };
  }
  return out;
}

/** One analyst's judgement on one record, flattened: the key is `<analyst>/b/<node>` or `<analyst>/a/<assumption>`. */
export type FlatJudgements = Record<string, Record<string, Stamped<string>>>;

export const flatKey = (analystId: string, what: 'b' | 'a', recordId: string) => `${analystId}/${what}/${recordId}`;

/** Every judgement as `flatKey` → field → stamped value (for the shared room and the diff). */
export function flattenJudgements(j: Judgements): FlatJudgements {
  const out: FlatJudgements = {};
  for (const id of Object.keys(j)) {
    const a = j[id]!;
    for (const k of Object.keys(a.branches)) out[flatKey(id, 'b', k)] = { ...(a.branches[k] as Record<string, Stamped<string>>) };
    for (const k of Object.keys(a.assumptions)) out[flatKey(id, 'a', k)] = { ...(a.assumptions[k] as Record<string, Stamped<string>>) };
  }
  return out;
}

/** Reads `flattenJudgements` back (unchecked: the result goes through `restoreJudgements`). */
export function unflattenJudgements(flat: FlatJudgements, analysts: Readonly<Record<string, { name: unknown; colour: unknown }>>): Record<string, unknown> {
  const out: Record<string, { name: unknown; colour: unknown; branches: Record<string, unknown>; assumptions: Record<string, unknown> }> = {};
  for (const key of Object.keys(flat)) {
    const [analyst, what, ...rest] = key.split('/');
    const recordId = rest.join('/');
    // Only analyst ids and record ids that cannot name an object's own machinery.
    if (!analyst || !ANALYST_ID.test(analyst) || (what !== 'b' && what !== 'a') || !recordId || RESERVED_IDS.has(recordId)) continue;
    const who = own(analysts, analyst) ? analysts[analyst]! : { name: undefined, colour: undefined };
    const entry = (out[analyst] ??= { name: who.name, colour: who.colour, branches: {}, assumptions: {} });
    (what === 'b' ? entry.branches : entry.assumptions)[recordId] = flat[key];
  }
  return out;
}
