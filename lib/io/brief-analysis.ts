/**
 * The decision analysis in the brief (lib/io/brief.ts): the rule and
 * criteria, the value of the decision, the best option and the best policy
 * (the choice at each decision it reaches), the problems when nothing can be
 * computed, the parameters with their ranges, and the charts (the tornado,
 * decisions re-optimised, and the risk profile of the best policy): each
 * chart's summary and data as Markdown, and its spec (lib/analysis/charts.ts)
 * for the printed brief and for export as SVG (`chartSvgMarkup`).
 *
 * Pure; user text escaped with the brief's own escaping.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { analysisOf, isEmptyAnalysis } from '@/lib/analysis/document';
import { riskProfile, solve } from '@/lib/analysis/rollback';
import { makeTreeEvaluate, sensParameters } from '@/lib/analysis/evaluate';
import { tornado } from '@/lib/analysis/sensitivity';
import { riskProfileChart, tornadoChart, type ChartSpec, type ChartText } from '@/lib/analysis/charts';
import { RULE_LABEL } from '@/lib/messages/analysis';
import { BETTER_LABEL, BRIEF_ANALYSIS as W, formatValue } from '@/lib/messages/decision';
import { escapeInline } from './markdown';

export interface BriefAnalysis {
  /** Markdown lines (a "## Decision analysis" section). */
  lines: string[];
  /** The charts, in the order the lines describe them. */
  charts: ChartSpec[];
}

/** A chart's summary and data as Markdown: a heading, the summary, one list item per row. */
function chartLines(spec: ChartSpec): string[] {
  const out = [`### ${escapeInline(spec.title)}`, '', escapeInline(spec.desc), ''];
  const head = spec.table.head;
  for (const row of spec.table.rows) {
    const rest = row.slice(1).map((cell, i) => `${escapeInline(head[i + 1] ?? '')}: ${escapeInline(cell)}`);
    out.push(`- ${escapeInline(row[0] ?? '')}${rest.length ? ` — ${rest.join('; ')}` : ''}`);
  }
  out.push('');
  return out;
}

/** The analysis section of the brief, or null when the document records no analysis. */
export function briefAnalysis(doc: WorkDocument): BriefAnalysis | null {
  const a = analysisOf(doc);
  if (isEmptyAnalysis(a)) return null;
  const s = doc.scenario;
  const titles = new Map(s.nodes.map((n) => [n.id, n.title] as const));
  const title = (id: string) => escapeInline(titles.get(id) ?? id);
  const { criteria, rule } = a.settings;
  const unit = criteria.length === 1 ? criteria[0]!.unit : '';
  const out: string[] = ['## Decision analysis', ''];
  out.push(`${W.rule}: ${RULE_LABEL[rule]}.`, '');
  if (criteria.length > 0) {
    out.push(`${W.criteria}:`, '');
    for (const c of criteria) {
      const parts = [c.unit ? escapeInline(c.unit) : '', BETTER_LABEL[c.better].toLowerCase(), criteria.length > 1 ? W.weight(formatValue(c.weight)) : ''].filter(Boolean);
      out.push(`- ${escapeInline(c.name)} (${parts.join(', ')})`);
    }
    out.push('');
  }

  const r = solve(s.nodes, a.inputs, a.settings);
  if (!r.ok) {
    out.push(W.problems, '');
    for (const p of r.problems) out.push(`- ${p.nodeId ? `${title(p.nodeId)}: ` : ''}${escapeInline(p.message)}`);
    out.push('');
    return { lines: out, charts: [] };
  }
  const sol = r.solution;
  const withUnit = (v: number) => `${formatValue(v)}${unit ? ` ${escapeInline(unit)}` : ''}`;
  out.push(`**${W.rootValue}: ${withUnit(sol.root.score)}**`, '');
  if (criteria.length > 1) out.push(criteria.map((c) => `${escapeInline(c.name)} ${formatValue(sol.root.byCriterion[c.id] ?? 0)}`).join('; '), '');
  const best = sol.best.get(sol.rootId) ?? [];
  if (best.length > 0) out.push(`${best.length > 1 ? W.tiedOptions : W.bestOption}: **${best.map(title).join('; ')}**`, '');
  // The best policy: the choice at each decision it reaches, in tree order.
  const reached = s.nodes.filter((n) => n.kind === 'decision' && (sol.reach.get(n.id) ?? 0) > 0 && sol.policy.has(n.id));
  if (reached.length > 0) {
    out.push(`${W.bestPolicy}:`, '');
    for (const n of reached) {
      const choices = sol.best.get(n.id) ?? [sol.policy.get(n.id)!];
      out.push(`- ${W.atDecision(title(n.id), choices.map(title).join(W.or))}${sol.tied.has(n.id) ? ` (${W.tied})` : ''}`);
    }
    out.push('');
  }
  if (a.settings.parameters.length > 0) {
    out.push(`${W.parameters}:`, '');
    for (const p of a.settings.parameters) {
      const name = p.name && p.name !== p.id ? ` (${escapeInline(p.name)})` : '';
      const range = p.low !== undefined && p.high !== undefined ? `, ${W.range(formatValue(p.low), formatValue(p.high))}` : '';
      out.push(`- \`${p.id}\`${name}: ${escapeInline(p.value)}${range}`);
    }
    out.push('');
  }

  const text: ChartText = {
    valueLabel: unit ? `${W.valueAxis} (${unit})` : undefined,
    optionName: (id) => titles.get(id) ?? id,
    assumptionName: (id) => s.assumptions.find((x) => x.id === id)?.statement ?? id,
    width: 680,
  };
  const charts: ChartSpec[] = [];
  const params = sensParameters(a);
  if (params.length > 0) charts.push(tornadoChart(tornado(makeTreeEvaluate({ nodes: s.nodes, analysis: a }), params, 'reoptimised'), text));
  const profile = riskProfile(s.nodes, a.inputs, a.settings);
  if (profile.ok) charts.push(riskProfileChart(profile.points, { ...text, valueLabel: unit ? `${criteria[0]!.name} (${unit})` : undefined }));
  for (const c of charts) out.push(...chartLines(c));
  return { lines: out, charts };
}
