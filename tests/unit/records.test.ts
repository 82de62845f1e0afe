/**
 * The record kinds (lib/records): each kind's schema, defaults, text fields
 * and diff rules agree with each other and with the scenario schema; the
 * generic annotate; the domain rules (allowed child kinds, dates).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod';
import { RECORD_KIND_LIST, RECORD_KINDS, ANNOTATED_KINDS, emptyAnnotations } from '@/lib/records';
import { ANNOTATION_SCHEMAS } from '@/lib/annotations/schema';
import { assumptionSchema, evidenceSchema, indicatorSchema, nodeSchema, riskSchema, sourceSchema, type Scenario } from '@/lib/model/schema';
import { NODE_KINDS, type NodeKind } from '@/lib/model/constants';
import { CHILD_KINDS, DEFAULT_CHILD_KIND, allowedKinds, isAllowedChild } from '@/lib/records/node';
import { isFutureDate, isIsoDate } from '@/lib/records/dates';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { escapeInline } from '@/lib/io/markdown';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
const doc = (): WorkDocument => ({ scenario: structuredClone(scenario), annotations: emptyAnnotations(), shippedFrom: null });

const RECORD_SCHEMAS = { nodes: nodeSchema, assumptions: assumptionSchema, risks: riskSchema, indicators: indicatorSchema, evidence: evidenceSchema, sources: sourceSchema };
/** Scenario fields the diff reads through `title` or structure rather than a field rule. */
const STRUCTURAL: Record<string, readonly string[]> = {
  nodes: ['id', 'title', 'parentId'],
  assumptions: ['id', 'statement'],
  risks: ['id', 'statement'],
  indicators: ['id', 'statement'],
  evidence: ['id', 'quote'],
  sources: ['id', 'title'],
};

describe('record kinds', () => {
  it('lists every annotated kind once, in the registry and the list', () => {
    expect(RECORD_KIND_LIST.map((k) => k.key)).toEqual([...ANNOTATED_KINDS]);
    for (const k of ANNOTATED_KINDS) expect(RECORD_KINDS[k].key).toBe(k);
  });

  for (const kind of RECORD_KIND_LIST) {
    describe(kind.key, () => {
      const schema = ANNOTATION_SCHEMAS[kind.key];
      const keys = Object.keys(schema.shape);

      it('its defaults are a valid annotation with exactly the schema’s fields', () => {
        const d = kind.defaults('2026-12-03T10:00:00.000Z');
        expect(schema.safeParse(d).success).toBe(true);
        expect(Object.keys(d).sort()).toEqual([...keys].sort());
      });

      it('its text fields are string fields of the schema', () => {
        const d = kind.defaults('') as unknown as Record<string, unknown>;
        for (const f of kind.textFields) {
          expect(keys).toContain(f);
          expect(typeof d[f]).toBe('string');
        }
      });

      it('the diff compares every annotation field (all but the timestamp)', () => {
        expect([...kind.annotationFields].sort()).toEqual(keys.filter((k) => k !== 'updatedAt').sort());
      });

      it('the diff compares every field of the scenario record', () => {
        const recordKeys = Object.keys(RECORD_SCHEMAS[kind.key].shape);
        const covered = [...STRUCTURAL[kind.key]!, ...kind.recordFields];
        expect([...covered].sort()).toEqual([...recordKeys].sort());
      });

      it('the schema built from the kind is the one the app validates with', () => {
        expect(Object.keys(kind.annotationSchema(z).shape)).toEqual(keys);
      });
    });
  }

  it('briefs escape the analyst’s text', () => {
    const r = scenario.risks[0]!;
    const line = RECORD_KINDS.risks.brief(r, { likelihood: 'high', impact: null, mitigation: 'Use <b>force</b> *now*', updatedAt: '' }, escapeInline);
    expect(line).toContain('likelihood high');
    expect(line).not.toContain('<b>');
    expect(line).not.toMatch(/(^|[^\\])\*now\*/);
  });
});

describe('annotate (one operation for every kind)', () => {
  const base = doc();
  const firstId = (k: (typeof ANNOTATED_KINDS)[number]) => base.scenario[k][0]!.id;

  it('merges a patch over the defaults, stamps it, and leaves other kinds alone', () => {
    for (const kind of RECORD_KIND_LIST) {
      const id = firstId(kind.key);
      const field = kind.textFields[0]!;
      const next = ops.annotate(base, kind.key, id, { [field]: 'A judgement' }, 'T1');
      const rec = (next.annotations[kind.key] as Record<string, Record<string, unknown>>)[id]!;
      expect(rec).toEqual({ ...kind.defaults('T1'), [field]: 'A judgement', updatedAt: 'T1' });
      for (const other of ANNOTATED_KINDS) if (other !== kind.key) expect(next.annotations[other]).toBe(base.annotations[other]);
    }
  });

  it('returns the same document for an unknown record or a patch that changes nothing', () => {
    expect(ops.annotate(base, 'risks', 'no-such-risk', { mitigation: 'x' }, 'T')).toBe(base);
    const once = ops.annotate(base, 'nodes', firstId('nodes'), { stance: 'favoured' }, 'T1');
    expect(ops.annotate(once, 'nodes', firstId('nodes'), { stance: 'favoured' }, 'T2')).toBe(once);
  });

  it('cleans control characters from text (property: the stored text never holds NUL or bidi controls)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (text) => {
        const next = ops.annotate(base, 'indicators', firstId('indicators'), { note: text }, 'T');
        const stored = next.annotations.indicators[firstId('indicators')]?.note ?? '';
        // eslint-disable-next-line no-control-regex -- the controls are what the test looks for
        expect(stored).not.toMatch(/[\u0000\u202A-\u202E\u2066-\u2069]/);
      }),
    );
  });
});

