'use client';
/**
 * The analyst's annotation on a branch: stance, likelihood of success on the
 * words-of-estimative-probability scale, tags, and a Markdown note.
 */
import { useId } from 'react';
import { useAppFor, useAppStore } from '../AppProvider';
import type { ScenarioNode } from '@/lib/model/schema';
import { nodeAnnotationOf } from '@/lib/store/selectors';
import type { AnnotationPatch } from '@/lib/records';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { LIKELIHOODS, LIKELIHOOD_INFO, STANCES, STANCE_LABEL, likelihoodText, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import { Markdown } from '../Markdown';
import { LastChanged, TagInput } from './fields';
import { useMe } from '../sync/SyncProvider';
import { TeamOnRecord } from '../team/TeamJudgements';
import type { BranchPatch } from '@/lib/team/judgements';

const NO_TAGS: string[] = [];

function BandBar({ likelihood }: { likelihood: Likelihood | null }) {
  return (
    <div className="wep-bar" aria-hidden="true">
      {LIKELIHOODS.map((l) => {
        const [lo, hi] = LIKELIHOOD_INFO[l].band;
        return <span key={l} className={`wep-seg${l === likelihood ? ' on' : ''}`} style={{ left: `${lo}%`, width: `${hi - lo}%` }} />;
      })}
      <span className="wep-tick" style={{ left: '0%' }}>0</span>
      <span className="wep-tick" style={{ left: '50%' }}>50</span>
      <span className="wep-tick" style={{ left: '100%' }}>100</span>
    </div>
  );
}

export function Analysis({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const ann = useAppFor(nodeAnnotationOf, node.id);
  const id = useId();
  const stance: Stance = ann?.stance ?? 'open';
  const likelihood = ann?.likelihood ?? null;
  const note = ann?.note ?? '';
  const annotate = (id: string, patch: AnnotationPatch<'nodes'>, group?: string) => store.getState().annotate('nodes', id, patch, group);
  const me = useMe();
  // The team value, and the same recorded as this analyst's own judgement (lib/team/judgements.ts).
  const judge = (id: string, patch: BranchPatch & AnnotationPatch<'nodes'>) => (me ? store.getState().judgeBranch(me, id, patch) : annotate(id, patch));

  return (
    <div className="insp-analysis">
      <fieldset className="insp-fieldset">
        <legend>Stance</legend>
        <div className="segmented">
          {STANCES.map((s) => (
            <label key={s} className={`seg seg-${s}${stance === s ? ' on' : ''}`}>
              <input
                type="radio"
                name={`stance-${node.id}`}
                value={s}
                checked={stance === s}
                data-testid={`stance-${s}`}
                onChange={() => judge(node.id, { stance: s })}
              />
              <span>{STANCE_LABEL[s]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="insp-field">
        <label htmlFor={`${id}-lik`}>Likelihood of success</label>
        <select
          id={`${id}-lik`}
          value={likelihood ?? ''}
          data-testid="likelihood-select"
          onChange={(e) => judge(node.id, { likelihood: e.target.value ? (e.target.value as Likelihood) : null })}
        >
          <option value="">Not assessed</option>
          {LIKELIHOODS.map((l) => (
            <option key={l} value={l}>
              {likelihoodText(l)}
            </option>
          ))}
        </select>
        <BandBar likelihood={likelihood} />
      </div>

      <TagInput
        label="Tags"
        tags={ann?.tags ?? NO_TAGS}
        max={ANNOTATION_LIMITS.maxTags}
        maxLength={ANNOTATION_LIMITS.maxTag}
        onChange={(tags) => annotate(node.id, { tags })}
      />

      <div className="insp-field">
        <div className="insp-label-row">
          <label htmlFor={`${id}-note`}>Analyst’s note</label>
          <span className="insp-hint">Markdown: **bold**, *italic*, - lists, [links](https://…)</span>
        </div>
        <textarea
          id={`${id}-note`}
          className="autogrow note-input"
          rows={4}
          value={note}
          maxLength={ANNOTATION_LIMITS.maxNote}
          data-testid="note-input"
          placeholder="Your judgement on this branch, and why."
          onChange={(e) => annotate(node.id, { note: e.target.value }, `note:${node.id}`)}
        />
        <div className="note-preview-wrap">
          <span className="insp-sublabel" aria-hidden="true">
            Preview
          </span>
          {note.trim() ? (
            <Markdown source={note} className="note-preview" headingLevel={4} data-testid="note-preview" />
          ) : (
            <p className="insp-empty" data-testid="note-preview">
              Nothing written yet.
            </p>
          )}
        </div>
        <LastChanged at={ann?.updatedAt} />
      </div>
      <TeamOnRecord kind="branch" id={node.id} />
    </div>
  );
}
