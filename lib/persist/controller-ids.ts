/**
 * Ids of documents as the persistence controller names them. Kept apart from
 * the controller so the page can use them without loading storage code.
 */
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import type { WorkDocument } from '@/lib/doc/types';
import { shippedAnalysis } from '@/lib/scenarios-analysis';

/** A shipped scenario open as it ships (never saved as a document) is `builtin.<scenario id>`. */
export const BUILTIN_PREFIX = 'builtin.';
export const builtinId = (scenarioId: string) => `${BUILTIN_PREFIX}${scenarioId}`;
export const isBuiltin = (docId: string) => docId.startsWith(BUILTIN_PREFIX);

/** A shipped scenario as a work document, with the analysis layer it ships with (the worked example's numbers), if any. */
export function shippedWorkDocument(s: Scenario): WorkDocument {
  const analysis = shippedAnalysis(s.id);
  return { scenario: s, annotations: emptyAnnotations(), shippedFrom: s.id, ...(analysis ? { analysis } : {}) };
}
