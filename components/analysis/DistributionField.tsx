'use client';
/**
 * A parameter's distribution for Monte Carlo: its kind, and the numbers that
 * shape it. A new kind starts from the parameter's own range and base value
 * (uniform over low..high, triangular and PERT with the base as most likely
 * value, a normal centred on the base), so a first run makes sense.
 */
import { DISTRIBUTION_FIELDS } from '@/lib/analysis/random';
import { DISTRIBUTION_KINDS, type Distribution, type DistributionKind, type Parameter } from '@/lib/analysis/model';
import { parsePlainNumber } from '@/lib/analysis/expr';
import { DISTRIBUTION_FIELD_LABEL, DISTRIBUTION_LABEL } from '@/lib/messages/sensitivity';
import { DISTRIBUTION_WORDS } from '@/lib/messages/decision';
import { Options } from '../Options';

/** A distribution of `kind` shaped by the parameter's base, low and high. */
export function startingDistribution(kind: DistributionKind, p: Parameter): Distribution {
  const base = parsePlainNumber(p.value) ?? 0;
  const low = p.low ?? base - Math.abs(base) * 0.5;
  const high = p.high ?? base + Math.abs(base) * 0.5;
  const mode = Math.min(high, Math.max(low, base));
  switch (kind) {
    case 'uniform':
      return { kind, min: low, max: high };
    case 'normal':
      return { kind, mean: base, sd: Math.max((high - low) / 4, 1e-9) };
    case 'lognormal':
      return { kind, mu: Math.log(Math.max(base, 1e-9)), sigma: 0.25 };
    case 'beta':
      return { kind, alpha: 2, beta: 2 };
    case 'triangular':
      return { kind, min: low, mode, max: high };
    case 'pert':
      return { kind, min: low, mode, max: high };
  }
}

export function DistributionField({ parameter, onChange }: { parameter: Parameter; onChange: (d: Distribution | undefined) => void }) {
  const d = parameter.distribution;
  const fields = d ? (DISTRIBUTION_FIELDS[d.kind] as readonly string[]) : [];
  return (
    <div className="dist-field" data-testid={`analysis-distribution-${parameter.id}`}>
      <select
        aria-label={`${DISTRIBUTION_WORDS.column} of ${parameter.id}`}
        value={d?.kind ?? ''}
        onChange={(e) => onChange(e.target.value ? startingDistribution(e.target.value as DistributionKind, parameter) : undefined)}
      >
        <option value="">{DISTRIBUTION_WORDS.none}</option>
        <Options values={DISTRIBUTION_KINDS} labels={DISTRIBUTION_LABEL} />
      </select>
      {d
        ? fields.map((f) => (
            <input
              key={`${d.kind}-${f}`}
              className="short"
              type="number"
              step="any"
              aria-label={`${DISTRIBUTION_FIELD_LABEL[f as keyof typeof DISTRIBUTION_FIELD_LABEL]} of ${parameter.id}`}
              title={DISTRIBUTION_FIELD_LABEL[f as keyof typeof DISTRIBUTION_FIELD_LABEL]}
              defaultValue={String((d as unknown as Record<string, number>)[f])}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (e.target.value.trim() !== '' && Number.isFinite(v)) onChange({ ...d, [f]: v } as Distribution);
              }}
            />
          ))
        : null}
    </div>
  );
}
