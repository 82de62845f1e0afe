'use client';
/**
 * The analyst's grade of each source's reliability on the Admiralty code
 * (A completely reliable ... E unreliable, F cannot be judged): one value per
 * source, weighing every quote taken from it. Shown in the scenario overview
 * and beside the Key Assumptions table.
 */
import { useId, useMemo } from 'react';
import { useApp, useAppStore } from './AppProvider';
import { annotationOf, selectSources } from '@/lib/store/selectors';
import { CHOICES, type Reliability } from '@/lib/annotations/vocab';
import { RELIABILITY_WORDS } from '@/lib/messages/kac';
import { ChoiceField } from './inspector/fields';

/** The analyst's grade of each source's reliability (Admiralty A-F): one value per source, weighing every quote from it. */
export function SourceGrades({ className = 'insp-sources', label = RELIABILITY_WORDS.heading }: { className?: string; label?: string }) {
  const sources = useApp(selectSources);
  if (sources.length === 0) return null;
  return (
    <section className={className} aria-label={label}>
      <h3 className="insp-overview-sub">{RELIABILITY_WORDS.heading}</h3>
      <ul className="insp-source-list">
        {sources.map((src) => (
          <SourceGrade key={src.id} id={src.id} title={src.title} />
        ))}
      </ul>
    </section>
  );
}

function SourceGrade({ id, title }: { id: string; title: string }) {
  const sel = useMemo(() => annotationOf('sources', id), [id]);
  const reliability = useApp(sel)?.reliability ?? null;
  const store = useAppStore();
  const fid = useId();
  return (
    <li className="insp-source-item" data-testid={`source-${id}`}>
      <span className="insp-source-title" id={`${fid}-t`}>
        {title}
      </span>
      <ChoiceField
        id={`${fid}-rel`}
        choice={CHOICES.reliability}
        describedBy={`${fid}-t`}
        value={reliability ?? ''}
        testId={`reliability-${id}`}
        onChange={(v) => store.getState().annotate('sources', id, { reliability: v ? (v as Reliability) : null })}
      />
    </li>
  );
}
