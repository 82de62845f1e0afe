/**
 * The team's judgements put together: for each branch (stance, likelihood,
 * probability) and each assumption (Key Assumptions Check status), every
 * analyst's answer on one 0..1 scale, their mean (the aggregate), the spread
 * of answers (lowest to highest) and the disagreement, the standard
 * deviation of the answers banded consensus / mild / strong / extreme.
 *
 * The 0..1 scales:
 * - likelihood: the midpoint of its words-of-estimative-probability band
 *   ("likely", 55–80%, reads 0.675);
 * - probability: the number typed ("0.3", "30%"); an expression is evaluated
 *   with the analysis' parameters that are plain numbers, and left out of
 *   the aggregate (and said so) when it cannot be, or falls outside 0..1;
 * - stance: favoured +1, open and needs work 0, rejected −1, normalised to
 *   0..1 (1, 0.5, 0);
 * - Key Assumptions Check: solid 1, caveated 2/3, unsupported 1/3, broken 0
 *   ("unreviewed" is no judgement and counts for nothing).
 *
 * Disagreement is the population standard deviation (divide by n: the team
 * is the whole population of views, not a sample) on that scale, whose
 * largest value is 0.5 (half the team at each end). The bands:
 * - consensus, below 0.1: for two analysts SD = |a − b| / 2, so the two are
 *   less than 0.2 apart, within about one step of the WEP scale ("likely"
 *   0.675 vs "very likely" 0.875 is exactly 0.1: the first step that counts);
 * - mild, below 0.2: up to 0.4 apart: one step and a half of the WEP scale,
 *   solid vs caveated (SD 0.17), a probability of 0.4 vs 0.7;
 * - strong, below 0.3: favoured vs open or needs work (SD 0.25), likely vs
 *   unlikely (0.675 vs 0.325, SD 0.175 is mild; vs very unlikely, SD 0.275);
 * - extreme, 0.3 and above: opposite ends: favoured vs rejected (0.5), solid
 *   vs unsupported (0.33), a three-way split across the scale.
 * One analyst alone has no band ("one view"): there is nothing to disagree with.
 *
 * Pure TypeScript: no React, no DOM.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { LIKELIHOODS, LIKELIHOOD_INFO, type AssumptionStatus, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import { analysisOf } from '@/lib/analysis/document';
import { evaluate, parsePlainNumber } from '@/lib/analysis/expr';
import { judgementsOf, type JudgedStatus, type Judgements } from './judgements';
import type { PresenceColour } from '@/lib/sync/presence';

export const BANDS = ['consensus', 'mild', 'strong', 'extreme'] as const;
export type Band = (typeof BANDS)[number];
/** The lower edge of each band of disagreement (standard deviation on the 0..1 scale); see the module comment. */
export const BAND_FLOOR: Record<Band, number> = { consensus: 0, mild: 0.1, strong: 0.2, extreme: 0.3 };

/** Tolerance for floating-point noise at a band's edge (two answers exactly 0.2 apart are mild, not consensus by 1e-17). */
const EDGE = 1e-9;

export function bandOf(sd: number): Band {
  if (sd >= BAND_FLOOR.extreme - EDGE) return 'extreme';
  if (sd >= BAND_FLOOR.strong - EDGE) return 'strong';
  if (sd >= BAND_FLOOR.mild - EDGE) return 'mild';
  return 'consensus';
}

/** The rank of a band (for sorting and "worst of"): consensus 0 … extreme 3. */
export const bandRank = (b: Band | null): number => (b === null ? -1 : BANDS.indexOf(b));

export const STANCE_SCORE: Record<Stance, number> = { favoured: 1, open: 0.5, 'needs-work': 0.5, rejected: 0 };
export const STATUS_SCORE: Record<JudgedStatus, number> = { solid: 1, caveated: 2 / 3, unsupported: 1 / 3, broken: 0 };

