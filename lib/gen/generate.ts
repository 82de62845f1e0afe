/**
 * Deterministic generator of scenario documents for tests, benchmarks and
 * stress runs. Same options, same document, byte for byte.
 *
 * Shapes:
 *  - `wide`:  a root with very many children (about a quarter of the nodes), each with a few;
 *  - `bushy`: balanced, each node has 4-6 children, filled breadth-first;
 *  - `chain`: a single path, `nodes` deep.
 *
 * Documents pass `validateScenario`, except that a `chain` deeper than the
 * schema's depth limit (10,000 levels) is reported as too deep.
 *
 * No zod import: safe to use from client code.
 */
import type {
  Actor,
  Assumption,
  ContextItem,
  Evidence,
  Indicator,
  NodeKind,
  Risk,
  Scenario,
  ScenarioNode,
  Severity,
  Source,
} from '@/lib/model/schema';

/**
 * Mirrors SCENARIO_SCHEMA_VERSION (not imported: schema.ts pulls in zod). The
 * type annotation makes tsc fail here if the schema's version moves on.
 */
export const SCHEMA_VERSION: Scenario['schemaVersion'] = 2;

export type Shape = 'wide' | 'bushy' | 'chain';
export const SHAPES: readonly Shape[] = ['wide', 'bushy', 'chain'];

export interface GenerateOptions {
  shape: Shape;
  /** Number of nodes, at least 1. */
  nodes: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Give siblings `order` values in a shuffled (but deterministic) sequence. Default false. */
  shuffleOrder?: boolean;
  /** Share of nodes carrying each kind of reference (0..1). Default 0.25. */
  refDensity?: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = [
  'Negotiate', 'Escalate', 'Withdraw from', 'Reinforce', 'Sanction', 'Mediate', 'Blockade', 'Recognise',
  'Fund', 'Delay', 'Expand', 'Freeze', 'Open talks on', 'Close', 'Audit', 'Support',
];
const OBJECTS = [
  'the ceasefire', 'northern militias', 'the border crossing', 'fuel subsidies', 'the coalition',
  'grain exports', 'the peace accord', 'regional partners', 'the port authority', 'the central bank',
  'refugee corridors', 'the capital garrison', 'power-sharing', 'the election timetable', 'aid convoys',
  'pourparlers à Genève', 'the Zürich channel', 'São Paulo investors', 'the Kraków summit', '北京 talks',
];
const QUALIFIERS = [
  '', '', '', 'before winter', 'under pressure', 'with UN backing', 'quietly', 'in phases',
  'after the referendum', 'despite opposition from hard-liners in the ruling party', 'within 90 days',
];
const OUTCOMES = [
  'Talks collapse', 'Fragile truce holds', 'Prices spike', 'Rebels split', 'Allies defect',
  'Stalemate', 'Rapid settlement', 'Humanitarian crisis deepens', 'Markets recover', 'Coup attempt',
];
const CHANCES = ['Will the rival respond?', 'Does the truce hold?', 'How do markets react?', 'Who blinks first?'];
const SUBJECTS = [
  'the regional power', 'the opposition', 'donor states', 'the armed forces', 'local leaders',
  'the neighbouring government', 'insurgent factions', 'the finance ministry',
];
const PREDICATES = [
  'keeps supplying fuel', 'stays neutral', 'honours the agreement', 'loses cohesion',
  'accepts monitors', 'cuts funding', 'mobilises reserves', 'closes the airspace',
];
const SEVERITY_LIST: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const KIND_CYCLE: readonly NodeKind[] = ['decision', 'option', 'chance', 'outcome'];

/** Generates a scenario document. Iterative; handles 50,000 nodes in any shape. */
export function generateScenario(options: GenerateOptions): Scenario {
  const count = Math.max(1, Math.floor(options.nodes));
  const seed = (options.seed ?? 1) >>> 0;
  const rng = createRng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const density = Math.min(1, Math.max(0, options.refDensity ?? 0.25));

  // --- Structure: parent index and depth for each node, created breadth-first.
  const parent = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count);
  if (options.shape === 'chain') {
    for (let i = 1; i < count; i++) {
      parent[i] = i - 1;
      depth[i] = i;
    }
  } else if (options.shape === 'wide') {
    const rest = count - 1;
    const top = rest <= 0 ? 0 : Math.max(1, Math.floor(rest / 4));
    for (let i = 1; i <= top; i++) {
      parent[i] = 0;
      depth[i] = 1;
    }
    let next = top + 1;
    // Each top-level child gets a few (2-4) children, round-robin until nodes run out.
    let round = 0;
    while (next < count) {
      for (let c = 1; c <= top && next < count; c++) {
        if (round >= 2 && rng() < 0.5) continue;
        parent[next] = c;
        depth[next] = 2;
        next++;
      }
      round++;
    }
  } else {
    let head = 0;
    let next = 1;
    while (next < count) {
      const kids = int(4, 6);
      for (let k = 0; k < kids && next < count; k++) {
        parent[next] = head;
        depth[next] = depth[head]! + 1;
        next++;
      }
      head++;
    }
  }

