'use client';
/**
 * The decision analysis panel: the set-up (rule, criteria, parameters and the
 * problems to fix), the results (the decision's value and best option, every
 * policy, the value of perfect information, the risk profile) and the
 * sensitivity of the choice to the parameters and the assumptions behind
 * them. Every change goes through the store as one undo step.
 */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { TabList, tabPanelProps } from '../Tabs';
import { DataTable } from './charts/ChartFigure';
import { sharedTitleParents } from '@/lib/model/tree';
import { underParent } from '@/lib/messages/tree';
import type { ScenarioNode } from '@/lib/model/schema';
import { useApp, useAppStore } from '../AppProvider';
import { selectAnalysis, selectAnalysisView, selectById, selectScenario } from '@/lib/store/selectors';
import {
  addCriterion,
  addParameter,
  editCriterion,
  editParameter,
  removeCriterion,
  removeParameter,
  setRule,
  type AnalysisDoc,
} from '@/lib/analysis/document';
import { BETTER, RULES, type Better, type Criterion, type Parameter, type Rule } from '@/lib/analysis/model';
import { evpi, policies, riskProfile } from '@/lib/analysis/rollback';
import { RULE_LABEL } from '@/lib/messages/analysis';
import { BETTER_LABEL, DISTRIBUTION_WORDS, PANEL, formatProbability, formatValue } from '@/lib/messages/decision';
import { Options } from '../Options';
import { truncate } from '../inspector/fields';
import { Sensitivity } from './Sensitivity';
import { RiskProfile } from './charts/RiskProfile';
import { DistributionField } from './DistributionField';
import './AnalysisPanel.css';

type Tab = 'setup' | 'results' | 'sensitivity';
const TABS: readonly Tab[] = ['setup', 'results', 'sensitivity'];
const TAB_LABEL: Record<Tab, string> = { setup: PANEL.tabSetup, results: PANEL.tabResults, sensitivity: PANEL.tabSensitivity };

/** Policies listed on screen (the table holds up to 10,000). */
const POLICY_ROWS_SHOWN = 50;

