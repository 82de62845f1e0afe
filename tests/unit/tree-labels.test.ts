import { describe, it, expect } from 'vitest';
import { charWidthEm, createLabelMeasurer, ELLIPSIS, isWide, measureLabel, textWidth } from '@/lib/tree/labels';
import { createRng } from '@/lib/gen/generate';

describe('textWidth', () => {
  it('uses a proportional sans-serif table', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('i', 10)).toBeCloseTo(2.22, 5);
    expect(textWidth('W', 10)).toBeCloseTo(9.44, 5);
    expect(textWidth('0123456789', 10)).toBeCloseTo(55.6, 5);
    expect(textWidth('iiii')).toBeLessThan(textWidth('MMMM'));
    expect(textWidth('abc', 26)).toBeCloseTo(2 * textWidth('abc', 13), 9);
    expect(textWidth('abc', 13, 1.1)).toBeCloseTo(1.1 * textWidth('abc', 13), 9);
  });

  it('treats CJK as full width, accents as their base letter, marks as zero', () => {
    expect(textWidth('中', 13)).toBe(13);
    expect(textWidth('한국', 10)).toBe(20);
    expect(isWide('中'.codePointAt(0)!)).toBe(true);
    expect(isWide('a'.codePointAt(0)!)).toBe(false);
    expect(textWidth('é')).toBeCloseTo(textWidth('e'), 9);
    expect(textWidth('Zürich')).toBeCloseTo(textWidth('Zurich'), 9);
    expect(textWidth('e\u0301')).toBeCloseTo(textWidth('e'), 9);
    expect(charWidthEm(0x200b)).toBe(0);
    expect(textWidth('😀', 10)).toBeCloseTo(11.5, 5); // one code point, not two halves
    expect(textWidth('…', 10)).toBe(10);
  });
});

describe('measureLabel', () => {
  const opts = { fontSize: 13, maxWidth: 200, maxLines: 2, lineHeight: 17 };

  it('keeps a short title on one line', () => {
    const box = measureLabel('Negotiate a ceasefire', opts);
    expect(box.lines).toEqual(['Negotiate a ceasefire']);
    expect(box.truncated).toBe(false);
    expect(box.width).toBeCloseTo(textWidth('Negotiate a ceasefire', 13), 9);
    expect(box.height).toBe(17);
  });

  it('wraps at spaces into two lines within the max width', () => {
    const title = 'Withdraw from the border crossing before winter with UN backing';
    const box = measureLabel(title, opts);
    expect(box.lines.length).toBe(2);
    expect(box.truncated).toBe(false);
    expect(box.lines.join(' ')).toBe(title);
    for (const line of box.lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(200);
    // Greedy: the first word of line 2 would not have fit on line 1.
    const firstWord = box.lines[1]!.split(' ')[0]!;
    expect(textWidth(`${box.lines[0]} ${firstWord}`, 13)).toBeGreaterThan(200);
    expect(box.width).toBeCloseTo(Math.max(...box.lines.map((l) => textWidth(l, 13))), 9);
    expect(box.height).toBe(34);
  });

  it('truncates with an ellipsis after the last allowed line', () => {
    const title =
      'Open talks on the election timetable after the referendum despite opposition from hard-liners in the ruling party and the army';
    const box = measureLabel(title, opts);
    expect(box.lines.length).toBe(2);
    expect(box.truncated).toBe(true);
    expect(box.lines[1]!.endsWith(ELLIPSIS)).toBe(true);
    for (const line of box.lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(200 + 1e-9);
    const shown = `${box.lines[0]} ${box.lines[1]!.slice(0, -1)}`;
    expect(title.startsWith(shown)).toBe(true);

    const three = measureLabel(title, { ...opts, maxLines: 3 });
    expect(three.lines.length).toBe(3);
    const one = measureLabel(title, { ...opts, maxLines: 1 });
    expect(one.lines.length).toBe(1);
    expect(one.truncated).toBe(true);
    expect(one.lines[0]!.endsWith(ELLIPSIS)).toBe(true);
    expect(textWidth(one.lines[0]!, 13)).toBeLessThanOrEqual(200 + 1e-9);
  });

  it('breaks a word longer than a line', () => {
    const word = 'Antidisestablishmentarianism'.repeat(3);
    const box = measureLabel(word, { ...opts, maxWidth: 120, maxLines: 8 });
    expect(box.lines.length).toBeGreaterThan(3);
    for (const line of box.lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(120);
    expect(box.truncated).toBe(false);
    expect(box.lines.join('')).toBe(word);
  });

  it('breaks after hyphens', () => {
    const box = measureLabel('power-sharing-arrangement-negotiations', { ...opts, maxWidth: 150 });
    expect(box.lines[0]!.endsWith('-')).toBe(true);
    expect(box.lines.join('')).toBe('power-sharing-arrangement-negotiations');
  });

  it('wraps CJK text without spaces', () => {
    const title = '北京会谈的停火协议在冬季之前达成并由联合国监督执行';
    const box = measureLabel(title, { ...opts, maxWidth: 130 });
    expect(box.lines.length).toBe(2);
    expect(box.lines[0]!.length).toBe(10); // 10 × 13px = 130
    expect(box.truncated).toBe(true);
    expect(box.lines[1]!.endsWith(ELLIPSIS)).toBe(true);
  });

  it('does not split surrogate pairs', () => {
    const title = '😀'.repeat(40);
    const box = measureLabel(title, { ...opts, maxWidth: 100 });
    for (const line of box.lines) expect(line.replace(ELLIPSIS, '')).toMatch(/^(?:\u{1F600})*$/u);
  });

  it('normalises whitespace and handles empty titles', () => {
    expect(measureLabel('  two   words\n', opts).lines).toEqual(['two words']);
    const empty = measureLabel('', opts);
    expect(empty).toEqual({ lines: [''], width: 0, height: 17, truncated: false });
  });

  it('never exceeds the width or line count, and is deterministic (random titles)', () => {
    const rng = createRng(99);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-/éüßø中文한국’“”😀';
    const chars = [...alphabet];
    for (let t = 0; t < 500; t++) {
      let s = '';
      const len = Math.floor(rng() * 120);
      for (let i = 0; i < len; i++) s += chars[Math.floor(rng() * chars.length)]!;
      const maxWidth = 40 + Math.floor(rng() * 200);
      const maxLines = 1 + Math.floor(rng() * 3);
      const box = measureLabel(s, { fontSize: 12, maxWidth, maxLines });
      expect(box.lines.length).toBeGreaterThanOrEqual(1);
      expect(box.lines.length).toBeLessThanOrEqual(maxLines);
      for (const line of box.lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(maxWidth + 1e-6);
      expect(box.width).toBeLessThanOrEqual(maxWidth + 1e-6);
      if (!box.truncated) expect(box.lines.join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
      expect(measureLabel(s, { fontSize: 12, maxWidth, maxLines })).toEqual(box);
    }
  });

  it('caches by title in createLabelMeasurer', () => {
    const measure = createLabelMeasurer(opts);
    const a = measure('Reinforce the capital garrison quietly and in phases');
    expect(measure('Reinforce the capital garrison quietly and in phases')).toBe(a);
    expect(a).toEqual(measureLabel('Reinforce the capital garrison quietly and in phases', opts));
  });
});
