/**
 * The text alternative to the tree: every branch with its assumptions, risks,
 * indicators and evidence quotes. No hooks, so it renders on the server for
 * the first screen and in the client for the working document. Printable.
 * Nested lists are built bottom-up with a loop (no recursion over the tree).
 */
import type { ReactElement, ReactNode } from 'react';
import type { Evidence, Scenario, ScenarioNode } from '@/lib/model/schema';
import type { TreeIndex } from '@/lib/model/tree';
import { own, type Annotations } from '@/lib/records';
import type { SharedKind } from '@/lib/doc/ops';
import { sideOf } from '@/lib/doc/affected';
import { RESTS_ON_NEGATION } from '@/lib/messages/kac';
import { ASSUMPTION_STATUS_LABEL, INDICATOR_STATE_LABEL, STANCE_LABEL, likelihoodText } from '@/lib/annotations/vocab';
import { KIND_LABEL } from '@/lib/messages/card';
import { ParaLink } from './reader/ParaLink';
import { digits } from '@/lib/messages/count';

export const OUTLINE_MAX_NODES = 1500;
/**
 * Outlines listing more branches than this skip every branch on its own while it is far from the viewport;
 * smaller ones skip the first two levels only, so a branch scrolled to keeps its place while the branches near it
 * are laid out (app/globals.css, `.outline-skip`).
 */
export const SKIP_EACH_ABOVE = 200;
/** The class of a branch the browser skips while it is off screen (app/globals.css: content-visibility). */
export const OUTLINE_SKIP = 'outline-skip';
/** Deepest nesting of lists in the outline. */
export const OUTLINE_MAX_NEST = 24;

/**
 * The elements built for one tree index, kept for the next render: a branch's entry is built again only when
 * what it shows changed (its node, its annotation, its analysis mark; a list, when an entry in it did). Typing a
 * note on one branch then rebuilds that branch and the lists above it, and React skips the other entries whole
 * (the same element again), instead of comparing some 18,000 elements of a 1,500-branch outline at every key.
 * Whatever every entry may show (the records, the quotes, the annotations of assumptions and indicators) is `shared`:
 * when any of it changes, everything is built again.
 */
interface OutlineCache {
  shared: readonly unknown[];
  bodies: Map<string, { node: ScenarioNode; note: Annotations['nodes'][string] | undefined; value: string | null; element: ReactElement }>;
  items: Map<string, { parts: readonly unknown[]; element: ReactElement }>;
}
const outlineCaches = new WeakMap<TreeIndex, OutlineCache>();

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function Quotes({ ids, evidence }: { ids: readonly string[]; evidence: ReadonlyMap<string, Evidence> }) {
  if (!ids.length) return null;
  return (
    <ul className="quotes">
      {ids.map((id) => {
        const e = evidence.get(id);
        if (!e) return null;
        return (
          <li key={id}>
            <q>{e.quote}</q> <ParaLink sourceId={e.sourceId} paragraph={e.paragraph} />
          </li>
        );
      })}
    </ul>
  );
}

type SharedRecord = { id: string; statement: string; evidenceIds: readonly string[]; severity?: string };