export function likelihoodScore(l: Likelihood): number {
  const [lo, hi] = LIKELIHOOD_INFO[l].band;
  return (lo + hi) / 200;
}

export interface Spread {
  n: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
  min: number;
  max: number;
}

/** Mean, population standard deviation and range of a non-empty list. */
export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return { n, mean, sd: Math.sqrt(sq / n), min, max };
}

export type Dimension = 'stance' | 'likelihood' | 'probability' | 'status';
export const DIMENSIONS: readonly Dimension[] = ['stance', 'likelihood', 'probability', 'status'];

/** Why an answer is not in the aggregate. */
export type LeftOut = 'expression' | 'out-of-range';

export interface Opinion {
  analystId: string;
  name: string;
  colour: PresenceColour;
  /** The answer as given (a stance, a WEP term, a probability as typed, a status). */
  value: string;
  at: string;
  /** On the 0..1 scale; null when left out of the aggregate. */
  score: number | null;
  leftOut?: LeftOut;
}

export interface TeamRow {
  kind: 'branch' | 'assumption';
  id: string;
  dimension: Dimension;
  /** Every analyst who judged it, by name. */
  opinions: Opinion[];
  /** Over the answers that have a score; null when none has. */
  spread: Spread | null;
  /** null with fewer than two scored answers ("one view"). */
  band: Band | null;
}

/** A probability as a number on 0..1: plain, or an expression over the plain-number parameters; else why not. */
export function probabilityScore(text: string, parameters: ReadonlyMap<string, number>): { score: number } | { leftOut: LeftOut } {
  let v = parsePlainNumber(text);
  if (v === null) {
    const r = evaluate(text, parameters);
    if (!r.ok) return { leftOut: 'expression' };
    v = r.value;
  }
  return v >= 0 && v <= 1 ? { score: v } : { leftOut: 'out-of-range' };
}

function parameterValues(doc: WorkDocument): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of analysisOf(doc).settings.parameters) {
    const v = parsePlainNumber(p.value);
    if (v !== null) out.set(p.id, v);
  }
  return out;
}

const rowKey = (kind: string, id: string, d: Dimension) => `${kind}\u0000${id}\u0000${d}`;

/**
 * Every judged branch and assumption, one row per dimension judged, with
 * each analyst's answer (by name), the aggregate and the band. Rows come in
 * the scenario's order (branches, then assumptions), dimensions in order.
 */
export function teamRows(doc: WorkDocument, judgements: Judgements = judgementsOf(doc)): TeamRow[] {
  const params = parameterValues(doc);
  const rows = new Map<string, TeamRow>();
  const add = (kind: TeamRow['kind'], id: string, dimension: Dimension, o: Opinion) => {
    const key = rowKey(kind, id, dimension);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { kind, id, dimension, opinions: [], spread: null, band: null }));
    row.opinions.push(o);
  };
  for (const analystId of Object.keys(judgements)) {
    const a = judgements[analystId]!;
    const who = { analystId, name: a.name, colour: a.colour };
    for (const id of Object.keys(a.branches)) {
      const b = a.branches[id]!;
      if (b.stance) add('branch', id, 'stance', { ...who, value: b.stance.value, at: b.stance.at, score: STANCE_SCORE[b.stance.value] });
      if (b.likelihood) add('branch', id, 'likelihood', { ...who, value: b.likelihood.value, at: b.likelihood.at, score: likelihoodScore(b.likelihood.value) });
      if (b.probability) {
        const p = probabilityScore(b.probability.value, params);
        add('branch', id, 'probability', { ...who, value: b.probability.value, at: b.probability.at, ...('score' in p ? { score: p.score } : { score: null, leftOut: p.leftOut }) });
      }
    }
    for (const id of Object.keys(a.assumptions)) {
      const s = a.assumptions[id]!.status;
      if (s) add('assumption', id, 'status', { ...who, value: s.value, at: s.at, score: STATUS_SCORE[s.value] });
    }
  }
  const out: TeamRow[] = [];
  const order = (kind: TeamRow['kind'], ids: readonly string[], dims: readonly Dimension[]) => {
    for (const id of ids) {
      for (const d of dims) {
        const row = rows.get(rowKey(kind, id, d));
        if (!row) continue;
        row.opinions.sort((x, y) => x.name.localeCompare(y.name) || (x.analystId < y.analystId ? -1 : 1));
        const scores = row.opinions.flatMap((o) => (o.score === null ? [] : [o.score]));
        row.spread = scores.length > 0 ? spreadOf(scores) : null;
        row.band = scores.length >= 2 ? bandOf(row.spread!.sd) : null;
        out.push(row);
      }
    }
  };
  order('branch', doc.scenario.nodes.map((n) => n.id), ['stance', 'likelihood', 'probability']);
  order('assumption', doc.scenario.assumptions.map((a) => a.id), ['status']);
  return out;
}