describe('shared records (one add/edit/remove/link for every shared kind)', () => {
  it('adds, links, edits and removes with every reference and annotation', () => {
    for (const kind of ['assumptions', 'risks', 'indicators'] as const) {
      const d0 = doc();
      const [a, b] = d0.scenario.nodes.slice(1, 3);
      const made = ops.shared.add(d0, kind, a!.id, 'A new statement', kind === 'risks' ? { severity: 'high' } : {});
      expect(made.id).not.toBe('');
      const ref = kind === 'assumptions' ? 'assumptionIds' : kind === 'risks' ? 'riskIds' : 'indicatorIds';
      let d = ops.shared.link(made.doc, kind, b!.id, made.id);
      expect(d.scenario.nodes.filter((n) => n[ref].includes(made.id)).map((n) => n.id)).toEqual([a!.id, b!.id]);
      d = ops.shared.edit(d, kind, made.id, { statement: 'Edited' });
      expect(d.scenario[kind].find((r) => r.id === made.id)?.statement).toBe('Edited');
      d = ops.annotate(d, kind, made.id, {}, 'T');
      d = ops.shared.unlink(d, kind, a!.id, made.id);
      expect(d.scenario.nodes.filter((n) => n[ref].includes(made.id)).map((n) => n.id)).toEqual([b!.id]);
      d = ops.shared.remove(d, kind, made.id);
      expect(d.scenario[kind].some((r) => r.id === made.id)).toBe(false);
      expect(d.scenario.nodes.some((n) => n[ref].includes(made.id))).toBe(false);
      expect(made.id in d.annotations[kind]).toBe(false);
    }
  });
});

describe('allowed child kinds', () => {
  it('allowedKinds equals the brute-force rule: allowed under the parent, and allowing every child', () => {
    const kinds = fc.constantFrom(...NODE_KINDS);
    fc.assert(
      fc.property(fc.option(kinds, { nil: null }), fc.array(kinds, { maxLength: 5 }), (parent, children) => {
        const oracle: NodeKind[] =
          parent === null ? ['decision'] : NODE_KINDS.filter((k) => isAllowedChild(parent, k) && children.every((c) => isAllowedChild(k, c)));
        expect([...allowedKinds(parent, children)]).toEqual(oracle);
      }),
    );
  });

  it('the default child kind is always allowed, and no decision goes under an outcome', () => {
    for (const k of NODE_KINDS) expect(CHILD_KINDS[k]).toContain(DEFAULT_CHILD_KIND[k]);
    expect(isAllowedChild('outcome', 'decision')).toBe(false);
  });

  it('ops refuse a child or a kind change the rule forbids', () => {
    let d = doc();
    const outcome = ops.addChild(d, d.scenario.nodes[0]!.id, 'outcome', 'An outcome');
    d = outcome.doc;
    expect(ops.addChild(d, outcome.id, 'decision', 'Refused').id).toBe('');
    const child = ops.addChild(d, outcome.id, 'chance', 'A fork');
    d = child.doc;
    const withDecisionBelow = ops.setNodeKind(d, child.id, 'decision');
    // An outcome parent forbids turning its child into a decision.
    expect(withDecisionBelow).toBe(d);
    // The root stays a decision.
    expect(ops.setNodeKind(d, d.scenario.nodes[0]!.id, 'option')).toBe(d);
  });
});

describe('dates', () => {
  it('isIsoDate agrees with the calendar (oracle: days in each month, leap years)', () => {
    const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const valid = m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
        expect(isIsoDate(text)).toBe(valid);
      }),
      { numRuns: 2000 },
    );
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2026-02-03T00:00')).toBe(false);
  });

  it('isFutureDate compares calendar days (property: same order as the dates themselves)', () => {
    expect(isFutureDate('2026-12-03', '2026-12-03')).toBe(false);
    expect(isFutureDate('2026-12-04', '2026-12-03')).toBe(true);
    expect(isFutureDate('2025-12-31', '2026-01-01')).toBe(false);
    const day = fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        const da = Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate());
        const db = Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate());
        expect(isFutureDate(iso(a), iso(b))).toBe(da > db);
      }),
    );
  });
});
