'use client';
/**
 * One node of the tree. Subscribes only to its own slice of the store (its
 * node record, whether it is selected/focused/expanded, its annotation and
 * whether it rests on a broken assumption), so a change re-renders one node.
 * Decision analysis shapes: decision = square, chance = circle,
 * outcome = triangle, option = a labelled branch card.
 */
import { memo, useMemo, type CSSProperties } from 'react';
import { useApp } from '../AppProvider';
import { isExpanded, isFocused, isSelected, nodeAnnotationOf, nodeOf, weaknessOf } from '@/lib/store/selectors';
import { STANCE_LABEL, likelihoodText } from '@/lib/annotations/vocab';
import type { LayoutBox } from '@/lib/tree/layout';
import type { VisibleNode } from '@/lib/tree/visible';
import { KIND_LABEL } from '../kinds';

import { CARD_PAD_X as PAD_X, CARD_PAD_Y as PAD_Y, LABEL_LINE_HEIGHT as LINE_HEIGHT } from '@/lib/tree/sizing';

interface Props {
  box: LayoutBox;
  meta: VisibleNode;
  /** Where the node grows from when it enters (its parent's old position). */
  fromX?: number;
  fromY?: number;
  /** Exiting: animate into this point and fade out. */
  exitX?: number;
  exitY?: number;
  diff?: 'added' | 'removed' | 'renamed' | 'changed';
}

function Glyph({ kind, h }: { kind: string; h: number }) {
  const cy = h / 2;
  const s = 12;
  switch (kind) {
    case 'decision':
      return <rect className="glyph glyph-decision" x={-s - 6} y={cy - s / 2} width={s} height={s} />;
    case 'chance':
      return <circle className="glyph glyph-chance" cx={-6 - s / 2} cy={cy} r={s / 2} />;
    case 'outcome':
      return <path className="glyph glyph-outcome" d={`M${-6 - s},${cy} L${-6},${cy - s / 2} L${-6},${cy + s / 2} Z`} />;
    default:
      return null;
  }
}

function TreeNodeImpl({ box, meta, fromX, fromY, exitX, exitY, diff }: Props) {
  const id = box.id;
  const node = useApp(useMemo(() => nodeOf(id), [id]));
  const selected = useApp(useMemo(() => isSelected(id), [id]));
  const focused = useApp(useMemo(() => isFocused(id), [id]));
  const expanded = useApp(useMemo(() => isExpanded(id), [id]));
  const note = useApp(useMemo(() => nodeAnnotationOf(id), [id]));
  const weak = useApp(useMemo(() => weaknessOf(id), [id]));
  if (!node) return null;

  const exiting = exitX !== undefined;
  // The stylesheet sets `transform: var(--to)` with a transition, and
  // `@starting-style { transform: var(--from) }`, so an entering node grows
  // out of its parent and an exiting one shrinks back into it.
  const style = {
    '--to': `translate(${exiting ? exitX : box.x}px, ${exiting ? exitY : box.y}px)`,
    '--from': `translate(${fromX ?? box.x}px, ${fromY ?? box.y}px)`,
  } as CSSProperties;
  const stance = note?.stance ?? 'open';
  const counts = [
    { k: 'A', n: node.assumptionIds.length, cls: 'badge-a', label: 'assumption' },
    { k: 'R', n: node.riskIds.length, cls: 'badge-r', label: 'risk' },
    { k: 'I', n: node.indicatorIds.length, cls: 'badge-i', label: 'indicator' },
    { k: 'Q', n: node.evidenceIds.length, cls: 'badge-q', label: 'quote' },
  ].filter((c) => c.n > 0);
  const countText = counts.map((c) => `${c.n} ${c.label}${c.n > 1 ? 's' : ''}`).join(', ');
  const lines = box.lines ?? [node.title];
  const classes = [
    'node',
    `node-${node.kind}`,
    `stance-${stance}`,
    selected ? 'is-selected' : '',
    focused ? 'is-focused' : '',
    weak ? `is-${weak}` : '',
    diff ? `diff-${diff}` : '',
    exiting ? 'is-exiting' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = [
    `${KIND_LABEL[node.kind]}: ${node.title}`,
    stance !== 'open' ? STANCE_LABEL[stance] : '',
    note?.likelihood ? likelihoodText(note.likelihood) : '',
    weak === 'broken' ? 'rests on a broken assumption' : weak === 'affected' ? 'under a branch with a broken assumption' : '',
    countText,
  ]
    .filter(Boolean)
    .join('. ');

  return (
    <g
      className={classes}
      style={style}
      role={exiting ? undefined : 'treeitem'}
      aria-hidden={exiting ? true : undefined}
      id={exiting ? undefined : `tree-node-${id}`}
      data-node-id={exiting ? undefined : id}
      aria-level={exiting ? undefined : meta.depth + 1}
      aria-setsize={exiting ? undefined : meta.setSize}
      aria-posinset={exiting ? undefined : meta.posInSet}
      aria-expanded={!exiting && meta.hasChildren ? expanded : undefined}
      aria-selected={exiting ? undefined : selected}
      aria-label={exiting ? undefined : label}
      tabIndex={exiting ? undefined : focused ? 0 : -1}
    >
      <title>{node.title}</title>
      <Glyph kind={node.kind} h={box.height} />
      <rect className="card" width={box.width} height={box.height} rx={node.kind === 'option' ? 10 : 4} />
      {node.kind === 'option' ? <rect className="option-stripe" width={5} height={box.height} rx={2} /> : null}
      {/* Labels are hidden by the svg's no-labels class when zoomed far out (CSS, no re-render). */}
      <>
          <text className="label" x={PAD_X} y={PAD_Y + 12}>
            {lines.map((l, i) => (
              <tspan key={i} x={PAD_X} dy={i === 0 ? 0 : LINE_HEIGHT}>
                {l}
              </tspan>
            ))}
          </text>
          {counts.length > 0 ? (
            <g className="badges" transform={`translate(${PAD_X}, ${box.height - 16})`} aria-hidden="true">
              {counts.map((c, i) => (
                <g key={c.k} transform={`translate(${i * 34}, 0)`} className={`badge ${c.cls}`}>
                  <rect width={30} height={12} rx={6} />
                  <text x={15} y={9.5} textAnchor="middle">
                    {c.k}
                    {c.n}
                  </text>
                </g>
              ))}
              {stance !== 'open' ? (
                <text className={`stance-mark stance-mark-${stance}`} x={counts.length * 34 + 2} y={10}>
                  {stance === 'favoured' ? '★ favoured' : stance === 'rejected' ? '✕ rejected' : '… needs work'}
                </text>
              ) : null}
            </g>
          ) : null}
          {weak === 'broken' ? (
            <text className="weak-mark" x={box.width - 6} y={13} textAnchor="end" aria-hidden="true">
              ⚠
            </text>
          ) : null}
      </>
      {meta.hasChildren ? (
        <g className="toggle" transform={`translate(${box.width}, ${box.height / 2})`} data-toggle={id} aria-hidden="true">
          <circle r={8} />
          <path d={expanded ? 'M-4,0 H4' : 'M-4,0 H4 M0,-4 V4'} />
        </g>
      ) : null}
    </g>
  );
}

export const TreeNode = memo(TreeNodeImpl);
