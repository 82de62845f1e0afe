/**
 * zod schemas for the annotation layer (used when loading saved data and
 * importing snapshots; the client loads them lazily).
 */
import * as z from 'zod';
import { idSchema, LIMITS } from '@/lib/model/schema';
import { ASSUMPTION_STATUSES, INDICATOR_STATES, LIKELIHOODS, RATINGS, STANCES } from './vocab';
import type { Annotations } from './types';

import { ANNOTATION_LIMITS } from '@/lib/model/constants';

export { ANNOTATION_LIMITS };

const timestamp = z.string().max(40);
const note = z.string().max(ANNOTATION_LIMITS.maxNote);

export const nodeAnnotationSchema = z.strictObject({
  note,
  stance: z.enum(STANCES),
  likelihood: z.enum(LIKELIHOODS).nullable(),
  tags: z.array(z.string().trim().min(1).max(ANNOTATION_LIMITS.maxTag)).max(ANNOTATION_LIMITS.maxTags),
  updatedAt: timestamp,
});

export const assumptionAnnotationSchema = z.strictObject({
  status: z.enum(ASSUMPTION_STATUSES),
  rationale: note,
  undermine: note,
  updatedAt: timestamp,
});

export const riskAnnotationSchema = z.strictObject({
  likelihood: z.enum(RATINGS).nullable(),
  impact: z.enum(RATINGS).nullable(),
  mitigation: note,
  updatedAt: timestamp,
});

export const indicatorAnnotationSchema = z.strictObject({
  state: z.enum(INDICATOR_STATES),
  lastChecked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24').nullable(),
  note,
  updatedAt: timestamp,
});

const rec = <T extends z.ZodType>(value: T) => z.record(idSchema, value);

export const annotationsSchema = z.strictObject({
  nodes: rec(nodeAnnotationSchema),
  assumptions: rec(assumptionAnnotationSchema),
  risks: rec(riskAnnotationSchema),
  indicators: rec(indicatorAnnotationSchema),
});

// Compile-time check that the schema and the hand-written type agree.
type Inferred = z.infer<typeof annotationsSchema>;
const _sameShape: (a: Inferred) => Annotations = (a) => a;
const _sameShapeBack: (a: Annotations) => Inferred = (a) => a;
void _sameShape;
void _sameShapeBack;
void LIMITS;
