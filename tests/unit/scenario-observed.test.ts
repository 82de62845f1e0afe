/**
 * Which signposts of the shipped scenario the source reports as already
 * happening, and with which quotes (read from the article; pinned here so a
 * change is deliberate). Each observed quote is verbatim in its paragraph.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@/lib/model/schema';

const ROOT = path.resolve(__dirname, '../..');
const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
/** Non-empty lines of the article; paragraph N is index N - 1. */
const paragraphs = fs
  .readFileSync(path.join(ROOT, 'scenarios/sources/taliban-ttp-conundrum.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');

const OBSERVED: Record<string, string[]> = {
  'public-statements-stop-short': ['p10-stopped-assuring', 'p10-no-foreigner-platitude'],
  'dilawar-pakistans-problem': ['p11-dilawar-blunt', 'p22-pakistans-headache'],
  'haqqani-non-committal': ['p13-haqqani-non-committal', 'p13-haqqani-advice'],
  'mujahid-contradicts-team': ['p14-team-contradicted', 'p14-mujahid-contradicted'],
  'taliban-response-lukewarm': ['p16-lukewarm'],
  'resurgent-border-attacks': ['p08-resurgent-ttp', 'p08-losing-soldiers'],
  'isk-ttp-operational-cooperation': ['p03-isk-ttp-cooperation'],
  'russia-arms-opposition': ['p30-russia-hedging', 'p30-russia-arms-massod'],
};
/** Signs the article only forecasts ("may", "would continue"): not observed. */
const FORECAST = [
  'isk-militants-defect-to-ttp',
  'taliban-act-on-baloch-not-ttp',
  'taliban-deliver-selectively',
  'lower-ranks-harbour-militants',
  'pm-withholds-approval',
  'sleeper-cell-activity',
  // Signs for the branches that would favour Pakistan (issue 9, item 6): none is reported yet.
  'taliban-kinetic-action-ttp',
  'ttp-leaders-taken-out',
  'new-leader-bayah',
  'fewer-attacks-after-strike',
  'ttp-attacks-continue-after-strike',
];

describe('signposts the source reports as already happening', () => {
  it('pins the observed indicators and their quotes; the rest are forecasts', () => {
    const got = Object.fromEntries(scenario.indicators.filter((i) => i.observedEvidenceIds.length > 0).map((i) => [i.id, i.observedEvidenceIds]));
    expect(got).toEqual(OBSERVED);
    expect(scenario.indicators.map((i) => i.id).sort()).toEqual([...Object.keys(OBSERVED), ...FORECAST].sort());
  });

  it('each observed quote is one of the indicator’s quotes and verbatim in the paragraph it cites', () => {
    const byId = new Map(scenario.evidence.map((e) => [e.id, e]));
    for (const ind of scenario.indicators) {
      for (const eid of ind.observedEvidenceIds) {
        expect(ind.evidenceIds, `${ind.id}: ${eid}`).toContain(eid);
        const e = byId.get(eid);
        expect(e, eid).toBeDefined();
        expect(paragraphs[e!.paragraph - 1], `${eid} in paragraph ${e!.paragraph}`).toContain(e!.quote);
      }
    }
  });
});
