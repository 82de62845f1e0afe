/**
 * Comments (lib/team/comments) through the store: threads, replies, resolve,
 * dissent, author-only edits, undo leaving comments and the audit trail
 * alone; the layer's restore from hostile input; snapshots carrying it.
 */
import { describe, it, expect } from 'vitest';
import { createAppStore } from '@/lib/store/store';
import { emptyAnnotations } from '@/lib/annotations/types';
import { shippedScenarios } from '@/lib/scenarios';
import type { WorkDocument } from '@/lib/doc/types';
import { discussionOf, openThreadCounts, restoreDiscussion, targetState, threadBranches, type Discussion } from '@/lib/team/comments';
import { auditOf } from '@/lib/team/audit';
import { buildSnapshot, importSnapshotText, serializeSnapshot } from '@/lib/io/snapshot';
import { restoreDocument } from '@/lib/io/restore';
import { restoreRepairText } from '@/lib/messages/restore';
import { buildBriefMarkdown } from '@/lib/io/brief';

const ALICE = { id: 'a-alice0000000', name: 'Alice' };
const BOB = { id: 'a-bob000000000', name: 'Bob' };

function base(): WorkDocument {
  const scenario = shippedScenarios()[0]!;
  return { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id };
}

function make(analyst = ALICE) {
  const clock = { t: Date.parse('2026-12-05T10:00:00.000Z') };
  const store = createAppStore({ docId: 'd', document: base(), now: () => (clock.t += 200), analyst });
  return store;
}

const threads = (s: ReturnType<typeof make>) => discussionOf(s.getState().document).threads;

