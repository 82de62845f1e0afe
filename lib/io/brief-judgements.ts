/**
 * The team judgements in the brief (lib/io/brief.ts): a "Team judgements"
 * section listing, most divided first, every branch and assumption where the
 * team disagrees (mild or worse): each analyst's answer, the aggregate and
 * the band. Nothing when the team agrees everywhere or nobody judged.
 *
 * Pure; user text escaped with the brief's own escaping.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { bandRank, isSplit, teamRows } from '@/lib/team/aggregate';
import { BAND_THRESHOLDS_TEXT, DIMENSION_LABEL, aggregateText, bandDetail, opinionText, TEAM_WORDS } from '@/lib/messages/team';
import { escapeInline } from './markdown';

/** The section's Markdown lines, or null when the team does not split anywhere. */
export function briefJudgements(doc: WorkDocument): string[] | null {
  const rows = teamRows(doc).filter((r) => isSplit(r.band));
  if (rows.length === 0) return null;
  const titles = new Map<string, string>();
  for (const n of doc.scenario.nodes) titles.set(`branch/${n.id}`, n.title);
  for (const a of doc.scenario.assumptions) titles.set(`assumption/${a.id}`, `${TEAM_WORDS.assumptionPrefix}${a.statement}`);
  // Most divided first; the scenario's order among equals (the sort is stable).
  const sorted = [...rows].sort((a, b) => bandRank(b.band) - bandRank(a.band) || (b.spread?.sd ?? 0) - (a.spread?.sd ?? 0));
  const out = [`## ${TEAM_WORDS.heading}`, '', escapeInline(`Where the team disagrees. ${BAND_THRESHOLDS_TEXT}`), ''];
  for (const r of sorted) {
    const title = titles.get(`${r.kind}/${r.id}`) ?? r.id;
    out.push(`- **${escapeInline(title)}**, ${escapeInline(DIMENSION_LABEL[r.dimension].toLowerCase())}: ${escapeInline(bandDetail(r))}. ${escapeInline(aggregateText(r))}.`);
    for (const o of r.opinions) out.push(`  - ${escapeInline(opinionText(r.dimension, o))}`);
  }
  out.push('');
  return out;
}