export function AnalysisPanel() {
  const view = useApp(selectAnalysisView);
  const [tab, setTabState] = useState<Tab>(view.solution ? 'results' : 'setup');
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(() => new Set([tab]));
  const setTab = (t: Tab) => {
    setTabState(t);
    setVisited((v) => (v.has(t) ? v : new Set([...v, t])));
  };
  const id = useId();
  return (
    <div className="analysis">
      <TabList tabs={TABS} current={tab} onSelect={setTab} label={PANEL.tabs} idBase={id} className="analysis-tabs" testIdOf={(t) => `analysis-tab-${t}`} labelOf={(t) => TAB_LABEL[t]} />
      {/* A tab once opened stays mounted (hidden while another shows), so a simulation runs on while the analyst looks elsewhere. */}
      {TABS.filter((t) => visited.has(t)).map((t) => (
        <div key={t} {...tabPanelProps(id, t, tab)} className="analysis-body" tabIndex={0}>
          {t === 'setup' ? <Setup /> : t === 'results' ? <Results /> : <Sensitivity />}
        </div>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- set-up

function useEdit() {
  const store = useAppStore();
  return (label: string, fn: (a: AnalysisDoc) => AnalysisDoc, group?: string) => store.getState().editAnalysis(label, fn, group);
}

function Setup() {
  const analysis = useApp(selectAnalysis);
  const edit = useEdit();
  const id = useId();
  return (
    <>
      <div className="analysis-field">
        <label htmlFor={`${id}-rule`}>{PANEL.rule}</label>
        <select id={`${id}-rule`} value={analysis.settings.rule} data-testid="analysis-rule" onChange={(e) => edit('Change decision rule', (a) => setRule(a, e.target.value as Rule))}>
          <Options values={RULES} labels={RULE_LABEL} />
        </select>
      </div>
      <CriteriaEditor criteria={analysis.settings.criteria} />
      <ParametersEditor parameters={analysis.settings.parameters} />
      <ProblemList />
    </>
  );
}

function Block({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="analysis-block" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {hint ? <p className="insp-hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/** An editable table: the column headings (then an empty cell over each row's Remove button) and its rows. */
function EditableTable({ testId, cols, children }: { testId: string; cols: readonly string[]; children: ReactNode }) {
  return (
    <table className="analysis-grid" data-testid={testId}>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <td />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The last cell of an editable table's row: its Remove button, named for the record. */
function RemoveCell({ name, onRemove }: { name: string; onRemove: () => void }) {
  return (
    <td>
      <button type="button" className="mini" onClick={onRemove}>
        {PANEL.remove}
        <span className="visually-hidden"> {name}</span>
      </button>
    </td>
  );
}

/** A one-field form that adds a record by its (trimmed) name. */
function AddByName({ label, button, maxLength, testId, onAdd }: { label: string; button: string; maxLength: number; testId: string; onAdd: (name: string) => void }) {
  const [name, setName] = useState('');
  const id = useId();
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    onAdd(name.trim());
    setName('');
  };
  return (
    <form className="insp-add-row" onSubmit={add}>
      <label htmlFor={`${id}-new`} className="visually-hidden">
        {label}
      </label>
      <input id={`${id}-new`} value={name} placeholder={label} maxLength={maxLength} data-testid={`analysis-new-${testId}`} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="mini add" disabled={!name.trim()} data-testid={`analysis-add-${testId}`}>
        {button}
      </button>
    </form>
  );
}

function CriteriaEditor({ criteria }: { criteria: readonly Criterion[] }) {
  const edit = useEdit();
  const change = (c: Criterion, patch: Partial<Omit<Criterion, 'id'>>, field: string) =>
    edit('Edit criterion', (a) => editCriterion(a, c.id, patch), `criterion:${c.id}:${field}`);
  return (
    <Block title={PANEL.criteria} hint={PANEL.criteriaHint}>
      {criteria.length > 0 ? (
        <EditableTable testId="analysis-criteria" cols={[PANEL.colName, PANEL.colUnit, PANEL.colBetter, PANEL.colWeight]}>
            {criteria.map((c) => (
              <tr key={c.id}>
                <td>
                  <input aria-label={`${PANEL.colName} of ${c.name}`} value={c.name} maxLength={200} onChange={(e) => e.target.value.trim() && change(c, { name: e.target.value }, 'name')} />
                </td>
                <td>
                  <input aria-label={`${PANEL.colUnit} of ${c.name}`} className="short" value={c.unit} maxLength={40} onChange={(e) => change(c, { unit: e.target.value }, 'unit')} />
                </td>
                <td>
                  <select aria-label={`${PANEL.colBetter} for ${c.name}`} value={c.better} onChange={(e) => change(c, { better: e.target.value as Better }, 'better')}>
                    <Options values={BETTER} labels={BETTER_LABEL} />
                  </select>
                </td>
                <td>
                  <NumberInput label={`${PANEL.colWeight} of ${c.name}`} value={c.weight} min={0} onCommit={(v) => v !== null && change(c, { weight: v }, 'weight')} />
                </td>
                <RemoveCell name={c.name} onRemove={() => edit('Remove criterion', (a) => removeCriterion(a, c.id))} />
              </tr>
            ))}
        </EditableTable>
      ) : null}
      <AddByName
        label={PANEL.newCriterion}
        button={PANEL.addCriterion}
        maxLength={200}
        testId="criterion"
        onAdd={(name) => edit('Add criterion', (a) => addCriterion(a, { name, unit: '', better: 'higher', weight: 1 }).analysis)}
      />
    </Block>
  );
}

/** A number field that keeps what is typed and reports a number (or null when empty) as it changes. */
function NumberInput({ label, value, min, onCommit }: { label: string; value: number | undefined; min?: number; onCommit: (v: number | null) => void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (Number(text) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <input
      aria-label={label}
      className="short"
      type="number"
      step="any"
      min={min}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        if (t === '') onCommit(null);
        else if (Number.isFinite(Number(t))) onCommit(Number(t));
      }}
    />
  );
}

function ParametersEditor({ parameters }: { parameters: readonly Parameter[] }) {
  const edit = useEdit();
  const scenario = useApp(selectScenario);
  const change = (p: Parameter, patch: Partial<Omit<Parameter, 'id'>>, field: string) =>
    edit('Edit parameter', (a) => editParameter(a, p.id, patch), `parameter:${p.id}:${field}`);
  return (
    <Block title={PANEL.parameters} hint={PANEL.parametersHint}>
      {parameters.length > 0 ? (
        <EditableTable testId="analysis-parameters" cols={[PANEL.colId, PANEL.colValue, PANEL.colLow, PANEL.colHigh, PANEL.colAssumption, DISTRIBUTION_WORDS.column]}>
            {parameters.map((p) => (
              <tr key={p.id} data-testid={`analysis-parameter-${p.id}`}>
                <th scope="row">
                  <code>{p.id}</code>
                  {p.name && p.name !== p.id ? <span className="insp-hint"> {p.name}</span> : null}
                </th>
                <td>
                  <input aria-label={`${PANEL.colValue} of ${p.id}`} value={p.value} maxLength={500} data-testid={`analysis-parameter-value-${p.id}`} onChange={(e) => e.target.value.trim() && change(p, { value: e.target.value }, 'value')} />
                </td>
                <td>
                  <NumberInput label={`${PANEL.colLow} of ${p.id}`} value={p.low} onCommit={(v) => change(p, { low: v ?? undefined }, 'low')} />
                </td>
                <td>
                  <NumberInput label={`${PANEL.colHigh} of ${p.id}`} value={p.high} onCommit={(v) => change(p, { high: v ?? undefined }, 'high')} />
                </td>
                <td>
                  <select
                    aria-label={`${PANEL.colAssumption}: ${p.id}`}
                    className="assumption-pick"
                    value={p.assumptionId ?? ''}
                    onChange={(e) => change(p, { assumptionId: e.target.value || undefined }, 'assumption')}
                  >
                    <option value="">{PANEL.noAssumption}</option>
                    {scenario.assumptions.map((a) => (
                      <option key={a.id} value={a.id}>
                        {truncate(a.statement, 70)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <DistributionField parameter={p} onChange={(distribution) => change(p, { distribution }, 'distribution')} />
                </td>
                <RemoveCell name={p.id} onRemove={() => edit('Remove parameter', (a) => removeParameter(a, p.id))} />
              </tr>
            ))}
        </EditableTable>
      ) : (
        <p className="insp-empty">{PANEL.noParameters}</p>
      )}
      <AddByName label={PANEL.newParameter} button={PANEL.addParameter} maxLength={80} testId="parameter" onAdd={(name) => edit('Add parameter', (a) => addParameter(a, { name, value: '0' }).analysis)} />
    </Block>
  );
}

function ProblemList() {
  const view = useApp(selectAnalysisView);
  const byId = useApp(selectById);
  const store = useAppStore();
  if (!view.active) return <p className="insp-hint">{PANEL.inactive}</p>;
  return (
    <Block title={PANEL.problems}>
      {view.problems.length === 0 ? (
        <p data-testid="analysis-no-problems">{PANEL.noProblems}</p>
      ) : (
        <ul className="analysis-problems" data-testid="analysis-problems">
          {view.problems.map((p, i) => {
            const node = p.nodeId ? byId.get(p.nodeId) : undefined;
            return (
              <li key={i}>
                <span className="analysis-problem-where">{node ? truncate(node.title, 60) : PANEL.settingsProblem}:</span> {p.message}
                {node ? (
                  <button type="button" className="linkish" onClick={() => store.getState().reveal(node.id, true)}>
                    {PANEL.showBranch}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Block>
  );
}

// ---------------------------------------------------------------- results

/** The EVPI table's rows: each chance fork (told apart from one of the same title by its parent) and its value. */
function evpiRows(evpi: ReadonlyMap<string, number>, byId: ReadonlyMap<string, ScenarioNode>): string[][] {
  const ids = [...evpi.keys()];
  const parents = sharedTitleParents(byId, ids);
  return ids.map((id) => {
    const title = byId.get(id)?.title ?? id;
    const parent = parents.get(id);
    return [parent ? underParent(title, parent) : title, formatValue(evpi.get(id)!)];
  });
}

function Results() {
  const view = useApp(selectAnalysisView);
  const analysis = useApp(selectAnalysis);
  const scenario = useApp(selectScenario);
  const byId = useApp(selectById);
  const solution = view.solution;
  const extra = useMemo(() => {
    if (!solution) return null;
    return {
      policies: policies(scenario.nodes, analysis.inputs, analysis.settings),
      evpi: evpi(scenario.nodes, analysis.inputs, analysis.settings),
      profile: riskProfile(scenario.nodes, analysis.inputs, analysis.settings),
    };
  }, [solution, scenario.nodes, analysis]);
  if (!view.active) return <p className="insp-hint">{PANEL.inactive}</p>;
  if (!solution || !extra) return <ProblemList />;
  const title = (id: string) => byId.get(id)?.title ?? id;
  const best = solution.best.get(solution.rootId) ?? [];
  const criteria = analysis.settings.criteria;
  return (
    <>
      <dl className="analysis-summary">
        <dt>{PANEL.rootValue}</dt>
        <dd data-testid="analysis-root-value">
          {formatValue(solution.root.score)}
          {criteria.length === 1 && criteria[0]!.unit ? ` ${criteria[0]!.unit}` : ''}
          {criteria.length > 1 ? ` (${criteria.map((c) => `${c.name} ${formatValue(solution.root.byCriterion[c.id] ?? 0)}`).join(', ')})` : ''}
        </dd>
        {best.length > 0 ? (
          <>
            <dt>{best.length > 1 ? PANEL.tiedOptions : PANEL.bestOption}</dt>
            <dd data-testid="analysis-best-option">{best.map(title).join('; ')}</dd>
          </>
        ) : null}
        <dt>{PANEL.rule}</dt>
        <dd>{RULE_LABEL[solution.rule]}</dd>
      </dl>

      {extra.policies.ok ? (
        <Block title={PANEL.policies} hint={PANEL.policiesHint}>
          {extra.policies.capped || extra.policies.policies.length > POLICY_ROWS_SHOWN ? (
            <p className="insp-hint">{PANEL.policiesCapped(Math.min(POLICY_ROWS_SHOWN, extra.policies.policies.length), extra.policies.total)}</p>
          ) : null}
          <DataTable
            className="analysis-grid"
            testId="analysis-policies"
            numericFrom={1}
            head={[PANEL.colPolicy, PANEL.colPolicyValue]}
            rows={extra.policies.policies
              .slice(0, POLICY_ROWS_SHOWN)
              .map((row) => [[...row.choices.entries()].map(([d, c]) => `${truncate(title(d), 40)} → ${truncate(title(c), 40)}`).join('; ') || '—', formatValue(row.value.score)])}
          />
        </Block>
      ) : null}

      <Block title={PANEL.evpi} hint={PANEL.evpiHint}>
        {extra.evpi.ok ? (
          <DataTable
            className="analysis-grid"
            testId="analysis-evpi"
            numericFrom={1}
            head={[PANEL.colChance, PANEL.colEvpi]}
            rows={evpiRows(extra.evpi.evpi, byId)}
          />
        ) : (
          <p className="insp-hint">{PANEL.evpiNotEv}</p>
        )}
      </Block>

      {extra.profile.ok ? (
        <Block title={PANEL.riskProfile}>
          {extra.profile.capped ? <p className="insp-hint">{PANEL.profileCapped}</p> : null}
          <RiskProfile points={extra.profile.points} width={640} valueLabel={criteria.length === 1 && criteria[0]!.unit ? `${criteria[0]!.name} (${criteria[0]!.unit})` : undefined} />
          <DataTable
            className="analysis-grid"
            testId="analysis-risk-profile"
            numericFrom={0}
            head={[PANEL.colOutcomeValue, PANEL.colProbability]}
            rows={extra.profile.points.map((pt) => [formatValue(pt.value), formatProbability(pt.probability)])}
          />
        </Block>
      ) : null}
    </>
  );
}
