/**
 * The decision-analysis layer: criteria, parameters, the inputs on each branch
 * (probability and consequences) and the rule. The analyst's numbers, never
 * the source's: they live beside the scenario, keyed by node id.
 *
 * How the node kinds compute (lib/analysis/rollback.ts):
 * - decision: its children are alternatives the decision maker picks between
 *   (by the rule).
 * - chance: its children are alternatives the world picks between, each child
 *   carrying a probability.
 * - option and outcome: their own consequences happen; their children (if any)
 *   ALL happen together (simultaneous consequences, not a fork). The node's
 *   value is its own consequences plus the sum of its children's values (exact
 *   for expected value by linearity, and for the max/min rules too since the
 *   parts are independent). A leaf is terminal.
 * - Consequences add up along the path: each node may carry consequences for
 *   each criterion, and they count once the node is reached.
 *
 * Plain TypeScript; the zod schemas are built from a zod namespace passed in
 * (the `(z: Z) =>` pattern of lib/records), so the client can load zod lazily.
 */
import type * as zod from 'zod';
import type { Z } from '@/lib/records/kind';
import { RESERVED_IDS, SLUG_PATTERN } from '@/lib/model/constants';

export const RULES = ['max-ev', 'min-ev', 'maximin', 'maximax', 'minimin', 'minimax'] as const;
export type Rule = (typeof RULES)[number];

export const BETTER = ['higher', 'lower'] as const;
export type Better = (typeof BETTER)[number];

export const DISTRIBUTION_KINDS = ['uniform', 'normal', 'lognormal', 'beta', 'triangular', 'pert'] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

export const ANALYSIS_LIMITS = {
  maxCriteria: 20,
  maxParameters: 1_000,
  /** Branches carrying inputs (a scenario holds at most 50,000 nodes). */
  maxBranches: 50_000,
  maxExpressionLength: 500,
  maxNameLength: 200,
  maxUnitLength: 40,
  maxIdLength: 80,
  maxAbsNumber: 1e15,
  maxWeight: 1e6,
} as const;

/** Parameter ids: identifiers usable in expressions. */
export const PARAMETER_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words a parameter cannot be called: the evaluator's operators, functions and
 * constants (expr-eval reads them before variables), and every name
 * Object.prototype carries (a parameter map must never reach them).
 */
export const RESERVED_PARAMETER_IDS: ReadonlySet<string> = new Set([
  ...RESERVED_IDS,
  ...Object.getOwnPropertyNames(Object.prototype),
  // expr-eval operators, unary functions, functions and constants
  'and', 'or', 'not', 'in', 'if', 'true', 'false', 'E', 'PI',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'sqrt', 'cbrt', 'log', 'log2', 'ln', 'lg', 'log10', 'expm1', 'log1p', 'abs', 'ceil', 'floor', 'round',
  'trunc', 'exp', 'length', 'sign', 'random', 'fac', 'min', 'max', 'hypot', 'pyt', 'pow', 'atan2',
  'gamma', 'roundTo', 'map', 'fold', 'filter', 'indexOf', 'join', 'sum',
]);

export function isParameterId(id: string): boolean {
  return id.length <= ANALYSIS_LIMITS.maxIdLength && PARAMETER_ID_PATTERN.test(id) && !RESERVED_PARAMETER_IDS.has(id);
}

/** Criterion and node ids (keys of consequences and inputs): slugs, never a prototype name. */
export function isKeyId(id: string): boolean {
  return id.length <= ANALYSIS_LIMITS.maxIdLength && SLUG_PATTERN.test(id) && !RESERVED_IDS.has(id);
}

export interface Criterion {
  id: string;
  name: string;
  unit: string;
  better: Better;
  /** Weight in the combined score (used when there are several criteria). */
  weight: number;
}

export type Distribution =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  /** The logarithm of the value is normal with mean `mu` and standard deviation `sigma`. */
  | { kind: 'lognormal'; mu: number; sigma: number }
  /** On [0, 1]. */
  | { kind: 'beta'; alpha: number; beta: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'pert'; min: number; mode: number; max: number };

export interface Parameter {
  /** An identifier usable in expressions: letters, digits, underscore. */
  id: string;
  name: string;
  /** A number ("0.3", "30%") or an expression of other parameters (then the parameter is derived). */
  value: string;
  low?: number;
  high?: number;
  distribution?: Distribution;
  /** The Key Assumption that carries this parameter. */
  assumptionId?: string;
}

/** "the rest": what remains of 1, shared equally among the branches so marked. */
export const REST = '#';

export interface BranchInputs {
  /** On a child of a chance node: "0.3", "30%", an expression, or "#" (the rest). */
  probability?: string;
  /** criterion id -> a number or an expression. */
  consequences: Record<string, string>;
}

