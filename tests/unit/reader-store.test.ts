import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppStore, viewOf } from '@/lib/store/store';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import * as reg from '@/lib/commands/registry';
import { COMMAND_LABEL } from '@/lib/messages/commands';
import { quoteCheckText, quoteFlagText } from '@/lib/messages/reader';
import { checkQuote, settleQuote } from '@/lib/source/match';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
const SOURCE = scenario.sources[0]!.id;
const makeStore = (s: Scenario = scenario) => createAppStore({ docId: s.id, document: { scenario: s, annotations: emptyAnnotations(), shippedFrom: null } });

describe('the source reader’s session state', () => {
  it('opens on the first source with text, at a paragraph, and each request moves it again', () => {
    const store = makeStore();
    expect(store.getState().reader).toBeNull();
    store.getState().openReader(undefined, 7);
    expect(store.getState().reader).toEqual({ sourceId: SOURCE, paragraph: 7, seq: 1 });
    store.getState().openReader(SOURCE, 7);
    expect(store.getState().reader).toEqual({ sourceId: SOURCE, paragraph: 7, seq: 2 });
    store.getState().openReader('no-such-source', 0);
    expect(store.getState().reader).toEqual({ sourceId: SOURCE, paragraph: null, seq: 3 });
    store.getState().closeReader();
    expect(store.getState().reader).toBeNull();
  });

  it('is session state: not in the document, not in the saved view, and gone when another document loads', () => {
    const store = makeStore();
    const before = store.getState().document;
    store.getState().openReader(SOURCE, 3);
    expect(store.getState().document).toBe(before);
    expect(store.getState().revision).toBe(0);
    expect(Object.keys(viewOf(store.getState()))).not.toContain('reader');
    store.getState().loadDocument('other', before);
    expect(store.getState().reader).toBeNull();
  });

  it('does nothing for a scenario without sources; the command is then disabled', () => {
    const bare = { ...scenario, sources: [] };
    const store = makeStore(bare);
    const ctx = () => ({ state: store.getState(), store, persistence: null, ui: {} });
    expect(reg.canRun(reg.getCommand('source.reader'), ctx())).toBe(false);
    store.getState().openReader();
    expect(store.getState().reader).toBeNull();
    const full = makeStore();
    const ctx2 = () => ({ state: full.getState(), store: full, persistence: null, ui: {} });
    expect(reg.runCommand(reg.getCommand('source.reader'), ctx2())).toBe(true);
    expect(full.getState().reader?.sourceId).toBe(SOURCE);
    expect(COMMAND_LABEL['source.reader']).toBe('Open source reader');
  });
});

describe('the quote check’s words and what is saved', () => {
  const text = scenario.sources[0]!.text!;
  const e = scenario.evidence[0]!;

  it('saves an exact quote in the source’s words and paragraph, anything else as written', () => {
    const typed = e.quote.replace(/’/g, "'");
    expect(settleQuote(checkQuote(text, typed, 1), typed, 1)).toEqual({ quote: e.quote, paragraph: e.paragraph });
    const typo = `${e.quote.slice(0, -3)}xyz`;
    expect(settleQuote(checkQuote(text, typo, 1), typo, 1)).toEqual({ quote: typo, paragraph: 1 });
  });

  it('says verified, elsewhere, near with the passage, none, or cannot be checked', () => {
    expect(quoteCheckText(checkQuote(text, e.quote, e.paragraph), e.paragraph)).toMatch(/^Verified: the source’s own words, in ¶\u00a0\d+\.$/);
    const other = e.paragraph === 2 ? 3 : 2;
    expect(quoteCheckText(checkQuote(text, e.quote, other), other)).toContain(`not ¶\u00a0${other}`);
    expect(quoteFlagText(checkQuote(text, e.quote, other), other)).toBe(`In the source at ¶\u00a0${e.paragraph}, not ¶\u00a0${other}`);
    expect(quoteFlagText(checkQuote(text, e.quote, e.paragraph), e.paragraph)).toBeNull();
    const typo = `${e.quote.slice(0, -3)}xyz`;
    expect(quoteCheckText(checkQuote(text, typo, e.paragraph), e.paragraph)).toMatch(/^Not in the source as written\. Nearest passage, ¶\u00a0\d+ \(\d+% alike\):$/);
    expect(quoteFlagText(checkQuote(text, 'zzz qqq www', 1), 1)).toBe('Not found in the source');
    expect(quoteCheckText(checkQuote(undefined, 'x'))).toMatch(/cannot be checked/);
  });
});
