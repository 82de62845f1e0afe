/**
 * The zod builders the schemas are made with (the `Z` of lib/records/kind),
 * imported by name so the bundle keeps only them. This object, not the zod
 * namespace, is what the record kinds, the analysis layer and the team's
 * judgements are handed: a namespace passed as a value cannot be tree-shaken,
 * and would bring every locale and the JSON Schema code into the page.
 */
import { array, discriminatedUnion, enum as enumOf, literal, number, record, strictObject, string } from 'zod';
import type { Z } from '@/lib/records/kind';

export const zod: Z = { array, discriminatedUnion, enum: enumOf, literal, number, record, strictObject, string };