describe('comments through the store', () => {
  it('starts a thread on a branch, takes replies in order, resolves and reopens it, naming who', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    const id = s.getState().startThread({ kind: 'node', id: node.id }, 'Is this **really** likely?');
    expect(id).not.toBe('');
    s.getState().setAnalyst(BOB);
    s.getState().replyTo(id, 'Yes: see the second source.');
    s.getState().setAnalyst(ALICE);
    s.getState().replyTo(id, 'Fair.');
    const [t] = threads(s);
    expect(t!.target).toEqual({ kind: 'node', id: node.id });
    expect(t!.comments.map((c) => [c.authorName, c.text])).toEqual([
      ['Alice', 'Is this **really** likely?'],
      ['Bob', 'Yes: see the second source.'],
      ['Alice', 'Fair.'],
    ]);
    s.getState().setAnalyst(BOB);
    s.getState().resolveThread(id, true);
    expect(threads(s)[0]!.resolved).toMatchObject({ byId: BOB.id, byName: 'Bob' });
    expect(openThreadCounts(discussionOf(s.getState().document), s.getState().document.scenario).get(node.id)).toBeUndefined();
    s.getState().resolveThread(id, false);
    expect(threads(s)[0]!.resolved).toBeNull();
    expect(openThreadCounts(discussionOf(s.getState().document), s.getState().document.scenario).get(node.id)).toBe(1);
    // Empty text is refused.
    expect(s.getState().startThread({ kind: 'node', id: node.id }, '   ')).toBe('');
  });

  it('a reply written in the same millisecond as what it answers, or on a clock running behind, still comes after it', () => {
    for (const step of [0, -5000]) {
      const clock = { t: Date.parse('2026-12-05T10:00:00.000Z') };
      const s = createAppStore({ docId: 'd', document: base(), now: () => (clock.t += step), analyst: ALICE });
      const node = s.getState().document.scenario.nodes[1]!;
      const id = s.getState().startThread({ kind: 'node', id: node.id }, 'First');
      for (const text of ['Second', 'Third', 'Fourth']) s.getState().replyTo(id, text);
      const [t] = threads(s);
      expect(t!.comments.map((c) => c.text)).toEqual(['First', 'Second', 'Third', 'Fourth']);
      const times = t!.comments.map((c) => Date.parse(c.at));
      expect(times.every((x, i) => i === 0 || x > times[i - 1]!)).toBe(true);
    }
  });

  it('lets only a comment’s author edit or delete it, and only a thread’s starter mark it as a dissent', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    const id = s.getState().startThread({ kind: 'node', id: node.id }, 'Original words');
    const commentId = threads(s)[0]!.comments[0]!.id;
    const before = s.getState().document;

    s.getState().setAnalyst(BOB);
    s.getState().editComment(id, commentId, 'Bob rewrites Alice');
    s.getState().deleteComment(id, commentId);
    s.getState().setThreadDissent(id, true);
    expect(s.getState().document).toBe(before); // refused: nothing changed, no audit entry

    s.getState().setAnalyst(ALICE);
    s.getState().setThreadDissent(id, true);
    expect(threads(s)[0]!.dissent).toBe(true);
    s.getState().editComment(id, commentId, 'Alice’s own change');
    expect(threads(s)[0]!.comments[0]).toMatchObject({ text: 'Alice’s own change', editedAt: expect.any(String) });
    s.getState().deleteComment(id, commentId);
    expect(threads(s)).toEqual([]); // the thread went with its last comment
  });

  it('undo never takes back a comment, and keeps every audit entry (appending its own)', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    s.getState().renameNode(node.id, 'Renamed once');
    s.getState().startThread({ kind: 'node', id: node.id }, 'Why the new name?');
    s.getState().undo();
    expect(s.getState().document.scenario.nodes[1]!.title).toBe(node.title);
    expect(threads(s)).toHaveLength(1);
    const whats = auditOf(s.getState().document).entries.map((e) => e.what);
    expect(whats).toEqual(['Rename “Renamed once”'.replace('Renamed once', node.title), 'Comment on branch “Renamed once”', `Undid: rename “${node.title}”`]);
    s.getState().redo();
    expect(auditOf(s.getState().document).entries).toHaveLength(4);
    expect(auditOf(s.getState().document).entries[3]!.what).toMatch(/^Redid: /);
    expect(threads(s)).toHaveLength(1);
  });

  it('makes no audit entry for session changes, one per undo step for typing', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    s.getState().select(node.id);
    s.getState().expandAll();
    s.getState().collapseAll();
    expect(auditOf(s.getState().document).entries).toEqual([]);
    for (const text of ['a', 'ab', 'abc']) s.getState().annotate('nodes', node.id, { note: text }, `note:${node.id}`);
    expect(s.getState().past).toHaveLength(1);
    const entries = auditOf(s.getState().document).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ analystId: ALICE.id, analystName: 'Alice', targets: [{ kind: 'node', id: node.id }] });
  });

  it('keeps a thread whose branch was removed, and says so', () => {
    const s = make();
    const scenario = s.getState().document.scenario;
    const leaf = scenario.nodes[scenario.nodes.length - 1]!;
    s.getState().startThread({ kind: 'node', id: leaf.id }, 'Words that must not be lost', true);
    s.getState().deleteSubtree(leaf.id);
    expect(threads(s)).toHaveLength(1);
    expect(targetState(s.getState().document.scenario, threads(s)[0]!.target)).toEqual({ exists: false, label: null });
    expect(threadBranches(s.getState().document.scenario, threads(s)[0]!.target)).toEqual([]);
    // It survives a save and a restore.
    const restored = restoreDocument(JSON.parse(JSON.stringify(s.getState().document)));
    expect(restored.ok && discussionOf(restored.document).threads[0]!.comments[0]!.text).toBe('Words that must not be lost');
  });

  it('an imported snapshot joins its comments and audit entries to the open document’s (none lost)', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    s.getState().startThread({ kind: 'node', id: node.id }, 'Mine');
    const other = make(BOB);
    other.getState().startThread({ kind: 'node', id: node.id }, 'Theirs');
    s.getState().replaceDocument(other.getState().document);
    expect(threads(s).map((t) => t.comments[0]!.text).sort()).toEqual(['Mine', 'Theirs']);
    const whats = auditOf(s.getState().document).entries.map((e) => e.what);
    expect(whats.filter((w) => w.startsWith('Comment on'))).toHaveLength(2);
    expect(whats[whats.length - 1]).toBe('Replace with snapshot');
  });
});

describe('the discussion layer in snapshots and the brief', () => {
  it('goes out and comes back with a snapshot; left out while empty', () => {
    const s = make();
    const plain = serializeSnapshot(buildSnapshot(s.getState().document, { expanded: [], selectedId: null, viewport: null }, { appVersion: 'test', now: '2026-12-05T00:00:00.000Z' }));
    expect(plain).not.toContain('"discussion"');
    expect(plain).not.toContain('"audit"');
    const node = s.getState().document.scenario.nodes[1]!;
    const id = s.getState().startThread({ kind: 'node', id: node.id }, '<img src=x onerror=alert(1)> kept as text', true);
    s.getState().resolveThread(id, true);
    const text = serializeSnapshot(buildSnapshot(s.getState().document, { expanded: [], selectedId: null, viewport: null }, { appVersion: 'test', now: '2026-12-05T00:00:00.000Z' }));
    const back = importSnapshotText(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.repairs).toEqual([]);
    expect(discussionOf(back.document)).toEqual(discussionOf(s.getState().document));
    expect(auditOf(back.document)).toEqual(auditOf(s.getState().document));
  });

  it('lists open threads and dissents under their branch in the brief', () => {
    const s = make();
    const node = s.getState().document.scenario.nodes.find((n) => n.kind === 'option')!;
    s.getState().startThread({ kind: 'node', id: node.id }, 'I disagree: the costs are understated.', true);
    const open = s.getState().startThread({ kind: 'node', id: node.id }, 'Check the date of the second report');
    s.getState().startThread({ kind: 'node', id: node.id }, 'Settled already');
    s.getState().resolveThread(threads(s)[2]!.id, true);
    const brief = buildBriefMarkdown(s.getState().document);
    expect(brief).toContain('Dissents');
    expect(brief).toContain('I disagree: the costs are understated.');
    expect(brief).toContain('Check the date of the second report');
    expect(brief).not.toContain('Settled already');
    expect(open).not.toBe('');
  });
});

