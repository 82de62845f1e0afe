'use client';
/**
 * One node of the tree. Subscribes only to its own slice of the store (its
 * node record, whether it is selected/focused/expanded, its annotation and
 * whether it rests on a failing premise), so a change re-renders one node.
 * Decision analysis shapes: decision = square, chance = circle,
 * outcome = triangle, option = a labelled branch card.
 */
import { memo, type CSSProperties } from 'react';
import { useAppFor } from '../AppProvider';
import { analysisMarkOf, analysisValueMarkOf, isExpanded, isFocused, isSelected, nodeAnnotationOf, nodeOf, openThreadsOf, weaknessOf } from '@/lib/store/selectors';
import { STANCE_LABEL, likelihoodText } from '@/lib/annotations/vocab';
import type { LayoutBox } from '@/lib/tree/layout';
import type { VisibleNode } from '@/lib/tree/visible';
import { CARD_GROUP_ATTRS, cardElements, cardInput } from '@/lib/card/card';
import { DISCUSSION_WORDS } from '@/lib/messages/discussion';
import { badgeCountText, KIND_LABEL, WEAK_LABEL, likelihoodMark } from '@/lib/messages/card';
import { TREE_MARKS } from '@/lib/messages/decision';
import { SvgElements } from './SvgElements';
import { usePeersOn } from '../sync/SyncProvider';
import { initialOf } from '@/lib/sync/presence';
import { PRESENCE_WORDS } from '@/lib/messages/sync';
import { splitOf } from '@/lib/team/selectors';
import { splitMarkText } from '@/lib/messages/team';

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

function TreeNodeImpl({ box, meta, fromX, fromY, exitX, exitY, diff }: Props) {
  const id = box.id;
  const node = useAppFor(nodeOf, id);
  const selected = useAppFor(isSelected, id);
  const focused = useAppFor(isFocused, id);
  const expanded = useAppFor(isExpanded, id);
  const note = useAppFor(nodeAnnotationOf, id);
  const weak = useAppFor(weaknessOf, id);
  const mark = useAppFor(analysisMarkOf, id);
  const value = useAppFor(analysisValueMarkOf, id);
  // In a shared room: the others looking at this branch.
  const peers = usePeersOn(id);
  // How far the team's own judgements of this branch split (consensus is not marked).
  const split = useAppFor(splitOf, id);
  const talk = useAppFor(openThreadsOf, id);
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
  const card = cardInput(node, box, stance, weak, meta.hasChildren ? (expanded ? 'expanded' : 'collapsed') : null, {
    likelihood: note?.likelihood ? likelihoodMark(note.likelihood) : null,
    value,
    split,
    talk: exiting ? 0 : talk,
  });
  const classes = [
    'node',
    `node-${node.kind}`,
    `stance-${stance}`,
    selected ? 'is-selected' : '',
    focused ? 'is-focused' : '',
    weak ? `is-${weak}` : '',
    diff ? `diff-${diff}` : '',
    mark ? `path-${mark}` : '',
    peers.length ? 'has-peers' : '',
    split ? `split-${split}` : '',
    exiting ? 'is-exiting' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // The name is the visible title (the <title> child: WCAG 2.5.3, the name holds the visible label);
  // the rest, which the card shows as marks and badges, is the description (the <desc> child).
  const description = [
    KIND_LABEL[node.kind],
    stance !== 'open' ? STANCE_LABEL[stance] : '',
    note?.likelihood ? likelihoodText(note.likelihood) : '',
    weak ? WEAK_LABEL[weak] : '',
    mark ? TREE_MARKS[mark] : '',
    value ?? '',
    badgeCountText(card.counts),
    peers.length ? PRESENCE_WORDS.onBranch(peers.map((p) => p.name)) : '',
    split ? splitMarkText(split) : '',
    talk ? DISCUSSION_WORDS.badge(talk) : '',
  ]
    .filter(Boolean)
    .join('. ');

  return (
    <g
      {...CARD_GROUP_ATTRS}
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
      aria-describedby={exiting ? undefined : `tree-node-${id}-desc`}
      tabIndex={exiting ? undefined : focused ? 0 : -1}
    >
      <title>{node.title}</title>
      <desc id={exiting ? undefined : `tree-node-${id}-desc`}>{description}</desc>
      {/* Labels, badges, marks and the toggle are hidden by the svg's no-labels class when zoomed far out (CSS, no re-render). */}
      <SvgElements elements={cardElements(card)} partProps={{ toggle: { 'data-toggle': id } }} />
      {peers.length && !exiting ? (
        <g className="peer-marks" aria-hidden="true" data-testid="peer-marks" data-peers={peers.map((p) => p.name).join('|')}>
          <rect x={-4} y={-4} width={box.width + 8} height={box.height + 8} rx={9} fill="none" stroke={peers[0]!.colour} strokeWidth={2} strokeDasharray="6 3" />
          {peers.slice(0, 3).map((p, i) => (
            <g key={p.clientId} transform={`translate(${box.width - 8 - i * 17}, -5)`}>
              <circle r={7.5} fill={p.colour} stroke="#fff" strokeWidth={1.5} />
              <text y={3} textAnchor="middle" fontSize={9} fontWeight={700} fill="#fff">
                {initialOf(p.name)}
              </text>
            </g>
          ))}
        </g>
      ) : null}
    </g>
  );
}

export const TreeNode = memo(TreeNodeImpl);