  // --- Reference pools.
  const nRecords = (per: number, min: number) => Math.max(min, Math.round(count / per));
  const sources: Source[] = [];
  const nSources = Math.min(500, nRecords(200, 2));
  for (let i = 0; i < nSources; i++) {
    sources.push({
      id: `src-${i}`,
      title: `Field report ${i + 1}: ${pick(OBJECTS)}`,
      kind: pick(['article', 'report', 'speech', 'interview', 'dataset', 'book', 'other'] as const),
      publisher: 'Generated Press',
      published: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    });
  }
  const evidence: Evidence[] = [];
  const nEvidence = nRecords(30, 4);
  for (let i = 0; i < nEvidence; i++) {
    evidence.push({
      id: `ev-${i}`,
      quote: `"${cap(pick(SUBJECTS))} ${pick(PREDICATES)}," the source said (${i + 1}).`,
      paragraph: int(1, 60),
      sourceId: `src-${int(0, nSources - 1)}`,
    });
  }
  const evidenceIds = (max: number) => distinct(int(0, max), nEvidence, rng).map((i) => `ev-${i}`);

  const actors: Actor[] = [
    { id: 'actor-0', name: 'Ministry of Foreign Affairs', kind: 'government', description: 'Takes the root decision.' },
    { id: 'actor-1', name: 'Northern Front', kind: 'armed-group', description: 'Controls the northern districts.' },
    { id: 'actor-2', name: 'Regional Alliance', kind: 'alliance', description: 'Neighbouring states acting together.' },
    { id: 'actor-3', name: 'Dr. Amélie Zhou', kind: 'person', description: 'Chief mediator.' },
  ];
  const context: ContextItem[] = [
    { id: 'ctx-0', title: 'Winter fuel shortage', description: 'Reserves run low by December.', evidenceIds: evidenceIds(1), underminingEvidenceIds: [] },
    { id: 'ctx-1', title: 'Upcoming referendum', description: 'A vote on autonomy is scheduled.', evidenceIds: evidenceIds(1), underminingEvidenceIds: [] },
  ];

  const sentence = (tail: string) => `${cap(pick(SUBJECTS))} ${pick(PREDICATES)}${tail}`;
  const assumptions: Assumption[] = Array.from({ length: nRecords(40, 3) }, (_, i) => ({
    id: `as-${i}`,
    statement: sentence(` (assumption ${i + 1})`),
    evidenceIds: evidenceIds(2),
    underminingEvidenceIds: [],
  }));
  const risks: Risk[] = Array.from({ length: nRecords(50, 3) }, (_, i) => ({
    id: `risk-${i}`,
    statement: sentence(` too late (risk ${i + 1})`),
    severity: pick(SEVERITY_LIST),
    evidenceIds: evidenceIds(2),
    underminingEvidenceIds: [],
  }));
  const indicators: Indicator[] = Array.from({ length: nRecords(60, 3) }, (_, i) => ({
    id: `ind-${i}`,
    statement: `Reports that ${pick(SUBJECTS)} ${pick(PREDICATES)} (signpost ${i + 1})`,
    evidenceIds: evidenceIds(1),
    underminingEvidenceIds: [],
    observedEvidenceIds: [],
  }));

