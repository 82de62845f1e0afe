/**
 * The JSON Schema of a scenario file, generated from the zod schema so the two
 * can never disagree. Written to scenarios/scenario.schema.json by
 * `npm run schema`; a unit test fails when that file is stale.
 */
import * as z from 'zod';
import { scenarioSchema } from './schema';

export function buildScenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://branchpoint.invalid/scenario.schema.json',
    title: 'Branchpoint scenario',
    description:
      'A decision tree for scenario planning: a flat list of nodes linked by parentId, with assumptions, risks, indicators and verbatim evidence quotes defined once and referenced by id. Integrity (one root, no cycles, references resolve) is checked by the app.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

export function serializeJsonSchema(): string {
  return `${JSON.stringify(buildScenarioJsonSchema(), null, 2)}\n`;
}