/** Branch inputs keyed by node id. */
export type AnalysisInputs = Record<string, BranchInputs>;

export interface AnalysisSettings {
  criteria: Criterion[];
  parameters: Parameter[];
  rule: Rule;
}

export function emptyAnalysis(): AnalysisSettings {
  return { criteria: [], parameters: [], rule: 'max-ev' };
}

/** Does the rule maximise the score at decisions? */
export function maximises(rule: Rule): boolean {
  return rule === 'max-ev' || rule === 'maximin' || rule === 'maximax';
}

export function isExpectedValueRule(rule: Rule): boolean {
  return rule === 'max-ev' || rule === 'min-ev';
}

// ---------------------------------------------------------------------------
// zod schemas, built from the namespace given

const L = ANALYSIS_LIMITS;

export const criterionSchema = (z: Z) =>
  z.strictObject({
    id: z.string().refine(isKeyId, 'must be a slug: lower-case letters, digits and single hyphens'),
    name: z.string().trim().min(1, 'must not be empty').max(L.maxNameLength),
    unit: z.string().max(L.maxUnitLength),
    better: z.enum(BETTER),
    weight: z.number().min(0, 'must be 0 or more').max(L.maxWeight),
  });

const finite = (z: Z) => z.number().min(-L.maxAbsNumber).max(L.maxAbsNumber);
const positive = (z: Z) => z.number().positive('must be more than 0').max(L.maxAbsNumber);

const ordered = (d: { min: number; max: number; mode?: number }) =>
  d.min < d.max && (d.mode === undefined || (d.min <= d.mode && d.mode <= d.max));
const orderMessage = 'needs min < max (and min ≤ mode ≤ max)';

export const distributionSchema = (z: Z) =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('uniform'), min: finite(z), max: finite(z) }).refine(ordered, orderMessage),
    z.strictObject({ kind: z.literal('normal'), mean: finite(z), sd: positive(z) }),
    z.strictObject({ kind: z.literal('lognormal'), mu: finite(z), sigma: positive(z) }),
    z.strictObject({ kind: z.literal('beta'), alpha: positive(z), beta: positive(z) }),
    z.strictObject({ kind: z.literal('triangular'), min: finite(z), mode: finite(z), max: finite(z) }).refine(ordered, orderMessage),
    z.strictObject({ kind: z.literal('pert'), min: finite(z), mode: finite(z), max: finite(z) }).refine(ordered, orderMessage),
  ]);

const expression = (z: Z) => z.string().trim().min(1, 'must not be empty').max(L.maxExpressionLength);

export const parameterSchema = (z: Z) =>
  z.strictObject({
    id: z.string().refine(isParameterId, 'must be an identifier (letters, digits, underscore; not a function name)'),
    name: z.string().max(L.maxNameLength),
    value: expression(z),
    low: finite(z).optional(),
    high: finite(z).optional(),
    distribution: distributionSchema(z).optional(),
    assumptionId: z.string().refine(isKeyId, 'must be a slug').optional(),
  }).refine((p) => p.low === undefined || p.high === undefined || p.low <= p.high, { message: 'low must not be above high', path: ['low'] });

/** A record with safe keys and at most `max` entries. */
const safeRecord = <T extends zod.ZodType>(z: Z, value: T, max: number) =>
  z
    .record(z.string().refine(isKeyId, 'must be a slug: lower-case letters, digits and single hyphens'), value)
    .refine((r) => Object.keys(r).length <= max, `must hold at most ${max} entries`);

export const branchInputsSchema = (z: Z) =>
  z.strictObject({
    probability: expression(z).optional(),
    consequences: safeRecord(z, expression(z), L.maxCriteria),
  });

export const analysisInputsSchema = (z: Z) => safeRecord(z, branchInputsSchema(z), L.maxBranches);

const uniqueIds = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id)).size === list.length;

export const analysisSettingsSchema = (z: Z) =>
  z.strictObject({
    criteria: z.array(criterionSchema(z)).max(L.maxCriteria).refine(uniqueIds, 'ids must be unique'),
    parameters: z.array(parameterSchema(z)).max(L.maxParameters).refine(uniqueIds, 'ids must be unique'),
    rule: z.enum(RULES),
  });

// The inferred shapes match the interfaces above (checked by the compiler).
type Inferred<F extends (z: Z) => zod.ZodType> = zod.infer<ReturnType<F>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameSettings: Same<Inferred<typeof analysisSettingsSchema>, AnalysisSettings> = true;
const sameInputs: Same<Inferred<typeof analysisInputsSchema>, AnalysisInputs> = true;
void sameSettings;
void sameInputs;