  // --- Nodes.
  const siblingCount = new Int32Array(count);
  for (let i = 1; i < count; i++) siblingCount[parent[i]!]!++;
  const nextOrder = new Int32Array(count);
  const nodes: ScenarioNode[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    const kind: NodeKind = i === 0 ? 'decision' : KIND_CYCLE[depth[i]! % KIND_CYCLE.length]!;
    let order = 0;
    if (p >= 0) {
      const slot = nextOrder[p]!++;
      if (options.shuffleOrder) {
        const n = siblingCount[p]!;
        // A permutation of 0..n-1: multiply by a stride coprime with n.
        let stride = 1 + ((p * 7 + seed) % Math.max(1, n));
        while (gcd(stride, n) !== 1) stride++;
        order = ((slot * stride + (p % Math.max(1, n))) % n) * 10;
      } else {
        order = slot * 10;
      }
    }
    const refs = (pool: number, prefix: string, chance: number): string[] =>
      i === 0 || rng() < chance ? distinct(int(1, 2), pool, rng).map((k) => `${prefix}-${k}`) : [];
    // Drawn in this order so a seed gives the same tree as before these lists had sub-lists.
    const assumptionIds = refs(assumptions.length, 'as', density);
    const riskIds = refs(risks.length, 'risk', density * 0.7);
    const indicatorIds = refs(indicators.length, 'ind', density * 0.5);
    const evidence = i === 0 || rng() < density * 0.6 ? evidenceIds(2).slice(0, Math.max(1, int(1, 2))) : [];
    nodes[i] = {
      id: `n-${i}`,
      parentId: p < 0 ? null : `n-${p}`,
      kind,
      title: titleFor(kind, i, rng),
      summary: i % 3 === 0 ? `Generated ${kind} ${i} at depth ${depth[i]}. ${cap(pick(SUBJECTS))} ${pick(PREDICATES)}.` : '',
      order,
      assumptionIds,
      // Every seventh branch rests on its first premise being false; every fifth quote on a branch undermines it.
      negatedAssumptionIds: i % 7 === 3 ? assumptionIds.slice(0, 1) : [],
      riskIds,
      indicatorIds,
      evidenceIds: evidence,
      underminingEvidenceIds: i % 5 === 2 ? evidence.slice(0, 1) : [],
      actorIds: rng() < 0.1 ? [`actor-${int(0, actors.length - 1)}`] : [],
      contextIds: rng() < 0.05 ? [`ctx-${int(0, context.length - 1)}`] : [],
    };
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    id: `generated-${options.shape}-${count}-${seed}`,
    title: `Generated ${options.shape} scenario (${count} nodes)`,
    question: 'How should the government respond to the northern offensive?',
    summary: `Synthetic ${options.shape} tree of ${count} nodes, seed ${seed}.`,
    decisionMakerId: 'actor-0',
    sources,
    actors,
    context,
    nodes,
    assumptions,
    risks,
    indicators,
    evidence,
  };
}

function titleFor(kind: NodeKind, i: number, rng: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  switch (kind) {
    case 'decision':
      return i === 0 ? 'Respond to the northern offensive' : `Decide whether to ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)}`;
    case 'option': {
      const q = pick(QUALIFIERS);
      return `${pick(VERBS)} ${pick(OBJECTS)}${q ? ` ${q}` : ''}`;
    }
    case 'chance':
      return pick(CHANCES);
    case 'outcome':
      return `${pick(OUTCOMES)} (${i})`;
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** `k` distinct integers in [0, n), in draw order. */
function distinct(k: number, n: number, rng: () => number): number[] {
  const want = Math.min(k, n);
  const out: number[] = [];
  let guard = 0;
  while (out.length < want && guard++ < 100) {
    const v = Math.floor(rng() * n);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