describe('restoring the discussion layer from hostile input', () => {
  const good = {
    id: 't-1',
    target: { kind: 'node', id: 'n1' },
    dissent: true,
    resolved: null,
    comments: [
      { id: 'c-2', authorId: 'a-x', authorName: 'X', at: '2026-12-05T10:00:02.000Z', text: 'second' },
      { id: 'c-1', authorId: 'a-x', authorName: 'X', at: '2026-12-05T10:00:01.000Z', text: 'first' },
    ],
  };

  it('keeps readable threads (comments in time order) and drops the rest with a reason', () => {
    const raw = {
      threads: [
        good,
        'nonsense',
        { ...good, id: 't-1' }, // repeated id
        { ...good, id: 't-2', target: { kind: 'planet', id: 'x' } },
        { ...good, id: 't-3', comments: [{ id: 'c-9', authorId: 'a-x', authorName: 'X', at: 'yesterday', text: 'bad time' }] },
        { ...good, id: 't-4', resolved: { byId: '<script>', byName: 'x', at: '2026-12-05T10:00:00Z' } },
        { ...good, id: 'bad id with spaces' },
        { ...good, id: 't-5', comments: [{ id: 'c-5', authorId: 'a-x', authorName: 'X', at: '2026-12-05T10:00:01.000Z', text: 'ok' }, { id: 'c-6', text: 7 }] },
      ],
    };
    const r = restoreDiscussion(raw);
    expect(r.discussion.threads.map((t) => t.id)).toEqual(['t-1', 't-5']);
    expect(r.discussion.threads[0]!.comments.map((c) => c.text)).toEqual(['first', 'second']);
    expect(r.discussion.threads[0]!.dissent).toBe(true);
    const codes = r.repairs.map((x) => x.code);
    expect(codes.filter((c) => c === 'thread-dropped')).toHaveLength(6);
    expect(codes).toContain('comments-dropped');
    for (const x of r.repairs) expect(restoreRepairText(x)).toMatch(/^(dropped|kept|the )/);
  });

  it('refuses a layer of the wrong shape with a clear message, keeping the rest of the document', () => {
    for (const bad of [42, 'threads', [], { threads: 'no' }]) {
      const r = restoreDocument({ ...base(), discussion: bad });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.document.discussion).toBeUndefined();
      expect(r.repairs.map((x) => restoreRepairText(x))).toContain('the comments could not be read (expected an object with a list of threads) and were left out');
    }
  });

  it('drops control characters and cuts text at the limit', () => {
    const long = 'x'.repeat(20_000);
    const r = restoreDiscussion({ threads: [{ ...good, comments: [{ ...good.comments[0], text: `a\u0000b\u0007c ${long}` }] }] });
    const text = (r.discussion as Discussion).threads[0]!.comments[0]!.text;
    expect(text.startsWith('abc ')).toBe(true);
    expect(text.length).toBe(10_000);
  });
});

describe('the discussion in a comparison', () => {
  it('lists new threads, new comments, resolved threads and dissents', async () => {
    const { diffDocuments } = await import('@/lib/io/diff');
    const { describeDiffItem } = await import('@/lib/messages/diff');
    const s = make();
    const node = s.getState().document.scenario.nodes[1]!;
    const id = s.getState().startThread({ kind: 'node', id: node.id }, 'An old question');
    const earlier = s.getState().document;
    s.getState().replyTo(id, 'An answer');
    s.getState().resolveThread(id, true);
    s.getState().startThread({ kind: 'node', id: node.id }, 'A new objection', true);
    const lines = diffDocuments(earlier, s.getState().document).items.filter((i) => i.category === 'discussion').map(describeDiffItem);
    expect(lines).toEqual(['“An old question”: comments 1 → 2', '“An old question”: status open → resolved by Alice', '“A new objection” added']);
  });
});