/** The groups under each branch, in order: what each shows before and after the statement. */
const OUTLINE_GROUPS: ReadonlyArray<{
  kind: SharedKind;
  ids: 'assumptionIds' | 'riskIds' | 'indicatorIds';
  label: string;
  before?: (r: SharedRecord) => ReactNode;
  after: (r: SharedRecord, a: Annotations | undefined, index: TreeIndex, nodeId: string) => ReactNode;
}> = [
  {
    kind: 'assumptions',
    ids: 'assumptionIds',
    label: 'Assumptions',
    after: (r, a, index, nodeId) => {
      const st = a ? own(a.assumptions, r.id)?.status : undefined;
      const others = (index.nodesByAssumption.get(r.id) ?? []).filter((x) => x !== nodeId);
      const node = index.byId.get(nodeId);
      return (
        <>
          {node && sideOf(node, r.id) === 'fails' ? <em className="negated"> ({RESTS_ON_NEGATION})</em> : null}
          {st && st !== 'unreviewed' ? <span className={`status status-${st}`}> [{ASSUMPTION_STATUS_LABEL[st]}]</span> : null}
          {others.length > 0 ? <span className="shared"> (shared with {others.length} other branch{others.length > 1 ? 'es' : ''})</span> : null}
        </>
      );
    },
  },
  {
    kind: 'risks',
    ids: 'riskIds',
    label: 'Risks',
    before: (r) => (
      <>
        <span className={`sev sev-${r.severity}`}>{r.severity}</span>{' '}
      </>
    ),
    after: () => null,
  },
  {
    kind: 'indicators',
    ids: 'indicatorIds',
    label: 'Indicators to watch',
    after: (r, a) => {
      const st = a ? own(a.indicators, r.id)?.state : undefined;
      return st && st !== 'not-seen' ? <span className="status"> [{INDICATOR_STATE_LABEL[st]}]</span> : null;
    },
  },
];

