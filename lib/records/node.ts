/**
 * Branches (scenario nodes) and the analyst's annotation on each: a stance, a
 * likelihood on the words-of-estimative-probability scale, tags and a note.
 */
import type { NodeKind, ScenarioNode } from '@/lib/model/schema';
import { ANNOTATION_LIMITS, NODE_KINDS } from '@/lib/model/constants';
import { LIKELIHOODS, STANCES, STANCE_LABEL, likelihoodText, type Likelihood } from '@/lib/annotations/vocab';
import { KIND_LABEL } from '@/lib/messages/card';
import { showLabel, type FieldValue, type RecordKind, type Z } from './kind';

/** The kinds a child of a node of each kind may be: anything, except a decision under an outcome. */
export const CHILD_KINDS: Record<NodeKind, readonly NodeKind[]> = {
  decision: NODE_KINDS,
  option: NODE_KINDS,
  chance: NODE_KINDS,
  outcome: NODE_KINDS.filter((k) => k !== 'decision'),
};
/** The usual kind of a new child: a decision offers options, an option leads to a chance fork, a fork to outcomes. */
export const DEFAULT_CHILD_KIND: Record<NodeKind, NodeKind> = {
  decision: 'option',
  option: 'chance',
  chance: 'outcome',
  outcome: 'outcome',
};
export function isAllowedChild(parent: NodeKind, child: NodeKind): boolean {
  return CHILD_KINDS[parent].includes(child);
}
/**
 * The kinds a node may become: the root stays a decision; any other node may
 * take a kind its parent allows and that allows each of its children.
 */
export function allowedKinds(parent: NodeKind | null, children: readonly NodeKind[]): readonly NodeKind[] {
  if (parent === null) return ['decision'];
  return CHILD_KINDS[parent].filter((k) => children.every((c) => isAllowedChild(k, c)));
}

/** A new branch with no links: the one place a node is made from parts. */
export function makeNode(id: string, parentId: string | null, kind: NodeKind, title: string, order: number): ScenarioNode {
  return {
    id,
    parentId,
    kind,
    title,
    summary: '',
    order,
    assumptionIds: [],
    negatedAssumptionIds: [],
    riskIds: [],
    indicatorIds: [],
    evidenceIds: [],
    underminingEvidenceIds: [],
    actorIds: [],
    contextIds: [],
  };
}

export const nodeAnnotationSchema = (z: Z) =>
  z.strictObject({
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    stance: z.enum(STANCES),
    likelihood: z.enum(LIKELIHOODS).nullable(),
    tags: z.array(z.string().trim().min(1).max(ANNOTATION_LIMITS.maxTag)).max(ANNOTATION_LIMITS.maxTags),
    updatedAt: z.string().max(40),
  });
export type NodeAnnotation = ReturnType<ReturnType<typeof nodeAnnotationSchema>['parse']>;

export function defaultNodeAnnotation(now: string): NodeAnnotation {
  return { note: '', stance: 'open', likelihood: null, tags: [], updatedAt: now };
}

const showLikelihood = (v: FieldValue) => (typeof v === 'string' ? likelihoodText(v as Likelihood) : 'not judged');

export const nodeKind: RecordKind<'nodes', ScenarioNode, NodeAnnotation> = {
  key: 'nodes', noun: 'branch', titleField: 'title',
  repairNoun: { one: 'note on node', oneA: 'note on a node', many: 'notes on nodes' },
  annotationSchema: nodeAnnotationSchema, defaults: defaultNodeAnnotation, textFields: ['note'],
  recordFields: ['kind', 'summary', 'order', 'assumptionIds', 'negatedAssumptionIds', 'riskIds', 'indicatorIds', 'evidenceIds', 'underminingEvidenceIds', 'actorIds', 'contextIds'],
  annotationFields: ['stance', 'likelihood', 'tags', 'note'],
  show: { kind: showLabel(KIND_LABEL), stance: showLabel(STANCE_LABEL), likelihood: showLikelihood },
  brief: (_n, a, esc) => {
    if (!a) return '';
    const parts: string[] = [];
    if (a.stance !== 'open') parts.push(`Stance: **${STANCE_LABEL[a.stance]}**`);
    if (a.likelihood) parts.push(`Likelihood: ${likelihoodText(a.likelihood)}`);
    if (a.tags.length > 0) parts.push(`Tags: ${a.tags.map(esc).join(', ')}`);
    return parts.join(' · ');
  },
};
