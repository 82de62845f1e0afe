'use client';
/**
 * Comment threads (lib/team/comments): the threads on one branch, assumption
 * or quote with a form to start one (in the inspector), and one thread with
 * its comments, replies, resolve/reopen and dissent (also in the Discussion
 * tab). Comment text is the app's sanitised Markdown rendered as React
 * elements (components/Markdown), never as HTML. The store's actions refuse
 * what the analyst may not do (edit or delete another's comment, mark
 * another's thread as a dissent); the buttons for it are not offered.
 */
import { useId, useState, type FormEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectAnalyst, selectDiscussion, selectScenario } from '@/lib/store/selectors';
import { canEditComment, canMarkDissent, targetState, threadsOn, type Thread, type ThreadTarget } from '@/lib/team/comments';
import { DISCUSSION_WORDS as W, TARGET_NOUN } from '@/lib/messages/discussion';
import { Markdown } from '../Markdown';
import './team.css';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isFinite(d.getTime()) ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : iso;
};

/** The threads on one target and a form to start another. */
export function Threads({ target }: { target: ThreadTarget }) {
  const discussion = useApp(selectDiscussion);
  const threads = threadsOn(discussion, target);
  const noun = TARGET_NOUN[target.kind];
  return (
    <div className="talk" data-testid={`talk-${target.kind}-${target.id}`}>
      {threads.length === 0 ? <p className="talk-none">{W.none}</p> : null}
      <ol className="talk-threads">
        {threads.map((t) => (
          <li key={t.id}>
            <ThreadView thread={t} />
          </li>
        ))}
      </ol>
      <NewThread target={target} noun={noun} />
    </div>
  );
}

function NewThread({ target, noun }: { target: ThreadTarget; noun: string }) {
  const store = useAppStore();
  const [text, setText] = useState('');
  const [dissent, setDissent] = useState(false);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (store.getState().startThread(target, text, dissent)) {
      setText('');
      setDissent(false);
    }
  };
  return (
    <form className="talk-new" onSubmit={submit}>
      <label htmlFor={`${id}-text`}>{W.newThreadLabel(noun)}</label>
      <textarea id={`${id}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
      <label className="talk-check">
        <input type="checkbox" checked={dissent} onChange={(e) => setDissent(e.target.checked)} /> {W.dissentBox}
      </label>
      <button type="submit" disabled={!text.trim()}>
        {dissent ? W.postDissent : W.post}
      </button>
    </form>
  );
}

/** One thread: its marks, its comments (own ones editable), a reply box, resolve and dissent. */
export function ThreadView({ thread, showTarget = false, onGo }: { thread: Thread; showTarget?: boolean; onGo?: (nodeId: string) => void }) {
  const store = useAppStore();
  const me = useApp(selectAnalyst);
  const scenario = useApp(selectScenario);
  const [reply, setReply] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const id = useId();
  const noun = TARGET_NOUN[thread.target.kind];
  const state = targetState(scenario, thread.target);
  const mine = me ? canMarkDissent(thread, me.id) : false;
  const send = (e: FormEvent) => {
    e.preventDefault();
    const before = store.getState().document;
    store.getState().replyTo(thread.id, reply);
    if (store.getState().document !== before) setReply('');
  };
  const classes = ['talk-thread', thread.dissent ? 'is-dissent' : '', thread.resolved ? 'is-resolved' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} aria-labelledby={`${id}-head`} data-thread-id={thread.id}>
      <header id={`${id}-head`} className="talk-head">
        {thread.dissent ? <span className="talk-tag talk-tag-dissent">{W.dissent}</span> : null}
        <span className={thread.resolved ? 'talk-tag talk-tag-resolved' : 'talk-tag talk-tag-open'}>{thread.resolved ? W.resolved : W.open}</span>
        {showTarget ? (
          state.exists ? (
            onGo && thread.target.kind === 'node' ? (
              <button type="button" className="talk-link" onClick={() => onGo(thread.target.id)}>
                {W.onTarget(noun, state.label)}
              </button>
            ) : (
              <span className="talk-target">{W.onTarget(noun, state.label)}</span>
            )
          ) : (
            <span className="talk-target talk-removed">{W.onRemoved(noun)}</span>
          )
        ) : !state.exists ? (
          <span className="talk-target talk-removed">{W.onRemoved(noun)}</span>
        ) : null}
        <span className="talk-count">{W.thread(thread.comments.length)}</span>
      </header>
      <ol className="talk-comments">
        {thread.comments.map((c) => (
          <li key={c.id} className="talk-comment">
            <p className="talk-meta">
              <strong>{c.authorName}</strong> <time dateTime={c.at}>{when(c.at)}</time>
              {c.editedAt ? <span className="talk-edited"> ({W.edited})</span> : null}
            </p>
            {editing === c.id ? (
              <form
                className="talk-edit"
                onSubmit={(e) => {
                  e.preventDefault();
                  store.getState().editComment(thread.id, c.id, draft);
                  setEditing(null);
                }}
              >
                <label htmlFor={`${id}-edit-${c.id}`}>{W.editLabel}</label>
                <textarea id={`${id}-edit-${c.id}`} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={10_000} />
                <div className="talk-actions">
                  <button type="submit" disabled={!draft.trim()}>
                    {W.save}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {W.cancel}
                  </button>
                </div>
              </form>
            ) : (
              <Markdown source={c.text} className="talk-text" />
            )}
            {me && canEditComment(c, me.id) && editing !== c.id ? (
              <div className="talk-actions">
                <button
                  type="button"
                  onClick={() => {
                    setDraft(c.text);
                    setEditing(c.id);
                  }}
                >
                  {W.edit}
                </button>
                <button type="button" onClick={() => store.getState().deleteComment(thread.id, c.id)}>
                  {W.remove}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {thread.resolved ? <p className="talk-resolved">{W.resolvedBy(thread.resolved.byName, when(thread.resolved.at))}</p> : null}
      <form className="talk-reply" onSubmit={send}>
        <label htmlFor={`${id}-reply`}>{W.replyLabel}</label>
        <textarea id={`${id}-reply`} rows={1} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={10_000} />
        <div className="talk-actions">
          <button type="submit" disabled={!reply.trim()}>
            {W.replyButton}
          </button>
          <button type="button" onClick={() => store.getState().resolveThread(thread.id, !thread.resolved)}>
            {thread.resolved ? W.reopen : W.resolve}
          </button>
          {mine ? (
            <button type="button" onClick={() => store.getState().setThreadDissent(thread.id, !thread.dissent)}>
              {thread.dissent ? W.unmarkDissent : W.markDissent}
            </button>
          ) : null}
        </div>
      </form>
    </article>
  );
}

/** The threads on an assumption or a quote, folded away under "Comments (n)". */
export function TalkDisclosure({ target }: { target: ThreadTarget }) {
  const discussion = useApp(selectDiscussion);
  const threads = threadsOn(discussion, target);
  const open = threads.filter((t) => !t.resolved).length;
  return (
    <details className="talk-disclosure" data-testid={`talk-disclosure-${target.kind}-${target.id}`}>
      <summary>{W.disclosure(threads.length, open)}</summary>
      <Threads target={target} />
    </details>
  );
}
