/**
 * Deterministic large work documents for measurement and tests: a scenario
 * with `nodeCount` nodes, every node annotated, with assumptions, risks,
 * indicators and evidence linked and checked. Used by the storage
 * measurement (an annotated 10,000-node scenario must save) and unit tests.
 */
import { SCENARIO_SCHEMA_VERSION, NODE_KINDS, type Scenario, type ScenarioNode } from '@/lib/model/schema';
import { RECORD_KINDS, emptyAnnotations, type Annotations } from '@/lib/records';
import { ASSUMPTION_STATUSES, INDICATOR_STATES, LIKELIHOODS, RATINGS, STANCES } from '@/lib/annotations/vocab';
import type { WorkDocument } from '@/lib/doc/types';
import { createRng as rng } from './generate';
import { digits } from '@/lib/messages/count';

const WORDS = (
  'the ministry border crossing harvest traders inspection smuggling queue regional office militia ceasefire ' +
  'negotiation envoy sanctions corridor supply talks mediation pressure escalation pause withdrawal leverage ' +
  'election coalition budget province convoy checkpoint refugees assistance deadline council statement signal'
).split(' ');

function sentence(r: () => number, minChars: number, maxChars: number): string {
  const target = minChars + Math.floor(r() * (maxChars - minChars));
  let s = '';
  while (s.length < target) s += (s ? ' ' : '') + WORDS[Math.floor(r() * WORDS.length)];
  return s.charAt(0).toUpperCase() + s.slice(1, target).trimEnd() + '.';
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

export interface SampleOptions {
  nodeCount?: number;
  /** Children per node (the tree is filled breadth-first). */
  branching?: number;
  seed?: number;
  /** ISO timestamp for every `updatedAt`. */
  now?: string;
}

/** An annotated work document with `nodeCount` nodes (default 10,000). Valid by construction. */
export function makeSampleDocument(options: SampleOptions = {}): WorkDocument {
  const nodeCount = Math.max(1, options.nodeCount ?? 10_000);
  const branching = Math.max(1, options.branching ?? 4);
  const r = rng(options.seed ?? 42);
  const now = options.now ?? '2026-11-24T00:00:00.000Z';

  const sources = [
    { id: 'source-1', title: 'Briefing note', kind: 'report' as const, publisher: 'Ministry' },
    { id: 'source-2', title: 'Press conference', kind: 'speech' as const },
  ];
  const actors = [
    { id: 'actor-1', name: 'Ministry', kind: 'government' as const, description: sentence(r, 40, 120) },
    { id: 'actor-2', name: 'Militia', kind: 'armed-group' as const, description: sentence(r, 40, 120) },
    { id: 'actor-3', name: 'Envoy', kind: 'person' as const, description: sentence(r, 40, 120) },
  ];

  const evidenceCount = Math.max(1, Math.floor(nodeCount / 4));
  const evidence = Array.from({ length: evidenceCount }, (_, i) => ({
    id: `ev-${i + 1}`,
    quote: sentence(r, 80, 240),
    paragraph: 1 + (i % 400),
    sourceId: i % 2 ? 'source-2' : 'source-1',
  }));
  const ev = () => [evidence[Math.floor(r() * evidence.length)]!.id];

  const assumptions = Array.from({ length: Math.max(1, Math.floor(nodeCount / 5)) }, (_, i) => ({
    id: `as-${i + 1}`,
    statement: sentence(r, 60, 160),
    evidenceIds: ev(),
    underminingEvidenceIds: [] as string[],
  }));
  const risks = Array.from({ length: Math.max(1, Math.floor(nodeCount / 10)) }, (_, i) => ({
    id: `rk-${i + 1}`,
    statement: sentence(r, 60, 160),
    severity: pick(r, ['low', 'medium', 'high', 'critical'] as const),
    evidenceIds: ev(),
    underminingEvidenceIds: [] as string[],
  }));
  const indicators = Array.from({ length: Math.max(1, Math.floor(nodeCount / 10)) }, (_, i) => ({
    id: `in-${i + 1}`,
    statement: sentence(r, 60, 160),
    evidenceIds: ev(),
    underminingEvidenceIds: [] as string[],
    observedEvidenceIds: [] as string[],
  }));
  const context = [{ id: 'ctx-1', title: 'Background', description: sentence(r, 100, 300), evidenceIds: ev(), underminingEvidenceIds: [] }];

  const nodes: ScenarioNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const parentIndex = i === 0 ? -1 : Math.floor((i - 1) / branching);
    nodes.push({
      id: `n-${i + 1}`,
      parentId: parentIndex < 0 ? null : `n-${parentIndex + 1}`,
      kind: i === 0 ? 'decision' : NODE_KINDS[i % NODE_KINDS.length]!,
      title: sentence(r, 20, 60),
      summary: sentence(r, 40, 200),
      order: i === 0 ? 0 : (i - 1) % branching,
      assumptionIds: [assumptions[i % assumptions.length]!.id],
      negatedAssumptionIds: i % 7 === 3 ? [assumptions[i % assumptions.length]!.id] : [],
      riskIds: i % 2 ? [risks[i % risks.length]!.id] : [],
      indicatorIds: i % 3 ? [] : [indicators[i % indicators.length]!.id],
      evidenceIds: ev(),
      underminingEvidenceIds: [],
      actorIds: [actors[i % actors.length]!.id],
      contextIds: i === 0 ? ['ctx-1'] : [],
    });
  }

  const scenario: Scenario = {
    schemaVersion: SCENARIO_SCHEMA_VERSION as 2,
    id: 'sample-scenario',
    title: `Sample scenario (${digits(nodeCount)} nodes)`,
    question: 'What should the ministry do?',
    summary: sentence(r, 100, 300),
    decisionMakerId: 'actor-1',
    sources, actors, context, nodes, assumptions, risks, indicators, evidence,
  };

  const annotations: Annotations = emptyAnnotations();
  for (const n of nodes) {
    annotations.nodes[n.id] = {
      ...RECORD_KINDS.nodes.defaults(now),
      note: `**${sentence(r, 10, 30)}** ${sentence(r, 60, 240)}`,
      stance: pick(r, STANCES),
      likelihood: r() < 0.2 ? null : pick(r, LIKELIHOODS),
      tags: [pick(r, WORDS), pick(r, WORDS)].filter((t, i, a) => a.indexOf(t) === i),
      updatedAt: now,
    };
  }
  for (const a of assumptions) {
    annotations.assumptions[a.id] = {
      ...RECORD_KINDS.assumptions.defaults(now),
      status: pick(r, ASSUMPTION_STATUSES),
      rationale: sentence(r, 60, 200),
      undermine: sentence(r, 40, 120),
      updatedAt: now,
    };
  }
  for (const k of risks) {
    annotations.risks[k.id] = { ...RECORD_KINDS.risks.defaults(now), likelihood: pick(r, RATINGS), impact: pick(r, RATINGS), mitigation: sentence(r, 40, 160), updatedAt: now };
  }
  for (const k of indicators) {
    annotations.indicators[k.id] = { ...RECORD_KINDS.indicators.defaults(now), state: pick(r, INDICATOR_STATES), lastChecked: '2026-11-20', note: sentence(r, 20, 120), updatedAt: now };
  }
  return { scenario, annotations, shippedFrom: null };
}