/** The worst band on each branch over its dimensions (branches with one view or none are left out). */
export function splitByBranch(rows: readonly TeamRow[]): Map<string, Band> {
  const out = new Map<string, Band>();
  for (const r of rows) {
    if (r.kind !== 'branch' || r.band === null) continue;
    const prev = out.get(r.id);
    if (prev === undefined || bandRank(r.band) > bandRank(prev)) out.set(r.id, r.band);
  }
  return out;
}

/** Each judged assumption's Key Assumptions Check row (the Key Assumptions table's "Team" column). */
export function checksByAssumption(rows: readonly TeamRow[]): Map<string, TeamRow> {
  const out = new Map<string, TeamRow>();
  for (const r of rows) if (r.kind === 'assumption' && r.dimension === 'status') out.set(r.id, r);
  return out;
}

/** Whether the team splits (mild or worse): the "where we split" filter. */
export const isSplit = (b: Band | null) => bandRank(b) >= bandRank('mild');

// ---------------------------------------------------------------------------
// The group's view as a team value ("Adopt the group's view").

export type GroupValue =
  | { dimension: 'stance'; value: Stance }
  | { dimension: 'likelihood'; value: Likelihood }
  | { dimension: 'probability'; value: string }
  | { dimension: 'status'; value: AssumptionStatus };

/**
 * The team value nearest the aggregate: the stance whose score is nearest
 * the mean (open or needs work, which score alike, by which more analysts
 * chose, open on a tie); the WEP term whose band holds the mean (the lower
 * term at a shared edge); the mean probability to two decimals; the status
 * nearest the mean (the more cautious on a tie). Null without a scored answer.
 */
export function groupView(row: TeamRow): GroupValue | null {
  if (!row.spread) return null;
  const m = row.spread.mean;
  switch (row.dimension) {
    case 'stance': {
      if (m >= 0.75 - EDGE) return { dimension: 'stance', value: 'favoured' };
      if (m <= 0.25 + EDGE) return { dimension: 'stance', value: 'rejected' };
      const nw = row.opinions.filter((o) => o.value === 'needs-work').length;
      const open = row.opinions.filter((o) => o.value === 'open').length;
      return { dimension: 'stance', value: nw > open ? 'needs-work' : 'open' };
    }
    case 'likelihood': {
      const pct = m * 100;
      const hit = LIKELIHOODS.find((l) => pct <= LIKELIHOOD_INFO[l].band[1] + EDGE) ?? 'almost-certain';
      return { dimension: 'likelihood', value: hit };
    }
    case 'probability':
      return { dimension: 'probability', value: String(Math.round(m * 100) / 100) };
    case 'status': {
      // Ties go to the more cautious status (lower score): walk from broken upwards, keep the first nearest.
      const order: JudgedStatus[] = ['broken', 'unsupported', 'caveated', 'solid'];
      let best = order[0]!;
      for (const s of order) if (Math.abs(STATUS_SCORE[s] - m) < Math.abs(STATUS_SCORE[best] - m) - EDGE) best = s;
      return { dimension: 'status', value: best };
    }
  }
}
