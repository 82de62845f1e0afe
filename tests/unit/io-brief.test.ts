import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { emptyAnnotations } from '@/lib/annotations/types';
import type { WorkDocument } from '@/lib/doc/types';
import { buildBriefMarkdown } from '@/lib/io/brief';
import { escapeBlock, escapeInline, isSafeLinkDestination, sanitizeNoteMarkdown } from '@/lib/io/markdown';
import { validSnapshotDocument } from '../support/snapshots';

const FIX = path.resolve(__dirname, '../fixtures');
const scenario = (): Scenario => JSON.parse(readFileSync(path.join(FIX, 'valid-small-scenario.json'), 'utf8')) as Scenario;
const annotatedDoc = validSnapshotDocument;

describe('buildBriefMarkdown', () => {
  it('says which branches rest on an assumption being false, which quotes count against, and what a judgement weakens on each side', () => {
    const shipped = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
    const base: WorkDocument = { scenario: shipped, annotations: emptyAnnotations(), shippedFrom: null };
    const md = buildBriefMarkdown(base);
    const waiting = md.slice(md.indexOf('### 1. Wait for the Afghan Taliban'), md.indexOf('### 2. '));
    expect(waiting).toMatch(/- The Afghan Taliban may be unwilling or unable[^\n]* — \*this branch rests on it being false\* — Key Assumptions Check/);
    expect(waiting).toContain('> **Against:** “The Taliban’s response so far is nothing but lukewarm.”');
    expect(waiting).not.toContain('**Against:** “Presumably');
    const solid = { ...base, annotations: { ...base.annotations, assumptions: { 'taliban-unwilling-or-unable': { status: 'solid' as const, rationale: '', undermine: '', updatedAt: '' } } } };
    expect(buildBriefMarkdown(solid)).toMatch(/\(\*\*Solid\*\*\) — weakens what rests on it being false: option Wait for the Afghan Taliban to act against the TTP/);
    const broken = { ...base, annotations: { ...base.annotations, assumptions: { 'taliban-unwilling-or-unable': { status: 'broken' as const, rationale: '', undermine: '', updatedAt: '' } } } };
    const line = buildBriefMarkdown(broken).split('\n').find((l) => l.includes('(**Broken**)'))!;
    expect(line).toContain('weakens options Plan for the worst case: a hedge, up to kinetic action against the TTP in Kunar');
    expect(line).not.toContain('Wait for the Afghan Taliban');
  });

  it('puts the bottom line first, then the question, then the options', () => {
    const md = buildBriefMarkdown(annotatedDoc());
    expect(md.startsWith("# Riverton's drought response\n\n## Bottom line\n\nFavoured option:\n\n")).toBe(true);
    const order = ['## Bottom line', '## The question', '## The decision: Respond to the drought', '## Options', '### 1. Mandatory rationing', '### 2. Voluntary conservation campaign', '### 3. Emergency pipeline from the Hale', '#### 3.1. Pipeline is delayed past August', '##### 3.1.1. Rationing anyway, later and harsher'];
    let last = -1;
    for (const h of order) {
      const at = md.indexOf(`\n${h}\n`);
      expect(at, h).toBeGreaterThan(last);
      last = at;
    }
  });

  it('says which option is favoured and why, with its likelihood', () => {
    const md = buildBriefMarkdown(annotatedDoc());
    expect(md).toContain('- **Mandatory rationing** — Likely (55–80%). Best balance of certainty and cost.\n');
    expect(md).toContain('Rejected: Voluntary conservation campaign.');
    expect(md).toContain('- Households will cut use by a fifth without penalties. (**Unsupported**) — weakens option Voluntary conservation campaign\n');
  });

  it('says so when nothing is favoured', () => {
    const md = buildBriefMarkdown({ scenario: scenario(), annotations: emptyAnnotations(), shippedFrom: null });
    expect(md).toContain('## Bottom line\n\nNo option is marked as favoured yet.\n');
  });

  it('lists assumptions with their check, risks with severity and analyst ratings, indicators with state', () => {
    const md = buildBriefMarkdown(annotatedDoc());
    expect(md).toContain(
      "- Households will cut use by a fifth without penalties. — Key Assumptions Check: **Unsupported**. Rationale: Last summer's appeal cut use by 8 per cent.\n" +
        '  > “Last summer\'s appeal cut use by about 8 per cent, and only for three weeks.” (¶ 9) — *Water utility briefing to councillors*',
    );
    expect(md).toContain('- The pipeline can be laid by July. — Key Assumptions Check: **Unreviewed**');
    expect(md).toContain('- Abstraction from the Hale cuts water to valley farms. — severity: high; analyst: likelihood medium, impact high. Mitigation: Cap abstraction at a fifth of the flow.');
    expect(md).toContain('- Reservoir falls below 30 per cent of capacity. — Emerging (last checked 2026-11-20)');
    expect(md).toContain('- Weekly household use falls by 15 per cent or more. — Not seen');
    expect(md).toContain('*Option* · Stance: **Favoured** · Likelihood: Likely (55–80%) · Tags: water');
  });

  it('quotes evidence with paragraph numbers', () => {
    const md = buildBriefMarkdown(annotatedDoc());
    expect(md).toContain('**Evidence**\n\n> “The reservoir stands at 41 per cent of capacity, the lowest March figure on record.” (¶ 4) — *Riverton City Council minutes, 3 March*\n\n> “Last summer');
  });

  it('includes notes as Markdown, keeping safe links', () => {
    const md = buildBriefMarkdown(annotatedDoc());
    expect(md).toContain("**Analyst's note**\n\nBest balance of certainty and cost.\n\nSee the [utility data](https://example.org/riverton).");
  });

  it('escapes user text so titles and quotes cannot inject links or HTML', () => {
    const doc = annotatedDoc();
    const s = doc.scenario;
    s.title = '# [Click](javascript:alert(1)) <b>bold</b>';
    s.nodes[1]!.title = '<img src=x onerror=alert(1)> *star* | pipe';
    s.evidence[0]!.quote = 'A quote with [a link](https://evil.example) & <script>';
    const md = buildBriefMarkdown(doc);
    expect(md.startsWith('# \\# \\[Click\\](javascript:alert(1)) \\<b\\>bold\\</b\\>\n')).toBe(true);
    expect(md).toContain('### 1. \\<img src=x onerror=alert(1)\\> \\*star\\* \\| pipe');
    expect(md).toContain('> “A quote with \\[a link\\](https://evil.example) \\& \\<script\\>” (¶ 4)');
    expect(md).not.toMatch(/(^|[^\\])<(img|script|b)\b/);
  });

  it('strips HTML and neutralises javascript:/data: links in notes', () => {
    const doc = annotatedDoc();
    doc.annotations.nodes['mandatory-rationing']!.note =
      'Why: <img src=x onerror=alert(1)>[click](javascript:alert(1)) and ![pic](data:image/svg+xml;base64,PHN2Zz4=) <script>alert(2)</script>';
    const md = buildBriefMarkdown(doc);
    expect(md).not.toMatch(/<img|<script/);
    expect(md).toContain('[click\\](javascript:alert(1))');
    expect(md).toContain('![pic\\](data:image/svg+xml;base64,PHN2Zz4=)');
  });

  it('handles a 10,000-deep chain without recursion and caps heading levels', () => {
    const s = scenario();
    const base = s.nodes[0]!;
    const nodes: Scenario['nodes'] = [base];
    for (let i = 1; i < 10_000; i++) {
      nodes.push({ ...base, id: `d-${i}`, parentId: i === 1 ? base.id : `d-${i - 1}`, kind: 'outcome', title: `Level ${i}`, evidenceIds: [], indicatorIds: [], contextIds: [], actorIds: [] });
    }
    const doc: WorkDocument = { scenario: { ...s, nodes }, annotations: emptyAnnotations(), shippedFrom: null };
    const md = buildBriefMarkdown(doc, indexTree(doc.scenario));
    expect(md).toContain('### 1. Level 1\n');
    expect(md).toContain('###### 1.1.1.1.1.1. Level 6\n');
    expect(md).toContain('###### Level 7 (level 7)\n');
    expect(md).toContain('###### Level 9999 (level 9999)\n');
    expect(md).not.toMatch(/#######/);
  });
});

describe('Markdown safety helpers', () => {
  it('escapeInline escapes inline syntax and line-start constructs', () => {
    expect(escapeInline('a_b *c* [d](e) <f> `g` | ~h~ & i')).toBe('a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\| \\~h\\~ \\& i');
    expect(escapeInline('# heading')).toBe('\\# heading');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('> quote')).toBe('\\> quote');
    expect(escapeInline('1. first')).toBe('1\\. first');
    expect(escapeInline('2) second')).toBe('2\\) second');
    expect(escapeInline('line\nbreak')).toBe('line break');
    expect(escapeInline('U.S. (2021) - ok!')).toBe('U.S. (2021) - ok!');
  });

  it('escapeBlock keeps paragraphs and escapes each line', () => {
    expect(escapeBlock('# one\n\n\n\n- two\n   three')).toBe('\\# one\n\n\\- two\nthree');
  });

  it.each([
    ['https://example.org/x', true],
    ['http://example.org', true],
    ['mailto:a@example.org', true],
    ['#section', true],
    ['/relative/path', true],
    ['notes/page.md', true],
    ['./a:b', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['<javascript:alert(1)>', false],
    ['java&#115;cript:alert(1)', false],
    ['javascript&colon;alert(1)', false],
    ['javascript&#x3A;alert(1)', false],
    ['java\\script:alert(1)', false],
    ['javascript&unknownentity;alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['DATA:image/png;base64,AAAA', false],
    ['vbscript:msgbox', false],
    ['file:///etc/passwd', false],
    ['a:b', false],
  ])('isSafeLinkDestination(%j) is %s', (dest, safe) => {
    expect(isSafeLinkDestination(dest)).toBe(safe);
  });

  it('sanitizeNoteMarkdown keeps ordinary Markdown as it is', () => {
    const md = '## Heading\n\n- **bold** and _it_\n- [link](https://example.org "title")\n\n> quote\n\n<https://example.org>';
    expect(sanitizeNoteMarkdown(md)).toBe(md);
  });

  it('sanitizeNoteMarkdown removes HTML, including nested and multi-line tricks', () => {
    expect(sanitizeNoteMarkdown('a <b>bold</b> c')).toBe('a bold c');
    expect(sanitizeNoteMarkdown('<scr<script>ipt>alert(1)</script>')).toBe('alert(1)');
    expect(sanitizeNoteMarkdown('x <img src=x\nonerror=alert(1)>')).toBe('x \\<img src=x\nonerror=alert(1)>');
    expect(sanitizeNoteMarkdown('<!-- hidden --> shown')).toBe(' shown');
    expect(sanitizeNoteMarkdown('<javascript:alert(1)>')).toBe('\\<javascript:alert(1)>');
    expect(sanitizeNoteMarkdown('a < b and 3<4')).toBe('a < b and 3<4');
  });

  it('sanitizeNoteMarkdown neutralises unsafe inline links, images and reference definitions', () => {
    expect(sanitizeNoteMarkdown('[x](javascript:alert(1))')).toBe('[x\\](javascript:alert(1))');
    expect(sanitizeNoteMarkdown('[x]( <javascript:alert(1)> )')).toBe('[x\\]( \\<javascript:alert(1)> )');
    expect(sanitizeNoteMarkdown('[x](\njavascript:alert(1))')).toBe('[x\\](\njavascript:alert(1))');
    expect(sanitizeNoteMarkdown('![i](data:image/png;base64,AA)')).toBe('![i\\](data:image/png;base64,AA)');
    expect(sanitizeNoteMarkdown('[r]: javascript:alert(1)\n\n[go][r]')).toBe('\\[r]: javascript:alert(1)\n\n[go][r]');
    expect(sanitizeNoteMarkdown('[r]:\n  data:text/html,x')).toBe('\\[r]:\n  data:text/html,x');
    expect(sanitizeNoteMarkdown('[ok]: https://example.org')).toBe('[ok]: https://example.org');
  });

  it('sanitizeNoteMarkdown leaves fenced code alone', () => {
    const md = '```html\n<script>alert(1)</script>\n[x](javascript:y)\n```\n<b>after</b>';
    expect(sanitizeNoteMarkdown(md)).toBe('```html\n<script>alert(1)</script>\n[x](javascript:y)\n```\nafter');
  });
});
