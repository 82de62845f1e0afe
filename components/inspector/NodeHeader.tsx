'use client';
/**
 * The top of the inspector for a branch: breadcrumb from the root, kind chip,
 * full title (renamed in place), kind selector and summary.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import type { AppState } from '@/lib/store/store';
import { NODE_KINDS, LIMITS, type NodeKind } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { pathToRoot } from '@/lib/model/tree';
import { weaknessOf } from '@/lib/store/selectors';
import { KIND_LABEL } from '../kinds';
import { DraftEditor, truncate } from './fields';

const selectIndex = (s: AppState) => s.index;

/** Breadcrumbs longer than this fold their middle behind a "…" button. */
const CRUMB_FOLD = 6;

function Breadcrumb({ node }: { node: ScenarioNode }) {
  const index = useApp(selectIndex);
  const store = useAppStore();
  const [unfolded, setUnfolded] = useState(false);
  const path = useMemo(() => pathToRoot(index, node.id), [index, node.id]);
  const ancestors = path.slice(0, -1);
  const fold = !unfolded && ancestors.length > CRUMB_FOLD;
  const head = fold ? ancestors.slice(0, 2) : ancestors;
  const tail = fold ? ancestors.slice(-3) : [];
  const crumb = (id: string) => {
    const n = index.byId.get(id);
    if (!n) return null;
    return (
      <li key={id}>
        <button type="button" className="crumb" title={n.title} onClick={() => store.getState().reveal(id, true)}>
          {truncate(n.title, 48)}
        </button>
      </li>
    );
  };
  return (
    <nav className="insp-crumbs" aria-label="Path from the root" data-testid="breadcrumb">
      <ol>
        {head.map(crumb)}
        {fold ? (
          <li>
            <button type="button" className="crumb" aria-label={`Show ${ancestors.length - 5} more levels`} onClick={() => setUnfolded(true)}>
              …
            </button>
          </li>
        ) : null}
        {tail.map(crumb)}
        <li aria-current="location" className="crumb-current">
          <span title={node.title}>{truncate(node.title, 48)}</span>
        </li>
      </ol>
    </nav>
  );
}

function Title({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const [editing, setEditing] = useState(false);
  const renameRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      renameRef.current?.focus();
    }
  }, [editing]);
  const close = () => {
    refocus.current = true;
    setEditing(false);
  };
  return (
    <div className="insp-title-row">
      <span className={`kind-chip kind-${node.kind}`}>{KIND_LABEL[node.kind]}</span>
      {editing ? (
        <DraftEditor
          initial={node.title}
          label="Title of this branch"
          maxLength={LIMITS.maxTitleLength}
          testId="rename-input"
          className="insp-title-input"
          onCommit={(v) => {
            store.getState().renameNode(node.id, v);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <>
          <h2 className="insp-title" id="inspector-title" data-testid="inspector-title" onDoubleClick={() => setEditing(true)}>
            {node.title}
          </h2>
          <button
            type="button"
            ref={renameRef}
            className="mini icon-btn"
            aria-label="Rename branch"
            title="Rename (or double-click the title)"
            data-testid="rename-button"
            onClick={() => setEditing(true)}
          >
            <span aria-hidden="true">✎</span> Rename
          </button>
        </>
      )}
    </div>
  );
}

export function NodeHeader({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const weakSel = useMemo(() => weaknessOf(node.id), [node.id]);
  const weakness = useApp(weakSel);
  const id = useId();
  const isRoot = node.parentId === null;

  return (
    <header className="insp-head">
      <Breadcrumb node={node} />
      <Title node={node} />
      {weakness ? (
        <p className={`insp-weak insp-weak-${weakness}`} role="note" data-testid="weakness-note">
          {weakness === 'broken'
            ? 'This branch rests on an assumption judged unsupported or broken.'
            : 'An earlier branch on this path rests on an unsupported or broken assumption.'}
        </p>
      ) : null}
      <div className="insp-inline insp-meta">
        {isRoot ? (
          <span className="insp-muted">Root decision</span>
        ) : (
          <div className="insp-field inline">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select
              id={`${id}-kind`}
              value={node.kind}
              data-testid="kind-select"
              onChange={(e) => store.getState().setNodeKind(node.id, e.target.value as NodeKind)}
            >
              {NODE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </div>
        )}
        <span className="insp-id" title="Stable id (used in links)">
          id <code>{node.id}</code>
        </span>
      </div>
      <div className="insp-field">
        <label htmlFor={`${id}-summary`}>Summary</label>
        <textarea
          id={`${id}-summary`}
          className="autogrow"
          rows={2}
          value={node.summary}
          maxLength={LIMITS.maxTextLength}
          placeholder="What this branch means, in a sentence or two."
          data-testid="summary-input"
          onChange={(e) => store.getState().setNodeSummary(node.id, e.target.value)}
        />
      </div>
    </header>
  );
}