export function Outline({
  scenario,
  index,
  annotations,
  markOf,
  headingLevel = 2,
}: {
  scenario: Scenario;
  index: TreeIndex;
  annotations?: Annotations;
  /** The decision analysis's mark of a branch as its card writes it ("17% · value 5"), or null. */
  markOf?: (id: string) => string | null;
  headingLevel?: 2 | 3;
}) {
  const evidence = new Map(scenario.evidence.map((e) => [e.id, e] as const));
  const lookups: Record<SharedKind, ReadonlyMap<string, SharedRecord>> = {
    assumptions: new Map(scenario.assumptions.map((a) => [a.id, a] as const)),
    risks: new Map(scenario.risks.map((a) => [a.id, a] as const)),
    indicators: new Map(scenario.indicators.map((a) => [a.id, a] as const)),
  };

  const shown = index.preorder.slice(0, OUTLINE_MAX_NODES);
  const shownIds = new Set(shown.map((n) => n.id));
  const built = new Map<string, ReactElement>();

  const large = shown.length > SKIP_EACH_ABOVE;
  const shared = [scenario.evidence, scenario.assumptions, scenario.risks, scenario.indicators, annotations?.assumptions, annotations?.indicators, large];
  let cache = outlineCaches.get(index);
  if (!cache || !sameParts(cache.shared, shared)) {
    cache = { shared, bodies: new Map(), items: new Map() };
    outlineCaches.set(index, cache);
  }
  const { bodies, items } = cache;

  const body = (n: ScenarioNode) => {
    const note = annotations ? own(annotations.nodes, n.id) : undefined;
    const value = markOf?.(n.id) ?? null;
    const kept = bodies.get(n.id);
    if (kept && kept.node === n && kept.note === note && kept.value === value) return kept.element;
    const element = bodyOf(n, note, value);
    bodies.set(n.id, { node: n, note, value, element });
    return element;
  };
  /** An entry's element, the same as last time when it is built from the same parts. */
  const item = (id: string, parts: readonly unknown[], build: () => ReactElement) => {
    const kept = items.get(id);
    if (kept && sameParts(kept.parts, parts)) return kept.element;
    const element = build();
    items.set(id, { parts, element });
    return element;
  };

  const bodyOf = (n: ScenarioNode, note: Annotations['nodes'][string] | undefined, value: string | null) => {
    return (
      <>
        <div className="outline-head">
          <span className={`kind-chip kind-${n.kind}`}>{KIND_LABEL[n.kind]}</span>{' '}
          <a className="outline-title" href={`?node=${encodeURIComponent(n.id)}`} data-node-link={n.id}>
            {n.title}
          </a>
          {note && note.stance !== 'open' ? <span className={`stance stance-${note.stance}`}> {STANCE_LABEL[note.stance]}</span> : null}
          {note?.likelihood ? <span className="likelihood"> · {likelihoodText(note.likelihood)}</span> : null}
          {value ? <span className="outline-value"> · {value}</span> : null}
        </div>
        {n.summary ? <p className="outline-summary">{n.summary}</p> : null}
        {note?.note ? <p className="outline-note">Analyst’s note: {note.note}</p> : null}
        <Quotes ids={n.evidenceIds} evidence={evidence} />
        {OUTLINE_GROUPS.map((g) => {
          const ids = n[g.ids];
          if (ids.length === 0) return null;
          const byId = lookups[g.kind];
          return (
            <div className="outline-group" key={g.kind}>
              <span className="group-label">{g.label}</span>
              <ul>
                {ids.map((rid) => {
                  const r = byId.get(rid);
                  if (!r) return null;
                  return (
                    <li key={rid}>
                      {g.before?.(r)}
                      {r.statement}
                      {g.after(r, annotations, index, n.id)}
                      <Quotes ids={r.evidenceIds} evidence={evidence} />
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </>
    );
  };

  // Lists nest up to OUTLINE_MAX_NEST levels (browsers crash on DOM nested
  // thousands deep); below that, a branch's descendants are listed flat, in
  // outline order, each marked with its level.
  const depthOf = (id: string) => index.depth.get(id) ?? 0;
  const flatUnder = new Map<string, ScenarioNode[]>();
  for (const n of shown) {
    const d = depthOf(n.id);
    if (d <= OUTLINE_MAX_NEST) continue;
    let anc = n;
    while (depthOf(anc.id) > OUTLINE_MAX_NEST && anc.parentId !== null) anc = index.byId.get(anc.parentId)!;
    let list = flatUnder.get(anc.id);
    if (!list) flatUnder.set(anc.id, (list = []));
    list.push(n);
  }
  const branchClass = (n: ScenarioNode, depth: number) => `outline-node outline-${n.kind}${large || depth === 1 || depth === 2 ? ` ${OUTLINE_SKIP}` : ''}`;
  // Bottom-up: children are built before their parent (reverse pre-order).
  for (let i = shown.length - 1; i >= 0; i--) {
    const n = shown[i]!;
    const d = depthOf(n.id);
    if (d > OUTLINE_MAX_NEST) continue;
    const flat = d === OUTLINE_MAX_NEST ? flatUnder.get(n.id) : undefined;
    const kids = flat ? [] : (index.children.get(n.id) ?? []).filter((c) => shownIds.has(c.id));
    const entry = body(n);
    const kidItems = kids.map((c) => built.get(c.id));
    const flatItems = (flat ?? []).map((f) => {
      const fd = depthOf(f.id);
      const fBody = body(f);
      return item(`flat:${f.id}`, [fBody, fd], () => (
        <li key={f.id} className={branchClass(f, fd)} id={`outline-${f.id}`}>
          <span className="outline-level">Level {fd + 1}</span>
          {fBody}
        </li>
      ));
    });
    built.set(
      n.id,
      item(n.id, [entry, d, ...kidItems, null, ...flatItems], () => (
        <li key={n.id} className={branchClass(n, d)} id={`outline-${n.id}`}>
          {entry}
          {kidItems.length > 0 && <ul className="outline-children">{kidItems}</ul>}
          {flatItems.length > 0 ? <ul className="outline-children outline-flat">{flatItems}</ul> : null}
        </li>
      )),
    );
  }
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const hidden = index.preorder.length - shown.length;
  return (
    <section className="outline" aria-labelledby="outline-heading">
      <H id="outline-heading">Outline of the decision</H>
      <ul className="outline-root">{built.get(index.root.id)}</ul>
      {hidden > 0 ? (
        <p className="outline-more">
          {digits(hidden)} more branches are not listed here; use the tree or search to reach them.
        </p>
      ) : null}
    </section>
  );
}
