/**
 * Parameter values: base values (a number, or an expression of other
 * parameters, then the parameter is derived), overrides applied to the named
 * parameters, and derived parameters recomputed from the others after the
 * override, in dependency order. A cycle is a problem naming its parameters.
 * No function here throws.
 */
import { compile, evaluateCompiled, type ExprError } from './expr';
import type { Parameter } from './model';
import type { ProblemDetail } from '@/lib/messages/analysis';

export type ParameterProblem = Extract<ProblemDetail, { code: 'parameter-invalid' | 'parameter-cycle' | 'parameter-range' }>;

export interface ResolvedParameters {
  /** parameter id -> value, for every parameter that resolved. */
  values: Map<string, number>;
  problems: ParameterProblem[];
  /** Parameters whose value is an expression of others. */
  derived: ReadonlySet<string>;
}

/** Overrides are read as own properties only. */
export type Overrides = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export function overrideOf(overrides: Overrides | undefined, id: string): number | undefined {
  if (!overrides) return undefined;
  if (overrides instanceof Map) return overrides.get(id);
  return Object.hasOwn(overrides, id) ? (overrides as Record<string, number>)[id] : undefined;
}

export function resolveParameters(parameters: readonly Parameter[], overrides?: Overrides): ResolvedParameters {
  const values = new Map<string, number>();
  const problems: ParameterProblem[] = [];
  const derived = new Set<string>();
  const ids = new Set(parameters.map((p) => p.id));
  /** Derived parameters still to compute, with the parameters each reads. */
  const pending = new Map<string, { p: Parameter; deps: readonly string[] }>();

  for (const p of parameters) {
    if (p.low !== undefined && p.high !== undefined && p.low > p.high) problems.push({ code: 'parameter-range', parameter: p.id });
    const c = compile(p.value);
    if (c.ok && c.value.constant === null) derived.add(p.id);
    const o = overrideOf(overrides, p.id);
    if (o !== undefined) {
      if (Number.isFinite(o)) values.set(p.id, o);
      else problems.push({ code: 'parameter-invalid', parameter: p.id, error: { code: 'not-finite', expression: String(o) } });
      continue;
    }
    if (!c.ok) {
      problems.push({ code: 'parameter-invalid', parameter: p.id, error: c.error });
      continue;
    }
    if (c.value.constant !== null) {
      values.set(p.id, c.value.constant);
      continue;
    }
    const unknown = c.value.variables.find((v) => !ids.has(v));
    if (unknown !== undefined) {
      problems.push({ code: 'parameter-invalid', parameter: p.id, error: { code: 'unknown-name', expression: p.value, detail: unknown } });
      continue;
    }
    pending.set(p.id, { p, deps: c.value.variables });
  }

  // Kahn's algorithm over the derived parameters.
  const failed = new Set(parameters.filter((p) => !values.has(p.id) && !pending.has(p.id)).map((p) => p.id));
  let progress = true;
  while (progress && pending.size) {
    progress = false;
    for (const [id, { p, deps }] of pending) {
      if (deps.some((d) => pending.has(d))) continue;
      pending.delete(id);
      progress = true;
      const missing = deps.find((d) => failed.has(d));
      if (missing !== undefined) {
        failed.add(id);
        problems.push({ code: 'parameter-invalid', parameter: id, error: { code: 'missing-value', expression: p.value, detail: missing } });
        continue;
      }
      const c = compile(p.value);
      const r = c.ok ? evaluateCompiled(c.value, values) : c;
      if (r.ok) values.set(id, r.value);
      else {
        failed.add(id);
        problems.push({ code: 'parameter-invalid', parameter: id, error: r.error as ExprError });
      }
    }
  }
  if (pending.size) {
    const cycle = cycleMembers(pending);
    problems.push({ code: 'parameter-cycle', parameters: cycle });
    for (const [id, { p, deps }] of pending) {
      if (cycle.includes(id)) continue;
      const missing = deps.find((d) => pending.has(d)) ?? '';
      problems.push({ code: 'parameter-invalid', parameter: id, error: { code: 'missing-value', expression: p.value, detail: missing } });
    }
  }
  return { values, problems, derived };
}

/** The pending parameters that lie on a cycle (not those merely depending on one), in declaration order. */
function cycleMembers(pending: ReadonlyMap<string, { deps: readonly string[] }>): string[] {
  const onCycle: string[] = [];
  for (const start of pending.keys()) {
    // Can `start` reach itself through pending parameters?
    const seen = new Set<string>();
    const stack = [...(pending.get(start)?.deps ?? [])];
    let found = false;
    while (stack.length && !found) {
      const cur = stack.pop()!;
      if (cur === start) found = true;
      else if (!seen.has(cur) && pending.has(cur)) {
        seen.add(cur);
        stack.push(...pending.get(cur)!.deps);
      }
    }
    if (found) onCycle.push(start);
  }
  return onCycle.length ? onCycle : [...pending.keys()];
}
