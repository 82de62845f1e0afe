'use client';
/**
 * The Discussion tab: every comment thread of the scenario (open, resolved,
 * dissents), each with its target named ("On branch “…”", or "On a removed
 * branch"); a branch's name selects it on the tree.
 */
import { useId, useState } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectDiscussion } from '@/lib/store/selectors';
import { filterThreads, THREAD_FILTERS, type ThreadFilter } from '@/lib/team/comments';
import { DISCUSSION_WORDS as W } from '@/lib/messages/discussion';
import { ThreadView } from './Threads';
import './team.css';

export function DiscussionView() {
  const store = useAppStore();
  const discussion = useApp(selectDiscussion);
  const [filter, setFilter] = useState<ThreadFilter>('all');
  const id = useId();
  const shown = filterThreads(discussion, filter);
  const go = (nodeId: string) => {
    store.getState().reveal(nodeId, true);
    document.getElementById('tree')?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <div className="talk-view" data-testid="discussion-view">
      <h2 className="view-heading">{W.heading}</h2>
      <p className="view-intro">{W.intro}</p>
      <div className="talk-filter">
        <label htmlFor={`${id}-filter`}>{W.filterLabel}</label>
        <select id={`${id}-filter`} value={filter} data-testid="discussion-filter" onChange={(e) => setFilter(e.target.value as ThreadFilter)}>
          {THREAD_FILTERS.map((f) => (
            <option key={f} value={f}>
              {W.filters[f]}
            </option>
          ))}
        </select>
        <span className="talk-count" role="status">
          {W.count(shown.length, discussion.threads.length)}
        </span>
      </div>
      {shown.length === 0 ? <p className="talk-none">{discussion.threads.length === 0 ? W.none : W.noneFiltered}</p> : null}
      <ol className="talk-threads">
        {shown.map((t) => (
          <li key={t.id}>
            <ThreadView thread={t} showTarget onGo={go} />
          </li>
        ))}
      </ol>
    </div>
  );
}
