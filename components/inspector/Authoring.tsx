'use client';
/**
 * Authoring actions on a branch: add a child, move up/down among siblings,
 * move under another parent, delete the subtree (with an inline confirm).
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { LIMITS, type NodeKind } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { subtreeIds } from '@/lib/model/tree';
import { CHILD_KINDS, DEFAULT_CHILD_KIND } from '@/lib/records/node';
import { KIND_LABEL } from '@/lib/messages/card';
import { selectIndex } from '@/lib/store/selectors';
import { ConfirmStrip, QuietInput, plural, truncate } from './fields';
import { digits } from '@/lib/messages/count';

/** At most this many candidate parents are listed. */
const PARENT_OPTIONS_MAX = 3000;

function AddChild({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const [kind, setKind] = useState<NodeKind>(DEFAULT_CHILD_KIND[node.kind]);
  const [title, setTitle] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (!t) return;
    const s = store.getState();
    const made = s.addChild(node.id, kind, t);
    if (made) s.reveal(made, true);
  };
  return (
    <form className="insp-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <p className="insp-sublabel" id={`${id}-h`}>
        Add a branch under this one
      </p>
      <div className="insp-add-row">
        <label htmlFor={`${id}-kind`} className="visually-hidden">
          Kind of the new branch
        </label>
        <select id={`${id}-kind`} value={kind} data-testid="add-child-kind" onChange={(e) => setKind(e.target.value as NodeKind)}>
          {CHILD_KINDS[node.kind].map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <QuietInput id={`${id}-title`} label="Title of the new branch" value={title} maxLength={LIMITS.maxTitleLength} placeholder="Title of the new branch…" testId="add-child-title" onChange={setTitle} />
        <button type="submit" className="mini add" disabled={!title.trim()} data-testid="add-child-button">
          Add
        </button>
      </div>
    </form>
  );
}

function MoveControls({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const index = useApp(selectIndex);
  const [choosing, setChoosing] = useState(false);
  const [target, setTarget] = useState('');
  const id = useId();
  const siblings = node.parentId ? (index.children.get(node.parentId) ?? []) : [];
  const pos = siblings.findIndex((n) => n.id === node.id);

  const candidates = useMemo(() => {
    if (!choosing) return { list: [] as ScenarioNode[], more: 0 };
    const own = new Set(subtreeIds(index, node.id));
    const list: ScenarioNode[] = [];
    let more = 0;
    for (const n of index.preorder) {
      if (own.has(n.id) || n.id === node.parentId) continue;
      if (list.length < PARENT_OPTIONS_MAX) list.push(n);
      else more++;
    }
    return { list, more };
  }, [choosing, index, node.id, node.parentId]);

  const move = (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    const s = store.getState();
    s.moveSubtree(node.id, target);
    s.reveal(node.id, true);
    setChoosing(false);
    setTarget('');
  };

  return (
    <div className="insp-move">
      <p className="insp-sublabel">
        Position {pos + 1} of {siblings.length} under its parent
      </p>
      <div className="insp-add-row">
        <button
          type="button"
          className="mini"
          disabled={pos <= 0}
          data-testid="move-up"
          onClick={() => store.getState().reorderSibling(node.id, -1)}
        >
          ↑ Move up
        </button>
        <button
          type="button"
          className="mini"
          disabled={pos < 0 || pos >= siblings.length - 1}
          data-testid="move-down"
          onClick={() => store.getState().reorderSibling(node.id, 1)}
        >
          ↓ Move down
        </button>
        {!choosing ? (
          <button type="button" className="mini" data-testid="move-parent-toggle" onClick={() => setChoosing(true)}>
            Move to another parent…
          </button>
        ) : null}
      </div>
      {choosing ? (
        <form className="insp-add-row" onSubmit={move}>
          <label htmlFor={`${id}-parent`} className="visually-hidden">
            New parent
          </label>
          <select id={`${id}-parent`} className="grow" value={target} data-testid="move-parent-select" autoFocus onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose a new parent…</option>
            {candidates.list.map((n) => (
              <option key={n.id} value={n.id}>
                {'\u00a0\u00a0'.repeat(Math.min(index.depth.get(n.id) ?? 0, 12))}
                {KIND_LABEL[n.kind]}: {truncate(n.title, 70)}
              </option>
            ))}
          </select>
          <button type="submit" className="mini primary" disabled={!target} data-testid="move-parent-button">
            Move
          </button>
          <button type="button" className="mini" onClick={() => setChoosing(false)}>
            Cancel
          </button>
          {candidates.more > 0 ? <span className="insp-hint">First {digits(PARENT_OPTIONS_MAX)} branches listed.</span> : null}
        </form>
      ) : null}
    </div>
  );
}

function DeleteBranch({ node }: { node: ScenarioNode }) {
  const store = useAppStore();
  const index = useApp(selectIndex);
  const [confirming, setConfirming] = useState(false);
  const descendants = useMemo(() => (confirming ? subtreeIds(index, node.id).length - 1 : 0), [confirming, index, node.id]);
  if (node.parentId === null) return <p className="insp-hint">The root decision cannot be deleted.</p>;
  return confirming ? (
    <ConfirmStrip
      message={
        descendants > 0
          ? `Delete this branch and its ${plural(descendants, 'sub-branch', 'sub-branches')}?`
          : 'Delete this branch? It has no sub-branches.'
      }
      confirmLabel="Delete"
      confirmTestId="confirm-delete"
      cancelTestId="cancel-delete"
      onConfirm={() => store.getState().deleteSubtree(node.id)}
      onCancel={() => setConfirming(false)}
    />
  ) : (
    <button type="button" className="mini danger" data-testid="delete-branch" onClick={() => setConfirming(true)}>
      Delete branch…
    </button>
  );
}

export function Authoring({ node }: { node: ScenarioNode }) {
  return (
    <div className="insp-authoring">
      <AddChild node={node} />
      {node.parentId !== null ? <MoveControls node={node} /> : null}
      <DeleteBranch node={node} />
    </div>
  );
}
