import type { NodeKind } from '@/lib/model/schema';

export const KIND_LABEL: Record<NodeKind, string> = {
  decision: 'Decision',
  option: 'Option',
  chance: 'Chance',
  outcome: 'Outcome',
};
