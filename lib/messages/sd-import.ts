/**
 * Words of a SilverDecisions file imported through the ordinary Import
 * (lib/io/sd-document.ts): the scenario it becomes, and what came in and
 * what was left behind, for the import dialog.
 */
import type { SdLeftOut, SdReport } from '@/lib/io/sd-document';
import { RULE_LABEL } from './analysis';

export const SD_DOCUMENT_WORDS = {
  question: 'Which option does the decision analysis favour?',
  summary: 'Imported from a SilverDecisions file.',
  decisionMaker: 'Decision-maker',
  dialogTitle: 'Import a SilverDecisions file',
  importedHead: 'Imported:',
  notImportedHead: 'Not imported:',
  format: 'SilverDecisions decision tree',
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (names: readonly string[]) => names.map((n) => `“${n.length > 40 ? `${n.slice(0, 39)}…` : n}”`).join(', ');

const LEFT_OUT: Record<SdLeftOut, (r: SdReport) => string> = {
  computed: () => 'the results SilverDecisions stored in the file (Branchpoint computes its own from the numbers)',
  layout: () => 'the positions of the nodes on SilverDecisions’ canvas (Branchpoint lays the tree out itself)',
  texts: () => 'the floating text boxes',
  sensitivity: () => 'SilverDecisions’ sensitivity-analysis settings (set up sensitivity in the analysis panel)',
  display: () => 'display settings (view mode, colours, number formats)',
  'weight-bounds': () => 'the lower and upper bounds of the criterion weight',
  'more-trees': (r) => `${r.trees === 2 ? 'the other tree' : `the other ${r.trees - 1} trees`} of the file (only the first is imported)`,
};

/** A clause as a sentence: capital first, full stop last. */
const asSentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

/** What came in and what did not, one sentence each. */
export function sdReportLines(r: SdReport): { imported: string[]; notImported: string[] } {
  const imported = [
    `${plural(r.decisions, 'decision node')}, ${plural(r.chances, 'chance node')} and ${plural(r.terminals, 'terminal node')}, with the edge names as branch titles`,
    `${plural(r.probabilities, 'probability', 'probabilities')} and ${plural(r.payoffs, 'payoff')} on the branches`,
    `${r.criteria.length === 1 ? 'the criterion' : 'the criteria'} ${quoted(r.criteria)}`,
  ];
  if (r.parameters.length > 0) imported.push(`${plural(r.parameters.length, 'parameter')} from the file’s code: ${quoted(r.parameters.slice(0, 8))}${r.parameters.length > 8 ? ' …' : ''}`);
  imported.push(`the rule “${r.sdRule}”, as ${RULE_LABEL[r.rule]}${r.criteria.length > 1 ? ' of the weighted criteria' : ''}`);
  if (r.description) imported.push('the description, as the summary');
  if (r.wrappedRoot) imported.push('the tree’s root is a chance node, so it was placed under a decision with that one option');
  return { imported: imported.map(asSentence), notImported: r.left.map((k) => asSentence(LEFT_OUT[k](r))) };
}
