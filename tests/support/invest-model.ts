import type { AnalysisDoc } from '@/lib/analysis/document';
import type { TreeModel } from '@/lib/analysis/evaluate';

/**
 * Invest (a chance fork: Up with probability p, 100; Down, -50) or Hold (10).
 * Invest is worth 150p - 50, so the best option changes at p = 0.4.
 */
export function investModel(rule: AnalysisDoc['settings']['rule'] = 'max-ev'): TreeModel {
  return {
    nodes: [
      { id: 'd', parentId: null, kind: 'decision', title: 'Invest or hold?', order: 0 },
      { id: 'invest', parentId: 'd', kind: 'option', title: 'Invest', order: 0 },
      { id: 'hold', parentId: 'd', kind: 'option', title: 'Hold', order: 1 },
      { id: 'market', parentId: 'invest', kind: 'chance', title: 'Market', order: 0 },
      { id: 'up', parentId: 'market', kind: 'outcome', title: 'Up', order: 0 },
      { id: 'down', parentId: 'market', kind: 'outcome', title: 'Down', order: 1 },
    ],
    analysis: {
      settings: {
        criteria: [{ id: 'profit', name: 'Profit', unit: '£', better: 'higher', weight: 1 }],
        parameters: [
          { id: 'p_up', name: 'Chance the market rises', value: '0.6', low: 0.2, high: 0.9, distribution: { kind: 'uniform', min: 0.2, max: 0.9 }, assumptionId: 'markets-rise' },
          { id: 'hold_value', name: 'Value of holding', value: '10', low: 0, high: 30 },
          // Derived: follows p_up, never varied itself.
          { id: 'p_down', name: 'Chance the market falls', value: '1 - p_up' },
        ],
        rule,
      },
      inputs: {
        up: { probability: 'p_up', consequences: { profit: '100' } },
        down: { probability: 'p_down', consequences: { profit: '-50' } },
        hold: { consequences: { profit: 'hold_value' } },
      },
    },
  };
}

