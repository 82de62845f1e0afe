/**
 * zod schemas for the annotation layer (used when loading saved data and
 * importing snapshots; the client loads them lazily). Each is built from its
 * record kind's definition in lib/records.
 */
import type * as z from 'zod';
import { zod } from '@/lib/model/zod';
import { idSchema } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import type { AnnotatedKind, Annotations } from '@/lib/records';
import { nodeAnnotationSchema as nodeSchema } from '@/lib/records/node';
import { assumptionAnnotationSchema as assumptionSchema } from '@/lib/records/assumption';
import { riskAnnotationSchema as riskSchema } from '@/lib/records/risk';
import { indicatorAnnotationSchema as indicatorSchema } from '@/lib/records/indicator';
import { evidenceAnnotationSchema as evidenceSchema } from '@/lib/records/evidence';
import { sourceAnnotationSchema as sourceSchema } from '@/lib/records/source';

export { ANNOTATION_LIMITS };

export const nodeAnnotationSchema = nodeSchema(zod);
export const assumptionAnnotationSchema = assumptionSchema(zod);
export const riskAnnotationSchema = riskSchema(zod);
export const indicatorAnnotationSchema = indicatorSchema(zod);
export const evidenceAnnotationSchema = evidenceSchema(zod);
export const sourceAnnotationSchema = sourceSchema(zod);

/** The annotation schema of each kind, by key. */
export const ANNOTATION_SCHEMAS: Record<AnnotatedKind, z.ZodObject> = {
  nodes: nodeAnnotationSchema,
  assumptions: assumptionAnnotationSchema,
  risks: riskAnnotationSchema,
  indicators: indicatorAnnotationSchema,
  evidence: evidenceAnnotationSchema,
  sources: sourceAnnotationSchema,
};

const rec = <T extends z.ZodType>(value: T) => zod.record(idSchema, value);

/** The whole layer. The evidence and sources sections came later: a layer saved without them reads as none graded. */
export const annotationsSchema = zod.strictObject({
  nodes: rec(nodeAnnotationSchema),
  assumptions: rec(assumptionAnnotationSchema),
  risks: rec(riskAnnotationSchema),
  indicators: rec(indicatorAnnotationSchema),
  evidence: rec(evidenceAnnotationSchema).default({}),
  sources: rec(sourceAnnotationSchema).default({}),
});

// Compile-time check that the schema and the registry's types agree.
const _sameShape: (a: z.infer<typeof annotationsSchema>) => Annotations = (a) => a;
void _sameShape;
