/**
 * The hostile corpus: every file in tests/fixtures/hostile/cases.json goes
 * through importSnapshotText.
 *
 * cases.json lists { file, expect, imports, about }:
 *  - imports: false → the import must be refused, and `expect` must appear in
 *    the message;
 *  - imports: true → the import must succeed; `expect` (if not null) must
 *    appear in the repair notes, and if null there must be no repairs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { restoreRepairText } from '@/lib/messages/restore';
import { describe, expect, it } from 'vitest';
import { importSnapshotText } from '@/lib/io/snapshot';
import { importFailureMessage } from '@/lib/messages/snapshot';
import { refusal } from '../support/snapshots';
import { buildBriefMarkdown } from '@/lib/io/brief';

interface Case {
  file: string;
  expect: string | null;
  imports: boolean;
  about: string;
}

const DIR = path.resolve(__dirname, '../fixtures/hostile');
const cases = JSON.parse(readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as Case[];
const read = (file: string) => readFileSync(path.join(DIR, file), 'utf8');

describe('hostile corpus', () => {
  it('lists every kind of case the import must handle', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const r = importSnapshotText(read(c.file), { now: '2026-11-24T15:30:00.000Z' });
    if (!c.imports) {
      expect(r.ok, `${c.about} should be refused`).toBe(false);
      if (r.ok) return;
      const message = importFailureMessage(r.reason);
      expect(message).toContain(c.expect!);
      // One sentence: no line breaks, bounded length.
      expect(message).not.toMatch(/\n/);
      expect(message.length).toBeLessThan(400);
      return;
    }
    expect(refusal(r), c.about).toBe('ok');
    if (!r.ok) return;
    if (c.expect === null) expect(r.repairs).toEqual([]);
    else expect(r.repairs.map(restoreRepairText).join('\n')).toContain(c.expect);
  });

  it('keeps <script> and <img onerror> as inert text, and the brief escapes them', () => {
    const r = importSnapshotText(read('script-title.json'));
    if (!r.ok) throw new Error(refusal(r));
    const node = r.document.scenario.nodes.find((n) => n.id === 'mandatory-rationing')!;
    expect(node.title).toBe('Rationing <script>alert("owned")</script>');
    const brief = buildBriefMarkdown(r.document);
    expect(brief).not.toContain('<script>');
    expect(brief).toContain('Rationing \\<script\\>');

    const img = importSnapshotText(read('img-onerror.json'));
    if (!img.ok) throw new Error(refusal(img));
    const b2 = buildBriefMarkdown(img.document);
    expect(b2).not.toMatch(/(^|[^\\])<img/i);
    expect(b2).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it('keeps javascript: and data: links in notes on import; the brief neutralises them', () => {
    for (const file of ['javascript-link.json', 'data-link.json']) {
      const r = importSnapshotText(read(file));
      if (!r.ok) throw new Error(refusal(r));
      const note = r.document.annotations.nodes['mandatory-rationing']!.note;
      expect(note).toMatch(/javascript:|data:/);
      const brief = buildBriefMarkdown(r.document);
      // Only escaped (inert) forms remain: `\](javascript:` is text, not a link.
      expect(brief).not.toMatch(/(^|[^\\])\]\((javascript|data):/);
      expect(brief).not.toMatch(/(^|[^\\])<javascript:/);
    }
  });

  it('says a truncated file may be truncated, with line and column', () => {
    const r = importSnapshotText(read('truncated.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(importFailureMessage(r.reason)).toMatch(/^Not valid JSON: unexpected end of input .*at line \d+, column \d+ — the file may be truncated$/);
  });

  it('imports a BOM-prefixed file exactly like the same file without the BOM', () => {
    const withBom = importSnapshotText(read('bom.json'));
    const without = importSnapshotText(read('valid-snapshot.json'));
    expect(withBom).toEqual(without);
  });

  it('fills missing annotation fields with defaults', () => {
    const r = importSnapshotText(read('annotation-missing-fields.json'), { now: 'NOW' });
    if (!r.ok) throw new Error(refusal(r));
    expect(r.document.annotations.nodes['mandatory-rationing']).toEqual({
      note: 'Only a note',
      stance: 'open',
      likelihood: null,
      tags: [],
      updatedAt: 'NOW',
    });
  });

  it('refuses a file over 10 MB (generated at runtime) without parsing it', () => {
    const valid = read('valid-snapshot.json');
    const padding = ' '.repeat(10 * 1024 * 1024 + 2 - valid.length);
    const huge = valid.replace(/\n$/, padding);
    expect(huge.length).toBeGreaterThan(10 * 1024 * 1024);
    const t0 = performance.now();
    const r = importSnapshotText(huge);
    const ms = performance.now() - t0;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toEqual({ code: 'json', reason: { code: 'too-large', bytes: huge.length, maxBytes: 10 * 1024 * 1024 } });
    if (!r.ok) expect(importFailureMessage(r.reason)).toMatch(/^The file is too large \(10 MB\); Branchpoint reads files up to 10 MB$/);
    console.log(`refusing a ${(huge.length / 1048576).toFixed(2)} MB file took ${ms.toFixed(1)} ms`);
  });

  it('refuses a 40 MB file of multi-byte text by its UTF-8 size', () => {
    const r = importSnapshotText(`"${'é'.repeat(6 * 1024 * 1024)}"`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(importFailureMessage(r.reason)).toContain('The file is too large (12 MB)');
  });

  it('does not pollute Object.prototype', () => {
    for (const file of ['proto-key.json', 'constructor-key.json', 'prototype-key.json']) importSnapshotText(read(file));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
