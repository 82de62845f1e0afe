/**
 * A Markdown brief of a working document, in the order a reader wants it:
 * the bottom line (favoured options and why), the question, then each option
 * with its sub-branches, assumptions (with Key Assumptions Check status),
 * risks, indicators, the analyst's notes and the evidence quoted.
 *
 * User text is escaped (titles, statements, quotes) or sanitised (notes,
 * which are Markdown): no raw HTML, no `javascript:`/`data:` links.
 * Loops only; deep trees cap heading levels at 6.
 */
import type { Scenario, ScenarioNode } from '@/lib/model/schema';
import { indexTree, type TreeIndex } from '@/lib/model/tree';
import { RECORD_KINDS, own, type AnyRecordKind } from '@/lib/records';
import { nodeKind } from '@/lib/records/node';
import { KIND_LABEL } from '@/lib/messages/card';
import { evidenceKind } from '@/lib/records/evidence';
import { ASSUMPTION_STATUS_LABEL, likelihoodText } from '@/lib/annotations/vocab';
import { assumptionReach, sideOf } from '@/lib/doc/affected';
import { RESTS_ON_NEGATION } from '@/lib/messages/kac';
import type { SharedKind } from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { escapeBlock, escapeInline, sanitizeNoteMarkdown } from './markdown';
import { briefAnalysis } from './brief-analysis';
import { briefJudgements } from './brief-judgements';
import { branchDiscussionLines, briefThreads, removedDiscussionLines } from './brief-discussion';

function firstParagraph(markdown: string): string {
  const text = markdown.replace(/\r\n?/g, '\n').trim();
  const end = text.search(/\n[ \t]*\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\s*\n\s*/g, ' ');
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const x of list) m.set(x.id, x);
  return m;
}

interface Lookups {
  scenario: Scenario;
  evidence: Map<string, Scenario['evidence'][number]>;
  sources: Map<string, Scenario['sources'][number]>;
  /** The discussion's dissents and open threads by branch (lib/io/brief-discussion.ts). */
  talk: ReturnType<typeof briefThreads>;
}

/** The quotes a record or branch cites, and which of them undermine it. */
type EvidenceHolder = Pick<ScenarioNode, 'evidenceIds' | 'underminingEvidenceIds'>;

/**
 * `> “quote” (¶ 27) — Source · credibility 2 (Probably true)` lines, indented for use inside a list item if `indent`;
 * a quote that undermines what cites it opens with "Against:".
 */
function quoteLines(doc: WorkDocument, l: Lookups, holder: EvidenceHolder, indent: string): string[] {
  const out: string[] = [];
  const against = new Set(holder.underminingEvidenceIds);
  for (const id of holder.evidenceIds) {
    const e = l.evidence.get(id);
    if (!e) continue;
    const source = l.sources.get(e.sourceId);
    const from = source ? ` — *${escapeInline(source.title)}*` : '';
    const graded = evidenceKind.brief(e, own(doc.annotations.evidence, id), escapeInline);
    const dir = against.has(id) ? '**Against:** ' : '';
    out.push(`${indent}> ${dir}“${escapeInline(e.quote)}” (¶ ${e.paragraph})${from}${graded ? ` · ${graded}` : ''}`);
  }
  return out;
}

/** The shared records on a branch, in the brief's order, with their heading. */
const SHARED_SECTIONS: ReadonlyArray<{ kind: SharedKind; ids: 'assumptionIds' | 'riskIds' | 'indicatorIds'; heading: string }> = [
  { kind: 'assumptions', ids: 'assumptionIds', heading: '**Assumptions**' },
  { kind: 'risks', ids: 'riskIds', heading: '**Risks**' },
  { kind: 'indicators', ids: 'indicatorIds', heading: '**Indicators**' },
];

function nodeBlock(doc: WorkDocument, l: Lookups, node: ScenarioNode, heading: string): string[] {
  const a = doc.annotations;
  const out: string[] = [heading, ''];
  const note = own(a.nodes, node.id);
  const judged = nodeKind.brief(node, note, escapeInline);
  out.push([`*${KIND_LABEL[node.kind]}*`, ...(judged ? [judged] : [])].join(' · '), '');
  if (node.summary.trim()) out.push(escapeBlock(node.summary), '');

  for (const section of SHARED_SECTIONS) {
    const ids = node[section.ids];
    if (ids.length === 0) continue;
    const def = RECORD_KINDS[section.kind] as unknown as AnyRecordKind;
    const byId = new Map(doc.scenario[section.kind].map((r) => [r.id, r] as const));
    out.push(section.heading, '');
    for (const id of ids) {
      const r = byId.get(id) as ({ id: string; statement: string } & EvidenceHolder) | undefined;
      if (!r) continue;
      const judgement = def.brief(r as unknown as Parameters<AnyRecordKind['brief']>[0], own(a[section.kind] as Record<string, { updatedAt: string }>, id), escapeInline);
      const negated = section.kind === 'assumptions' && sideOf(node, id) === 'fails' ? ` — *${RESTS_ON_NEGATION}*` : '';
      out.push(`- ${escapeInline(r.statement)}${negated} — ${judgement}`, ...quoteLines(doc, l, r, '  '));
    }
    out.push('');
  }
  if (note && note.note.trim()) {
    out.push("**Analyst's note**", '', sanitizeNoteMarkdown(note.note.trim()), '');
  }
  if (node.evidenceIds.length > 0) {
    out.push('**Evidence**', '');
    const quotes = quoteLines(doc, l, node, '');
    for (let i = 0; i < quotes.length; i++) {
      out.push(quotes[i]!);
      if (i < quotes.length - 1) out.push('');
    }
    out.push('');
  }
  out.push(...branchDiscussionLines(doc, l.talk.byNode.get(node.id)));
  return out;
}

