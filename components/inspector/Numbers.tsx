'use client';
/**
 * The analyst's numbers on one branch: its probability (on a branch of a
 * chance node) and its consequences for each criterion, with what the
 * rollback makes of them: the branch's value, the probability of reaching it
 * under the best policy, the best choice at a decision, and the problems
 * found on it. Every change is one undo step (typing in a field is grouped).
 */
import { useId, useState, type FormEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import type { ScenarioNode } from '@/lib/model/schema';
import { selectAnalysis, selectAnalysisView, selectById } from '@/lib/store/selectors';
import { addCriterion, setConsequence, setProbability } from '@/lib/analysis/document';
import { RULE_LABEL } from '@/lib/messages/analysis';
import { LIKELIHOOD_INFO } from '@/lib/annotations/vocab';
import { NUMBERS, formatProbability, formatValue } from '@/lib/messages/decision';
import { CommandButton } from '../CommandProvider';
import { useMe } from '../sync/SyncProvider';

export function Numbers({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const analysis = useApp(selectAnalysis);
  const view = useApp(selectAnalysisView);
  const byId = useApp(selectById);
  const id = useId();
  const [criterion, setCriterion] = useState('');
  const parent = node.parentId ? byId.get(node.parentId) : undefined;
  const inputs = Object.prototype.hasOwnProperty.call(analysis.inputs, node.id) ? analysis.inputs[node.id] : undefined;
  const { criteria } = analysis.settings;
  const me = useMe();
  const edit = (label: string, fn: Parameters<ReturnType<typeof store.getState>['editAnalysis']>[1], group?: string) => store.getState().editAnalysis(label, fn, group);

  const addFirst = (e: FormEvent) => {
    e.preventDefault();
    const name = criterion.trim();
    if (!name) return;
    edit('Add criterion', (a) => addCriterion(a, { name, unit: '', better: 'higher', weight: 1 }).analysis);
    setCriterion('');
  };

  const value = view.solution?.values.get(node.id);
  // What the probability entry comes to (NaN or absent off a chance fork, or while the analysis has problems).
  const p = view.solution?.probability.get(node.id);
  const evaluated = p !== undefined && Number.isFinite(p) ? p : null;
  const reach = view.solution?.reach.get(node.id);
  const best = view.solution?.best.get(node.id);
  const problems = view.problemsByNode.get(node.id) ?? [];
  const mismatch = view.mismatches.get(node.id);
  const title = (cid: string) => byId.get(cid)?.title ?? cid;

  return (
    <div className="numbers" data-testid="numbers">
      {parent?.kind === 'chance' ? (
        <div className="insp-field">
          <label htmlFor={`${id}-p`}>{NUMBERS.probability}</label>
          <input
            id={`${id}-p`}
            type="text"
            inputMode="decimal"
            className="num-input"
            value={inputs?.probability ?? ''}
            aria-describedby={evaluated !== null ? `${id}-pv ${id}-ph` : `${id}-ph`}
            data-testid="numbers-probability"
            onChange={(e) =>
              // The team's probability, and the same recorded as this analyst's own (lib/team/judgements.ts).
              me ? store.getState().judgeBranch(me, node.id, { probability: e.target.value }, `prob:${node.id}`) : edit('Set probability', (a) => setProbability(a, node.id, e.target.value), `prob:${node.id}`)
            }
          />
          {evaluated !== null ? (
            <span id={`${id}-pv`} className="numbers-evaluated" data-testid="numbers-probability-value">
              {NUMBERS.probabilityEvaluated(formatProbability(evaluated))}
            </span>
          ) : null}
          <span id={`${id}-ph`} className="insp-hint">
            {NUMBERS.probabilityHint}
          </span>
        </div>
      ) : null}
      {criteria.length === 0 ? (
        <form className="insp-add-row" onSubmit={addFirst}>
          <p className="insp-hint">{NUMBERS.noCriteria}</p>
          <label htmlFor={`${id}-c`} className="visually-hidden">
            {NUMBERS.criterionName}
          </label>
          <input id={`${id}-c`} type="text" value={criterion} placeholder={NUMBERS.criterionPlaceholder} data-testid="numbers-add-criterion-name" onChange={(e) => setCriterion(e.target.value)} />
          <button type="submit" className="mini add" disabled={!criterion.trim()} data-testid="numbers-add-criterion">
            {NUMBERS.addCriterion}
          </button>
        </form>
      ) : (
        criteria.map((c) => (
          <div className="insp-field" key={c.id}>
            <label htmlFor={`${id}-c-${c.id}`}>{NUMBERS.consequence(c.name, c.unit)}</label>
            <input
              id={`${id}-c-${c.id}`}
              type="text"
              inputMode="decimal"
              className="num-input"
              value={inputs?.consequences[c.id] ?? ''}
              title={NUMBERS.consequenceHint}
              data-testid={`numbers-consequence-${c.id}`}
              onChange={(e) => edit('Set consequence', (a) => setConsequence(a, node.id, c.id, e.target.value), `cons:${node.id}:${c.id}`)}
            />
          </div>
        ))
      )}
      {view.active ? (
        <dl className="numbers-result" data-testid="numbers-result">
          {value ? (
            <>
              <dt>{NUMBERS.valueOf(RULE_LABEL[view.solution!.rule])}</dt>
              <dd data-testid="numbers-value">
                {criteria.length > 1 ? `${formatValue(value.score)} (${criteria.map((c) => `${c.name} ${formatValue(value.byCriterion[c.id] ?? 0)}`).join(', ')})` : formatValue(value.score)}
              </dd>
              {reach !== undefined ? (
                <>
                  <dt>{NUMBERS.reach}</dt>
                  <dd data-testid="numbers-reach">{formatProbability(reach)}</dd>
                </>
              ) : null}
              {best && best.length > 0 ? (
                <>
                  <dt>{best.length > 1 ? NUMBERS.tiedHere : NUMBERS.bestHere}</dt>
                  <dd data-testid="numbers-best">{best.map(title).join('; ')}</dd>
                </>
              ) : null}
            </>
          ) : (
            <dd className="insp-hint">{NUMBERS.notComputed}</dd>
          )}
        </dl>
      ) : null}
      {mismatch ? (
        <p className="numbers-warning" data-testid="numbers-band-mismatch">
          {NUMBERS.bandMismatch(formatProbability(mismatch.probability), LIKELIHOOD_INFO[mismatch.likelihood].label, mismatch.band[0], mismatch.band[1])}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="numbers-problems">
          <p className="insp-sublabel">{NUMBERS.problems}</p>
          <ul data-testid="numbers-problems">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <CommandButton id="analysis.open" className="mini" />
    </div>
  );
}
