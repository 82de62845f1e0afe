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

  it('roots the tree in a Pakistan decision with the four options the article weighs', () => {
    const roots = doc.nodes.filter((n) => n.parentId === null);
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.kind).toBe('decision');
    expect(doc.actors.find((a) => a.id === doc.decisionMakerId)?.name).toMatch(/pakistan|islamabad/i);

    const children = doc.nodes.filter((n) => n.parentId === root.id).sort((a, b) => a.order - b.order);
    expect(children).toHaveLength(4);
    expect(children.every((n) => n.kind === 'option')).toBe(true);
    const titles = children.map((n) => n.title);
    const has = (re: RegExp) => titles.filter((t) => re.test(t));
    expect(has(/\bwait/i).filter((t) => /taliban/i.test(t))).toHaveLength(1);
    expect(has(/kunar/i)).toHaveLength(1);
    expect(has(/hedg|russia/i)).toHaveLength(1);
    expect(has(/towns and cities/i)).toHaveLength(1);
  });
});
