/**
 * Constants of the scenario format, without zod, so client components can use
 * them without pulling the validator into the page's first-load JavaScript.
 * lib/model/schema.ts builds the zod schema from these.
 */
export const SCENARIO_SCHEMA_VERSION = 2;

export const LIMITS = {
  maxNodes: 50_000,
  maxDepth: 10_000,
  maxIdLength: 80,
  maxTitleLength: 300,
  maxTextLength: 5_000,
  maxQuoteLength: 1_000,
  /** A source's full text (the article a scenario is drawn from). */
  maxSourceTextLength: 1_000_000,
  maxListLength: 500,
  maxRecords: 100_000,
} as const;

/** Stable slug ids: lower-case letters and digits joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Ids become object keys in annotations; these would shadow Object.prototype. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['constructor', 'prototype', '__proto__']);

export const NODE_KINDS = ['decision', 'option', 'chance', 'outcome'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTOR_KINDS = ['state', 'government', 'armed-group', 'person', 'organisation', 'alliance', 'other'] as const;
export const SOURCE_KINDS = ['article', 'report', 'speech', 'interview', 'dataset', 'book', 'other'] as const;

export const ANNOTATION_LIMITS = {
  maxNote: 20_000,
  maxTags: 30,
  maxTag: 40,
} as const;
