import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { serializeJsonSchema } from '@/lib/model/json-schema';

const root = path.resolve(__dirname, '../..');
const schemaFile = path.join(root, 'scenarios/scenario.schema.json');

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` to regenerate)', () => {
    const fresh = serializeJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, fresh);
    const onDisk = readFileSync(schemaFile, 'utf8');
    expect(onDisk, 'scenarios/scenario.schema.json is stale: run `npm run schema`').toBe(fresh);
  });

  it('describes the node list, evidence quotes and their paragraph numbers', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(schema.properties.nodes.type).toBe('array');
    expect(schema.properties.evidence.items.properties.quote.type).toBe('string');
    expect(schema.properties.evidence.items.properties.paragraph.type).toBe('integer');
    expect(schema.required).toContain('nodes');
  });

  it('is referenced by $schema from every scenario file', () => {
    for (const f of readdirSync(path.join(root, 'scenarios'))) {
      if (!f.endsWith('.json') || f === 'scenario.schema.json') continue;
      const doc = JSON.parse(readFileSync(path.join(root, 'scenarios', f), 'utf8'));
      expect(doc.$schema, f).toBe('./scenario.schema.json');
    }
  });
});
