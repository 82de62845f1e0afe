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
import { own } from '@/lib/annotations/types';
import {
  ASSUMPTION_STATUS_LABEL,
  INDICATOR_STATE_LABEL,
  STANCE_LABEL,
  isBreaking,
  likelihoodText,
} from '@/lib/annotations/vocab';
import type { WorkDocument } from '@/lib/doc/types';
import { escapeBlock, escapeInline, sanitizeNoteMarkdown } from './markdown';

const KIND_LABEL: Record<ScenarioNode['kind'], string> = {
  decision: 'Decision',
  option: 'Option',
  chance: 'Chance',
  outcome: 'Outcome',
};

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
  assumptions: Map<string, Scenario['assumptions'][number]>;
  risks: Map<string, Scenario['risks'][number]>;
  indicators: Map<string, Scenario['indicators'][number]>;
  evidence: Map<string, Scenario['evidence'][number]>;
  sources: Map<string, Scenario['sources'][number]>;
}

/** `> “quote” (¶ 27) — Source` lines, indented for use inside a list item if `indent`. */
function quoteLines(l: Lookups, ids: readonly string[], indent: string): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const e = l.evidence.get(id);
    if (!e) continue;
    const source = l.sources.get(e.sourceId);
    const from = source ? ` — *${escapeInline(source.title)}*` : '';
    out.push(`${indent}> “${escapeInline(e.quote)}” (¶ ${e.paragraph})${from}`);
  }
  return out;
}

function nodeBlock(doc: WorkDocument, l: Lookups, node: ScenarioNode, heading: string): string[] {
  const a = doc.annotations;
  const out: string[] = [heading, ''];
  const note = own(a.nodes, node.id);
  const meta = [`*${KIND_LABEL[node.kind]}*`];
  if (note) {
    if (note.stance !== 'open') meta.push(`Stance: **${STANCE_LABEL[note.stance]}**`);
    if (note.likelihood) meta.push(`Likelihood: ${likelihoodText(note.likelihood)}`);
    if (note.tags.length > 0) meta.push(`Tags: ${note.tags.map(escapeInline).join(', ')}`);
  }
  out.push(meta.join(' · '), '');
  if (node.summary.trim()) out.push(escapeBlock(node.summary), '');

  if (node.assumptionIds.length > 0) {
    out.push('**Assumptions**', '');
    for (const id of node.assumptionIds) {
      const as = l.assumptions.get(id);
      if (!as) continue;
      const check = own(a.assumptions, id);
      let line = `- ${escapeInline(as.statement)} — Key Assumptions Check: **${ASSUMPTION_STATUS_LABEL[check?.status ?? 'unreviewed']}**`;
      if (check?.rationale.trim()) line += `. Rationale: ${escapeInline(check.rationale)}`;
      if (check?.undermine.trim()) line += `. What would undermine it: ${escapeInline(check.undermine)}`;
      out.push(line, ...quoteLines(l, as.evidenceIds, '  '));
    }
    out.push('');
  }
  if (node.riskIds.length > 0) {
    out.push('**Risks**', '');
    for (const id of node.riskIds) {
      const r = l.risks.get(id);
      if (!r) continue;
      const ra = own(a.risks, id);
      let line = `- ${escapeInline(r.statement)} — severity: ${r.severity}`;
      const judged: string[] = [];
      if (ra?.likelihood) judged.push(`likelihood ${ra.likelihood}`);
      if (ra?.impact) judged.push(`impact ${ra.impact}`);
      if (judged.length > 0) line += `; analyst: ${judged.join(', ')}`;
      if (ra?.mitigation.trim()) line += `. Mitigation: ${escapeInline(ra.mitigation)}`;
      out.push(line, ...quoteLines(l, r.evidenceIds, '  '));
    }
    out.push('');
  }
  if (node.indicatorIds.length > 0) {
    out.push('**Indicators**', '');
    for (const id of node.indicatorIds) {
      const ind = l.indicators.get(id);
      if (!ind) continue;
      const ia = own(a.indicators, id);
      let line = `- ${escapeInline(ind.statement)} — ${INDICATOR_STATE_LABEL[ia?.state ?? 'not-seen']}`;
      if (ia?.lastChecked) line += ` (last checked ${ia.lastChecked})`;
      if (ia?.note.trim()) line += `. ${escapeInline(ia.note)}`;
      out.push(line, ...quoteLines(l, ind.evidenceIds, '  '));
    }
    out.push('');
  }
  if (note && note.note.trim()) {
    out.push("**Analyst's note**", '', sanitizeNoteMarkdown(note.note.trim()), '');
  }
  if (node.evidenceIds.length > 0) {
    out.push('**Evidence**', '');
    const quotes = quoteLines(l, node.evidenceIds, '');
    for (let i = 0; i < quotes.length; i++) {
      out.push(quotes[i]!);
      if (i < quotes.length - 1) out.push('');
    }
    out.push('');
  }
  return out;
}

/** Builds the brief. Pass the tree index if you have one. */
export function buildBriefMarkdown(document: WorkDocument, index?: TreeIndex): string {
  const s = document.scenario;
  const idx = index ?? indexTree(s);
  const a = document.annotations;
  const l: Lookups = {
    scenario: s,
    assumptions: byId(s.assumptions),
    risks: byId(s.risks),
    indicators: byId(s.indicators),
    evidence: byId(s.evidence),
    sources: byId(s.sources),
  };
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
  const breaking = s.assumptions.filter((as) => isBreaking(own(a.assumptions, as.id)?.status));
  if (breaking.length > 0) {
    out.push('Assumptions judged unsupported or broken:', '');
    for (const as of breaking) {
      const rests = idx.nodesByAssumption.get(as.id) ?? [];
      const names = rests.map((id) => escapeInline(idx.byId.get(id)?.title ?? id));
      const status = ASSUMPTION_STATUS_LABEL[own(a.assumptions, as.id)!.status];
      out.push(`- ${escapeInline(as.statement)} (**${status}**)${names.length ? ` — affects ${names.join('; ')}` : ''}`);
    }
    out.push('');
  }

  // The question.
  out.push('## The question', '', escapeBlock(s.question), '');
  if (s.summary.trim()) out.push(escapeBlock(s.summary), '');
  const dm = s.actors.find((x) => x.id === s.decisionMakerId);
  if (dm) out.push(`Decision-maker: ${escapeInline(dm.name)}`, '');

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
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
