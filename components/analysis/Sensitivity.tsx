'use client';
/**
 * Sensitivity of the choice: the tornado (decisions fixed at the base case,
 * or re-optimised) naming the assumptions behind each parameter, the
 * thresholds where the best option changes (one-way, by bisection), the
 * spider, the strategy regions of two parameters, and Monte Carlo in a Web
 * Worker with progress and Cancel (the page never waits for it).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApp } from '../AppProvider';
import { selectAnalysis, selectAnalysisView, selectById, selectScenario } from '@/lib/store/selectors';
import { betterOf, makeTreeEvaluate, sensParameters, type TreeModel } from '@/lib/analysis/evaluate';
import { decisive, oneWay, spider, tornado, twoWay, type TornadoMode } from '@/lib/analysis/sensitivity';
import { monteCarloProblems, type MonteCarloProgress, type MonteCarloResult } from '@/lib/analysis/montecarlo';
import { startMonteCarlo, type MonteCarloRun } from '@/lib/analysis/montecarlo-client';
import { CHART_WORDS, decisiveItemText, monteCarloProblemText } from '@/lib/messages/sensitivity';
import { SENSITIVITY, formatProbability, formatValue } from '@/lib/messages/decision';
import { Tornado } from './charts/Tornado';
import { Spider } from './charts/Spider';
import { StrategyRegions } from './charts/StrategyRegions';
import { MonteCarloHistogram } from './charts/MonteCarloHistogram';
import { digits } from '@/lib/messages/count';

export function Sensitivity() {
  const analysis = useApp(selectAnalysis);
  const view = useApp(selectAnalysisView);
  const scenario = useApp(selectScenario);
  const byId = useApp(selectById);
  const params = useMemo(() => sensParameters(analysis), [analysis]);
  const model: TreeModel = useMemo(() => ({ nodes: scenario.nodes, analysis }), [scenario.nodes, analysis]);
  const evaluate = useMemo(() => makeTreeEvaluate(model), [model]);
  const [mode, setMode] = useState<TornadoMode>('reoptimised');
  const tor = useMemo(() => (view.solution && params.length ? tornado(evaluate, params, mode) : null), [view.solution, evaluate, params, mode]);
  const optionName = (id: string) => byId.get(id)?.title ?? id;
  const assumptionName = (id: string) => scenario.assumptions.find((a) => a.id === id)?.statement ?? id;
  const unit = analysis.settings.criteria.length === 1 ? analysis.settings.criteria[0]!.unit : '';
  const valueLabel = unit ? `${CHART_WORDS.rootValue} (${unit})` : CHART_WORDS.rootValue;
  const id = useId();

  if (!view.solution) return <p className="insp-hint">{SENSITIVITY.needSolution}</p>;
  if (params.length === 0) return <p className="insp-hint" data-testid="sensitivity-no-parameters">{SENSITIVITY.noParameters}</p>;
  const text = { valueLabel, optionName, assumptionName, width: 720 };
  const ranked = tor ? decisive(tornado(evaluate, params, 'reoptimised')) : [];

  return (
    <>
      <section className="analysis-block" aria-labelledby={`${id}-tor`}>
        <h3 id={`${id}-tor`}>{SENSITIVITY.tornado}</h3>
        <fieldset className="analysis-mode">
          <legend className="visually-hidden">{SENSITIVITY.tornadoMode}</legend>
          {(['reoptimised', 'fixed'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} data-testid={`tornado-mode-${m}`} onChange={() => setMode(m)} />
              {m === 'fixed' ? SENSITIVITY.modeFixed : SENSITIVITY.modeReoptimised}
            </label>
          ))}
        </fieldset>
        {tor ? (
          <div data-testid="tornado" data-order={tor.bars.map((b) => b.id).join(' ')}>
            <Tornado result={tor} {...text} />
          </div>
        ) : null}
        {ranked.length > 0 ? (
          <>
            <h4>{SENSITIVITY.decisive}</h4>
            <ol className="analysis-decisive" data-testid="decisive-assumptions">
              {ranked.map((d) => (
                <li key={d.assumptionId}>
                  {assumptionName(d.assumptionId)} — {decisiveItemText(d)}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
      <Thresholds evaluate={evaluate} params={params} optionName={optionName} />
      <section className="analysis-block" aria-labelledby={`${id}-spider`}>
        <h3 id={`${id}-spider`}>{SENSITIVITY.spider}</h3>
        <Spider result={spider(evaluate, params)} {...text} />
      </section>
      {params.length >= 2 ? <TwoWay evaluate={evaluate} params={params} text={text} /> : null}
      <MonteCarlo model={model} params={params} text={text} better={betterOf(analysis)} optionName={optionName} />
    </>
  );
}

type Params = ReturnType<typeof sensParameters>;
type Evaluate = ReturnType<typeof makeTreeEvaluate>;
type Text = { valueLabel: string; optionName: (id: string) => string; assumptionName: (id: string) => string; width: number };

function Thresholds({ evaluate, params, optionName }: { evaluate: Evaluate; params: Params; optionName: (id: string) => string }) {
  const id = useId();
  const rows = useMemo(() => params.map((p) => ({ p, r: oneWay(evaluate, p, 11) })), [evaluate, params]);
  const names = (ids: readonly string[]) => ids.map(optionName).join(' = ');
  return (
    <section className="analysis-block" aria-labelledby={id}>
      <h3 id={id}>{SENSITIVITY.thresholds}</h3>
      <p className="insp-hint">{SENSITIVITY.thresholdsHint}</p>
      <ul data-testid="sensitivity-thresholds">
        {rows.map(({ p, r }) => (
          <li key={p.id}>
            <code>{p.id}</code> ({formatValue(p.low)} to {formatValue(p.high)}):{' '}
            {r.thresholds.length === 0
              ? SENSITIVITY.noThreshold
              : r.thresholds.map((t) => SENSITIVITY.threshold(formatValue(t.at), names(t.before), names(t.after), formatValue(r.tolerance))).join(' ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TwoWay({ evaluate, params, text }: { evaluate: Evaluate; params: Params; text: Text }) {
  const id = useId();
  const [a, setA] = useState(params[0]!.id);
  const [b, setB] = useState(params[1]!.id);
  const pa = params.find((p) => p.id === a) ?? params[0]!;
  const pb = params.find((p) => p.id === b && p.id !== pa.id) ?? params.find((p) => p.id !== pa.id)!;
  const result = useMemo(() => twoWay(evaluate, pa, pb, 11, 11), [evaluate, pa, pb]);
  return (
    <section className="analysis-block" aria-labelledby={id}>
      <h3 id={id}>{SENSITIVITY.twoWay}</h3>
      <div className="analysis-row">
        <label>
          {SENSITIVITY.across}{' '}
          <select value={pa.id} onChange={(e) => setA(e.target.value)}>
            {params.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {SENSITIVITY.up}{' '}
          <select value={pb.id} onChange={(e) => setB(e.target.value)}>
            {params
              .filter((p) => p.id !== pa.id)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id}
                </option>
              ))}
          </select>
        </label>
      </div>
      <StrategyRegions result={result} {...text} />
    </section>
  );
}

function MonteCarlo({ model, params, text, optionName }: { model: TreeModel; params: Params; text: Text; better: 'higher' | 'lower'; optionName: (id: string) => string }) {
  const id = useId();
  const [iterations, setIterations] = useState('10000');
  const [seed, setSeed] = useState('1');
  const [progress, setProgress] = useState<MonteCarloProgress | null>(null);
  const [result, setResult] = useState<MonteCarloResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = useRef<MonteCarloRun | null>(null);
  const worker = useRef<Worker | null>(null);
  const drawn = params.filter((p) => p.distribution);

  useEffect(
    () => () => {
      run.current?.cancel();
      worker.current?.terminate();
    },
    [],
  );

  const start = () => {
    const opts = { iterations: Number(iterations), seed: Number(seed) };
    const problems = monteCarloProblems(params, opts);
    if (problems.length) {
      setMessage(problems.map((p) => monteCarloProblemText(p, (pid) => pid)).join(' '));
      return;
    }
    setMessage(null);
    setResult(null);
    worker.current ??= new Worker(new URL('../../workers/montecarlo.worker.ts', import.meta.url), { type: 'module' });
    const job = { id: `mc-${Date.now()}`, ...opts, params, model };
    const r = startMonteCarlo(worker.current, job, setProgress);
    run.current = r;
    void r.done.then((reply) => {
      if (run.current !== r) return;
      run.current = null;
      if (reply.type === 'result') setResult(reply.result);
      else if (reply.type === 'cancelled') {
        setProgress(reply.progress);
        setMessage(SENSITIVITY.cancelled(reply.progress.done, reply.progress.total));
      } else if (reply.type === 'invalid') setMessage(reply.problems.map((p) => monteCarloProblemText(p, (pid) => pid)).join(' '));
      else setMessage(reply.message);
    });
  };
  const running = run.current !== null && progress !== null && !progress.finished;

  return (
    <section className="analysis-block" aria-labelledby={id}>
      <h3 id={id}>{SENSITIVITY.monteCarlo}</h3>
      {drawn.length === 0 ? (
        <p className="insp-hint">{SENSITIVITY.noDistributions}</p>
      ) : (
        <>
          <p className="insp-hint">{SENSITIVITY.monteCarloHint(drawn.map((p) => p.id))}</p>
          <div className="analysis-row">
            <label>
              {SENSITIVITY.iterations}{' '}
              <input className="short" type="number" min={1} step={1} value={iterations} data-testid="mc-iterations" onChange={(e) => setIterations(e.target.value)} />
            </label>
            <label>
              {SENSITIVITY.seed}{' '}
              <input className="short" type="number" step={1} value={seed} data-testid="mc-seed" onChange={(e) => setSeed(e.target.value)} />
            </label>
            <button type="button" className="mini" disabled={running} data-testid="mc-run" onClick={start}>
              {SENSITIVITY.run}
            </button>
            <button type="button" className="mini" disabled={!running} data-testid="mc-cancel" onClick={() => run.current?.cancel()}>
              {SENSITIVITY.cancel}
            </button>
          </div>
          {progress ? (
            <div className="analysis-row">
              <label htmlFor={`${id}-p`}>{SENSITIVITY.progress}</label>
              <progress id={`${id}-p`} max={progress.total} value={progress.done} data-testid="mc-progress" />
              <span aria-live="polite">{formatProbability(progress.done / Math.max(1, progress.total))}</span>
            </div>
          ) : null}
          {message ? (
            <p className="insp-hint" role="status" data-testid="mc-message">
              {message}
            </p>
          ) : null}
          {result ? (
            <div data-testid="mc-result">
              <dl className="analysis-summary">
                <dt>{CHART_WORDS.mean}</dt>
                <dd data-testid="mc-mean">{result.mean === null ? '—' : formatValue(result.mean)}</dd>
                <dt>{CHART_WORDS.median}</dt>
                <dd>{result.median === null ? '—' : formatValue(result.median)}</dd>
                <dt>{CHART_WORDS.p5p95}</dt>
                <dd>
                  {result.p5 === null ? '—' : formatValue(result.p5)} – {result.p95 === null ? '—' : formatValue(result.p95)}
                </dd>
                <dt>{CHART_WORDS.validRuns}</dt>
                <dd>{digits(result.valid)}</dd>
                <dt>{CHART_WORDS.invalidRuns}</dt>
                <dd data-testid="mc-invalid">
                  {digits(result.invalid)}
                  {result.invalidReasons.length ? ` (${result.invalidReasons.map((r) => `${r.message}: ${r.count}`).join('; ')})` : ''}
                </dd>
                {result.probabilityBest.map((o) => (
                  <FragmentRow key={o.id} term={CHART_WORDS.probabilityBest(optionName(o.id))} value={formatProbability(o.probability)} />
                ))}
              </dl>
              <MonteCarloHistogram result={result} {...text} />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function FragmentRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
