'use client';
/**
 * The top of the inspector for a branch: breadcrumb from the root, kind chip,
 * full title (renamed in place), kind selector and summary.
 */
import { useId, useMemo, useState } from 'react';
import { useApp, useAppFor, useAppStore } from '../AppProvider';
import { LIMITS, type NodeKind } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { pathToRoot } from '@/lib/model/tree';
import { selectIndex, weaknessOf } from '@/lib/store/selectors';
import { allowedKinds } from '@/lib/records/node';
import { KIND_LABEL } from '@/lib/messages/card';
import { DraftEditor, NoteField, truncate, useEditing } from './fields';
import { Options } from '../Options';

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
  const { editing, setEditing, close, buttonRef: renameRef } = useEditing();
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
  const weakness = useAppFor(weaknessOf, node.id);
  const id = useId();
  const isRoot = node.parentId === null;
  const index = useApp(selectIndex);
  const kindChoices = useMemo(() => {
    const parent = node.parentId === null ? null : (index.byId.get(node.parentId)?.kind ?? null);
    const allowed = allowedKinds(parent, (index.children.get(node.id) ?? []).map((c) => c.kind));
    return allowed.includes(node.kind) ? allowed : [node.kind, ...allowed];
  }, [index, node.id, node.parentId, node.kind]);

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
              <Options values={kindChoices} labels={KIND_LABEL} />
            </select>
          </div>
        )}
        <span className="insp-id" title="Stable id (used in links)">
          id <code>{node.id}</code>
        </span>
      </div>
      <NoteField
        id={`${id}-summary`}
        label="Summary"
        rows={2}
        value={node.summary}
        maxLength={LIMITS.maxTextLength}
        placeholder="What this branch means, in a sentence or two."
        testId="summary-input"
        onChange={(v) => store.getState().setNodeSummary(node.id, v)}
      />
    </header>
  );
}