/** Builds the brief. Pass the tree index if you have one. */
export function buildBriefMarkdown(document: WorkDocument, index?: TreeIndex): string {
  const s = document.scenario;
  const idx = index ?? indexTree(s);
  const a = document.annotations;
  const l: Lookups = { scenario: s, evidence: byId(s.evidence), sources: byId(s.sources), talk: briefThreads(document) };
  const out: string[] = [`# ${escapeInline(s.title)}`, ''];

  // Bottom line.
  out.push('## Bottom line', '');
  const favoured: ScenarioNode[] = [];
  const rejected: ScenarioNode[] = [];
  for (const n of idx.preorder) {
    const ann = own(a.nodes, n.id);
    if (ann?.stance === 'favoured') favoured.push(n);
    else if (ann?.stance === 'rejected') rejected.push(n);
  }
  if (favoured.length === 0) {
    out.push('No option is marked as favoured yet.', '');
  } else {
    out.push(favoured.length === 1 ? 'Favoured option:' : `Favoured options (${favoured.length}):`, '');
    for (const n of favoured) {
      const ann = own(a.nodes, n.id)!;
      let line = `- **${escapeInline(n.title)}**`;
      if (ann.likelihood) line += ` — ${likelihoodText(ann.likelihood)}`;
      const why = firstParagraph(sanitizeNoteMarkdown(ann.note));
      line += why ? `. ${why}` : '. (No note explains why.)';
      out.push(line);
    }
    out.push('');
  }
  if (rejected.length > 0) out.push(`Rejected: ${rejected.map((n) => escapeInline(n.title)).join('; ')}.`, '');
  const breaking = assumptionReach(document, idx).filter((r) => r.breaking);
  if (breaking.length > 0) {
    const title = (id: string) => escapeInline(idx.byId.get(id)?.title ?? id);
    out.push('Judgements that weaken branches (a branch resting on an assumption weakens when it is judged unsupported or broken; one resting on its being false weakens when it is judged solid):', '');
    for (const r of breaking) {
      const opts = r.weakenedOptions;
      const side = r.weakened === 'fails' ? ' — weakens what rests on it being false:' : ' — weakens';
      const where = opts.length ? `${side} ${opts.length === 1 ? 'option' : 'options'} ${opts.map(title).join('; ')}` : '';
      const deeper = r.weakenedBranches.filter((b) => !opts.includes(b));
      const rests = deeper.length ? ` (through ${deeper.map(title).join('; ')})` : '';
      out.push(`- ${escapeInline(r.assumption.statement)} (**${ASSUMPTION_STATUS_LABEL[r.status]}**)${where}${rests}`);
    }
    out.push('');
  }

  // The question.
  out.push('## The question', '', escapeBlock(s.question), '');
  if (s.summary.trim()) out.push(escapeBlock(s.summary), '');
  const dm = s.actors.find((x) => x.id === s.decisionMakerId);
  if (dm) out.push(`Decision-maker: ${escapeInline(dm.name)}`, '');

  // The decision analysis, when the analyst recorded one (lib/io/brief-analysis.ts).
  const analysis = briefAnalysis(document);
  if (analysis) out.push(...analysis.lines);
  // Where the team disagrees, when analysts recorded their own judgements (lib/io/brief-judgements.ts).
  const team = briefJudgements(document);
  if (team) out.push(...team);

  // The root decision's own material, then each option with its sub-branches.
  out.push(...nodeBlock(document, l, idx.root, `## The decision: ${escapeInline(idx.root.title)}`));
  const options = idx.children.get(idx.root.id) ?? [];
  if (options.length > 0) out.push('## Options', '');
  for (let i = 0; i < options.length; i++) {
    const stack: Array<{ node: ScenarioNode; depth: number; label: string }> = [
      { node: options[i]!, depth: 0, label: String(i + 1) },
    ];
    while (stack.length > 0) {
      const { node, depth, label } = stack.pop()!;
      const level = Math.min(3 + depth, 6);
      // Numbered to six levels ("1.2.1.3.1.2"); deeper branches say their level instead.
      const heading = label ? `${label}. ${escapeInline(node.title)}` : `${escapeInline(node.title)} (level ${depth + 1})`;
      out.push(...nodeBlock(document, l, node, `${'#'.repeat(level)} ${heading}`));
      const kids = idx.children.get(node.id) ?? [];
      for (let k = kids.length - 1; k >= 0; k--) {
        stack.push({ node: kids[k]!, depth: depth + 1, label: label && depth < 5 ? `${label}.${k + 1}` : '' });
      }
    }
  }
  out.push(...removedDiscussionLines(document, l.talk.removed));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
