import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { validateScenario, describeProblem } from '@/lib/model/integrity';
import type { Scenario } from '@/lib/model/schema';
import { sourceParagraphs } from '@/lib/source/text';
import { checkQuote } from '@/lib/source/match';

const REPO_ROOT = path.resolve(__dirname, '../..');
const SCENARIO_DIR = path.join(REPO_ROOT, 'scenarios');
const ARTICLE_FILE = 'taliban-ttp-conundrum.json';
/** Each scenario's source text sits beside it in scenarios/sources/, under the scenario's file name. */
const ARTICLE_SOURCE = path.join(SCENARIO_DIR, 'sources', 'taliban-ttp-conundrum.txt');

function scenarioFiles(): string[] {
  return fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
    .sort();
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SCENARIO_DIR, file), 'utf8'));
}

/**
 * The article as it sits in the repository. The scenario ships the same text
 * in its source's `text`: equal to the file's content, except that one line
 * break ending the file (if an editor adds one) is not part of the text.
 * Paragraphs are unaffected either way (empty lines are not paragraphs).
 */
const ARTICLE_TEXT = fs.readFileSync(ARTICLE_SOURCE, 'utf8').replace(/\r?\n$/, '');

describe('scenario files', () => {
  const files = scenarioFiles();

  it('includes the article scenario', () => {
    expect(files).toContain(ARTICLE_FILE);
  });

  for (const file of files) {
    it(`${file} passes validateScenario`, () => {
      const result = validateScenario(readJson(file));
      const problems = result.ok ? [] : result.problems.map(describeProblem);
      expect(problems, `${file}:\n${problems.join('\n')}`).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }
});

describe('taliban-ttp-conundrum scenario', () => {
  const raw = readJson(ARTICLE_FILE) as Record<string, unknown>;
  const doc = raw as unknown as Scenario;
  const shippedText = doc.sources[0]?.text ?? '';
  /** Paragraphs of the SHIPPED text, 1-based like `paragraph` (index 0 is paragraph 1). */
  const lines = sourceParagraphs(shippedText);

  it('points at the generated JSON Schema and opens with $schema then schemaVersion', () => {
    expect(raw.$schema).toBe('./scenario.schema.json');
    expect(Object.keys(raw).slice(0, 2)).toEqual(['$schema', 'schemaVersion']);
  });

  it('ships the article’s full text, equal to scenarios/sources/taliban-ttp-conundrum.txt, and says where it is', () => {
    expect(shippedText).toBe(ARTICLE_TEXT);
    expect(shippedText.length).toBeGreaterThan(1000);
    expect(doc.sources[0]!.location).toBe('scenarios/sources/taliban-ttp-conundrum.txt');
    expect(sourceParagraphs(shippedText)).toEqual(sourceParagraphs(fs.readFileSync(ARTICLE_SOURCE, 'utf8')));
  });

  it('reads the article with its 35 non-empty lines', () => {
    expect(lines).toHaveLength(35);
    expect(doc.sources).toHaveLength(1);
    expect(doc.sources[0]!.kind).toBe('article');
    expect(doc.sources[0]!.title).toBe(lines[0]);
  });

  it('quotes every piece of evidence verbatim from its stated paragraph', () => {
    const wrong: string[] = [];
    for (const e of doc.evidence) {
      const para = lines[e.paragraph - 1];
      if (para === undefined) {
        wrong.push(`${e.id}: paragraph ${e.paragraph} does not exist`);
        continue;
      }
      if (!para.includes(e.quote)) {
        const found = lines.findIndex((l) => l.includes(e.quote));
        wrong.push(
          `${e.id}: not in paragraph ${e.paragraph}` + (found >= 0 ? ` (found in paragraph ${found + 1})` : ' (not found anywhere)'),
        );
      }
      if (e.quote.length > 300) wrong.push(`${e.id}: quote is ${e.quote.length} characters (max 300)`);
      if (e.quote.length >= para.length) wrong.push(`${e.id}: quote is the whole paragraph; quote a clause or a sentence`);
      if (e.sourceId !== doc.sources[0]!.id) wrong.push(`${e.id}: sourceId "${e.sourceId}" is not the article`);
      // The app's quote check agrees: exact, character for character, in the paragraph cited.
      const check = checkQuote(shippedText, e.quote, e.paragraph);
      if (check.status !== 'exact' || check.elsewhere || !check.identical) wrong.push(`${e.id}: the quote check says ${check.status}`);
    }
    expect(doc.evidence).toHaveLength(72);
    expect(wrong).toEqual([]);
  });

  it('backs every assumption, risk and indicator with at least one quote', () => {
    const bare = [
      ...doc.assumptions.filter((a) => a.evidenceIds.length === 0).map((a) => `assumption ${a.id}`),
      ...doc.risks.filter((r) => r.evidenceIds.length === 0).map((r) => `risk ${r.id}`),
      ...doc.indicators.filter((i) => i.evidenceIds.length === 0).map((i) => `indicator ${i.id}`),
    ];
    expect(bare).toEqual([]);
  });

  it('references every assumption, risk and indicator from at least one node', () => {
    const used = {
      assumption: new Set(doc.nodes.flatMap((n) => n.assumptionIds)),
      risk: new Set(doc.nodes.flatMap((n) => n.riskIds)),
      indicator: new Set(doc.nodes.flatMap((n) => n.indicatorIds)),
    };
    const unused = [
      ...doc.assumptions.filter((a) => !used.assumption.has(a.id)).map((a) => `assumption ${a.id}`),
      ...doc.risks.filter((r) => !used.risk.has(r.id)).map((r) => `risk ${r.id}`),
      ...doc.indicators.filter((i) => !used.indicator.has(i.id)).map((i) => `indicator ${i.id}`),
    ];
    expect(unused).toEqual([]);
  });

  it('roots the tree in a Pakistan decision with the three courses the article weighs', () => {
    const roots = doc.nodes.filter((n) => n.parentId === null);
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.kind).toBe('decision');
    expect(doc.actors.find((a) => a.id === doc.decisionMakerId)?.name).toMatch(/pakistan|islamabad/i);

    const children = doc.nodes.filter((n) => n.parentId === root.id).sort((a, b) => a.order - b.order);
    expect(children.map((n) => n.id)).toEqual(['wait-for-taliban', 'kunar-strike', 'fight-in-towns']);
    expect(children.every((n) => n.kind === 'option')).toBe(true);
    const titles = children.map((n) => n.title);
    const has = (re: RegExp) => titles.filter((t) => re.test(t));
    expect(has(/\bwait/i).filter((t) => /taliban/i.test(t))).toHaveLength(1);
    expect(has(/worst case/i).filter((t) => /kunar/i.test(t))).toHaveLength(1);
    expect(has(/towns and cities/i)).toHaveLength(1);
  });

  const node = (id: string) => {
    const n = doc.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  };
  const childrenOf = (id: string) => doc.nodes.filter((n) => n.parentId === id).sort((a, b) => a.order - b.order);

  it('makes the hedge Pakistan’s own choice: a decision under worst-case planning, the strike one of its options', () => {
    expect(node('hedge-extent')).toMatchObject({ kind: 'decision', parentId: 'kunar-strike' });
    expect(childrenOf('hedge-extent').map((n) => [n.id, n.kind])).toEqual([
      ['hedge-in-planning', 'option'],
      ['hedge-like-russia', 'option'],
      ['strike-approved', 'option'],
    ]);
  });

  it('forks by chance only where the world decides, and gives the strike’s uncertainty both branches with signposts', () => {
    const chance = doc.nodes.filter((n) => n.kind === 'chance').map((n) => n.id).sort();
    expect(chance).toEqual(['strike-removes-leaders', 'taliban-act-on-ttp']);
    expect(node('strike-removes-leaders').parentId).toBe('strike-approved');
    const branches = childrenOf('strike-removes-leaders');
    expect(branches.map((n) => n.id)).toEqual(['taliban-contain-ttp', 'strike-fails-to-contain']);
    for (const b of branches) expect(b.indicatorIds.length, b.id).toBeGreaterThan(0);
    expect(node('taliban-contain-ttp').indicatorIds).toEqual(
      expect.arrayContaining(['ttp-leaders-taken-out', 'new-leader-bayah', 'taliban-kinetic-action-ttp', 'fewer-attacks-after-strike']),
    );
    // The tension: containment needs the Taliban the option assumes unwilling or unable.
    expect(node('kunar-strike').assumptionIds).toContain('taliban-unwilling-or-unable');
    expect(node('kunar-strike').negatedAssumptionIds).not.toContain('taliban-unwilling-or-unable');
    expect(node('taliban-contain-ttp').negatedAssumptionIds).toContain('taliban-unwilling-or-unable');
    expect(node('assurances-backed-by-action').indicatorIds).toContain('taliban-kinetic-action-ttp');
  });

  it('lists the consequences of fighting at home side by side under the option, not as a fork, and keeps Turkey off it', () => {
    const kids = childrenOf('fight-in-towns');
    expect(kids).toHaveLength(3);
    expect(kids.every((n) => n.kind === 'outcome')).toBe(true);
    for (const k of kids) expect(k.summary, k.id).toMatch(/come together \(not a fork\)/);
    expect(node('fight-in-towns').assumptionIds).not.toContain('turkey-analogy-holds');
    expect(node('strike-approved').assumptionIds).toContain('turkey-analogy-holds');
  });

  it('gives waiting its own premises and rests it on the negation of the article’s reasons against it', () => {
    const wait = node('wait-for-taliban');
    expect(wait.assumptionIds).toEqual(expect.arrayContaining(['private-assurances-given', 'taliban-face-value']));
    expect(wait.negatedAssumptionIds).not.toContain('private-assurances-given');
    expect(wait.negatedAssumptionIds).not.toContain('taliban-face-value');
    expect(wait.negatedAssumptionIds).toEqual(expect.arrayContaining(['taliban-unwilling-or-unable', 'pakistan-lost-leverage', 'assurances-need-kinetic-backing']));
    // The four reasons of paragraph 18, each with its quote on the chance the Taliban act.
    expect(node('taliban-act-on-ttp').evidenceIds).toEqual(
      expect.arrayContaining(['p18-ethnic-affinity', 'p18-shared-ideology', 'p18-border-deniability', 'p18-cannot-dictate']),
    );
    expect(node('taliban-act-on-ttp').summary).toContain('Pakistan cannot dictate the Afghan Taliban now well entrenched in Kabul');
  });

  it('keeps what the article reports as present out of the outcomes: context and observed signposts', () => {
    const ids = new Set(doc.nodes.map((n) => n.id));
    for (const gone of ['border-militancy-resurges', 'isk-splinters-join-ttp', 'taliban-other-commitments', 'strike-not-approved', 'hedge-alters-calculus']) {
      expect(ids.has(gone), gone).toBe(false);
    }
    const context = new Set(doc.context.map((c) => c.id));
    for (const present of ['ttp-resurgence', 'isk-ttp-overlap', 'taliban-statements', 'taliban-deliver-elsewhere']) expect(context.has(present), present).toBe(true);
  });

  it('quotes paragraph 14 with its contradiction, not only the report it contradicts', () => {
    const q = doc.evidence.find((e) => e.id === 'p14-team-contradicted');
    expect(q?.quote).toMatch(/three-member team .* was also contradicted by .*Zabiullah Mujahid$/);
    expect(node('assurances-backed-by-action').underminingEvidenceIds).toContain('p14-team-contradicted');
  });
});
