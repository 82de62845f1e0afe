/**
 * The scenario document: zod schemas and the types inferred from them.
 *
 * Pure TypeScript, no React, no DOM. The tree is a flat list of nodes linked
 * by `parentId` (never nested JSON), so no validator or serialiser recurses.
 * Assumptions, risks, indicators, evidence and context are defined once and
 * referenced by id from any number of nodes.
 *
 * Shape is checked here; integrity (unique ids, one root, no cycles, every
 * reference resolves, limits) is checked with loops in `integrity.ts`.
 */
import * as z from 'zod';

import {
  ACTOR_KINDS,
  LIMITS,
  NODE_KINDS,
  RESERVED_IDS,
  SCENARIO_SCHEMA_VERSION,
  SEVERITIES,
  SLUG_PATTERN,
  SOURCE_KINDS,
} from './constants';

/**
 * Version 1 (frozen fixture in tests/fixtures/migrations) held evidence inline on
 * each assumption, risk, indicator and node; version 2 pools evidence with ids.
 * See lib/model/migrations.ts. The constants live in ./constants (no zod).
 */
export { ACTOR_KINDS, LIMITS, NODE_KINDS, RESERVED_IDS, SCENARIO_SCHEMA_VERSION, SEVERITIES, SLUG_PATTERN, SOURCE_KINDS };

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.maxIdLength, `must be at most ${LIMITS.maxIdLength} characters`)
  .regex(SLUG_PATTERN, 'must be a slug: lower-case letters, digits and single hyphens, e.g. "kunar-strike"')
  .refine((id) => !RESERVED_IDS.has(id), 'is a reserved word ("constructor" and "prototype" cannot be ids)');

const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.maxTitleLength);
const text = z.string().max(LIMITS.maxTextLength);
const idList = z.array(idSchema).max(LIMITS.maxListLength);
/** A sub-list of `evidenceIds` or `assumptionIds` that came later: absent in older files, read as none. */
const subList = idList.default([]);
/** Evidence links: every quote cited, and which of them undermine (rather than support) the record. */
const evidenceLinks = { evidenceIds: idList, underminingEvidenceIds: subList };

export const nodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof nodeKindSchema>;

export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const actorKindSchema = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof actorKindSchema>;

export const sourceKindSchema = z.enum(SOURCE_KINDS);

export const sourceSchema = z.strictObject({
  id: idSchema,
  title,
  kind: sourceKindSchema,
  author: z.string().max(LIMITS.maxTitleLength).optional(),
  publisher: z.string().max(LIMITS.maxTitleLength).optional(),
  published: z.string().max(40).optional(),
  /** Where the text lives, for the analyst's reference; never fetched by the app. */
  location: z.string().max(1_000).optional(),
  /** The source's full text, plain text or Markdown; "paragraph N" is its Nth non-empty line. */
  text: z.string().max(LIMITS.maxSourceTextLength).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A verbatim quote from a source. `paragraph` is the Nth non-empty line. */
export const evidenceSchema = z.strictObject({
  id: idSchema,
  quote: z.string().min(1, 'must not be empty').max(LIMITS.maxQuoteLength),
  paragraph: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000),
  sourceId: idSchema,
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const actorSchema = z.strictObject({
  id: idSchema,
  name: title,
  kind: actorKindSchema,
  description: text,
});
export type Actor = z.infer<typeof actorSchema>;

/** The statement of an assumption, risk or indicator. */
const statement = z.string().trim().min(1, 'must not be empty').max(LIMITS.maxTextLength);

export const assumptionSchema = z.strictObject({ id: idSchema, statement, ...evidenceLinks });
export type Assumption = z.infer<typeof assumptionSchema>;

/** A risk's severity is as the source implies it, not a probability. */
export const riskSchema = z.strictObject({ id: idSchema, statement, severity: severitySchema, ...evidenceLinks });
export type Risk = z.infer<typeof riskSchema>;

/**
 * An observable sign (signpost) that a branch is unfolding. `observedEvidenceIds`
 * (a sub-list of `evidenceIds`) are the quotes in which the source reports it as
 * already happening.
 */
export const indicatorSchema = z.strictObject({ id: idSchema, statement, ...evidenceLinks, observedEvidenceIds: subList });
export type Indicator = z.infer<typeof indicatorSchema>;

/** Background the source gives (an event, a group, a regional power) that bears on branches. */
export const contextSchema = z.strictObject({ id: idSchema, title, description: text, ...evidenceLinks });
export type ContextItem = z.infer<typeof contextSchema>;

export const nodeSchema = z.strictObject({
  id: idSchema,
  parentId: idSchema.nullable(),
  kind: nodeKindSchema,
  title,
  summary: text,
  /** Position among siblings; ties are broken by id. */
  order: z.number().int().min(0).max(1_000_000),
  assumptionIds: idList,
  /**
   * The assumptions (a sub-list of `assumptionIds`) this branch rests on being
   * false: it is weakened when the proposition is judged solid, not when it is
   * judged unsupported or broken.
   */
  negatedAssumptionIds: subList,
  riskIds: idList,
  indicatorIds: idList,
  ...evidenceLinks,
  actorIds: idList,
  contextIds: idList,
});
export type ScenarioNode = z.infer<typeof nodeSchema>;

export const scenarioSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, {
    error: `must be ${SCENARIO_SCHEMA_VERSION}`,
  }),
  id: idSchema,
  title,
  question: z.string().trim().min(1, 'must not be empty').max(LIMITS.maxTextLength),
  summary: text,
  /** Id of the actor who takes the root decision. */
  decisionMakerId: idSchema,
  sources: z.array(sourceSchema).max(LIMITS.maxListLength),
  actors: z.array(actorSchema).max(LIMITS.maxListLength),
  context: z.array(contextSchema).max(LIMITS.maxListLength),
  nodes: z.array(nodeSchema).min(1, 'must hold at least the root decision').max(LIMITS.maxNodes),
  assumptions: z.array(assumptionSchema).max(LIMITS.maxRecords),
  risks: z.array(riskSchema).max(LIMITS.maxRecords),
  indicators: z.array(indicatorSchema).max(LIMITS.maxRecords),
  evidence: z.array(evidenceSchema).max(LIMITS.maxRecords),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** Converts a zod issue path to `nodes[12].parentId`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}
