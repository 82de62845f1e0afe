/**
 * Words of decision analysis: expression errors, parameter problems, the
 * problems found before computing, and SilverDecisions import refusals.
 * lib/analysis returns codes with their details; these functions turn them
 * into the sentences the analyst reads.
 */
import type { ExprError } from '@/lib/analysis/expr';
import type { Rule } from '@/lib/analysis/model';
import { digits } from './count';

const q = (s: string) => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`;
const list = (names: readonly string[]) => names.map(q).join(', ');

export const RULE_LABEL: Record<Rule, string> = {
  'max-ev': 'Maximise expected value',
  'min-ev': 'Minimise expected value',
  maximin: 'Maximin (best worst case)',
  maximax: 'Maximax (best best case)',
  minimin: 'Minimin (lowest best case)',
  minimax: 'Minimax (lowest worst case)',
};

/** Why an expression was refused or failed, naming it. */
export function exprErrorText(e: ExprError): string {
  const x = q(e.expression);
  switch (e.code) {
    case 'empty':
      return 'The expression is empty.';
    case 'too-long':
      return `The expression ${x} is too long (at most ${e.limit ?? 0} characters).`;
    case 'bad-character':
      return `The expression ${x} contains ${q(e.detail ?? '')}, which is not allowed: use numbers, parameter names, + - * / ^ %, parentheses and min, max, abs, sqrt, exp, log, round.`;
    case 'syntax':
      return `The expression ${x} cannot be read${e.detail ? ` (${e.detail})` : ''}.`;
    case 'unknown-name':
      return `The expression ${x} uses ${q(e.detail ?? '')}, which is not a parameter.`;
    case 'not-a-function':
      return `The expression ${x} calls ${q(e.detail ?? '')}, which is not an allowed function (min, max, abs, sqrt, exp, log, round).`;
    case 'function-as-value':
      return `The expression ${x} uses the function ${q(e.detail ?? '')} without calling it.`;
    case 'not-number':
      return `The expression ${x} does not give a number.`;
    case 'not-finite':
      return `The expression ${x} does not give a finite number.`;
    case 'missing-value':
      return `The expression ${x} uses the parameter ${q(e.detail ?? '')}, which has no value.`;
    case 'failed':
      return `The expression ${x} could not be evaluated${e.detail ? ` (${e.detail})` : ''}.`;
  }
}

/** Details of a problem found before computing, by code. */
export type ProblemDetail =
  | { code: 'no-branches'; title: string; kind: 'decision' | 'chance' }
  | { code: 'missing-probability'; title: string }
  | { code: 'bad-probability'; title: string; error: ExprError }
  | { code: 'probability-range'; title: string; value: number }
  | { code: 'probability-sum'; title: string; sum: number }
  | { code: 'rest-negative'; title: string; rest: number }
  | { code: 'bad-consequence'; title: string; criterion: string; error: ExprError }
  | { code: 'unknown-criterion'; title: string; criterion: string }
  | { code: 'no-criteria' }
  | { code: 'parameter-invalid'; parameter: string; error: ExprError }
  | { code: 'parameter-cycle'; parameters: readonly string[] }
  | { code: 'parameter-range'; parameter: string }
  | { code: 'policy-choice'; title: string; choice: string }
  | { code: 'no-root' };

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v));

export function problemText(p: ProblemDetail): string {
  switch (p.code) {
    case 'no-branches':
      return `The ${p.kind} ${q(p.title)} has no branches.`;
    case 'missing-probability':
      return `The branch ${q(p.title)} of a chance node has no probability.`;
    case 'bad-probability':
      return `The probability of ${q(p.title)}: ${exprErrorText(p.error)}`;
    case 'probability-range':
      return `The probability of ${q(p.title)} is ${fmt(p.value)}, outside 0 to 1.`;
    case 'probability-sum':
      return `The probabilities of the branches of ${q(p.title)} add up to ${fmt(p.sum)}, not 1.`;
    case 'rest-negative':
      return `“The rest” under ${q(p.title)} would be ${fmt(p.rest)}: the other branches already take more than 1.`;
    case 'bad-consequence':
      return `The consequence of ${q(p.title)} for ${q(p.criterion)}: ${exprErrorText(p.error)}`;
    case 'unknown-criterion':
      return `The branch ${q(p.title)} has a consequence for ${q(p.criterion)}, which is not a criterion.`;
    case 'no-criteria':
      return 'Consequences are entered but no criterion is defined.';
    case 'parameter-invalid':
      return `The parameter ${q(p.parameter)}: ${exprErrorText(p.error)}`;
    case 'parameter-cycle':
      return `The parameters ${list(p.parameters)} are defined in terms of each other (a cycle).`;
    case 'parameter-range':
      return `The parameter ${q(p.parameter)} has a low value above its high value.`;
    case 'policy-choice':
      return `The policy chooses ${q(p.choice)} at ${q(p.title)}, which is not one of its branches.`;
    case 'no-root':
      return 'The tree has no root.';
  }
}

/** Why a SilverDecisions file was refused. */
export type SdRefusal =
  | { code: 'not-json' }
  | { code: 'not-silverdecisions' }
  | { code: 'no-tree' }
  | { code: 'tree-index'; count: number }
  | { code: 'bad-node'; path: string }
  | { code: 'too-many-nodes'; limit: number }
  | { code: 'too-deep'; limit: number }
  | { code: 'bad-code'; line: string }
  | { code: 'bad-name'; name: string }
  | { code: 'unknown-rule'; rule: string }
  | { code: 'too-many-criteria'; count: number };

export function sdRefusalText(r: SdRefusal): string {
  const base = 'This SilverDecisions file cannot be imported: ';
  switch (r.code) {
    case 'not-json':
      return `${base}it is not JSON.`;
    case 'not-silverdecisions':
      return `${base}it does not look like a SilverDecisions file (no "data.trees").`;
    case 'no-tree':
      return `${base}it holds no tree.`;
    case 'tree-index':
      return `${base}it holds ${r.count} tree${r.count === 1 ? '' : 's'}, not the one asked for.`;
    case 'bad-node':
      return `${base}the node at ${r.path} is malformed.`;
    case 'too-many-nodes':
      return `${base}it has more than ${digits(r.limit)} nodes.`;
    case 'too-deep':
      return `${base}it is deeper than ${digits(r.limit)} levels.`;
    case 'bad-code':
      return `${base}its code line ${q(r.line)} is not a simple "name = expression" (function definitions and other statements are not supported).`;
    case 'bad-name':
      return `${base}its variable ${q(r.name)} cannot be a parameter name.`;
    case 'unknown-rule':
      return `${base}its rule ${q(r.rule)} is unknown.`;
    case 'too-many-criteria':
      return `${base}its payoffs have ${r.count} criteria (at most 2).`;
  }
}

export const SD_WORDS = {
  treeTitle: 'SilverDecisions tree',
  decision: 'Decision',
  chance: 'Chance',
  outcome: 'Outcome',
  criterion1: 'Payoff 1',
  criterion2: 'Payoff 2',
  singleCriterion: 'Payoff',
  /** The note when the file holds several trees and only one is imported. */
  moreTrees: (count: number, index: number) => `The file holds ${count} trees; tree ${index + 1} was imported.`,
} as const;
