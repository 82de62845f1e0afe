/**
 * The words for every refusal code of pictures (lib/io/embedded.ts), share
 * links (lib/io/share.ts), imports (lib/io/snapshot.ts) and refused
 * documents (lib/io/restore.ts), from the table in
 * tests/fixtures/messages/refusals.json.
 *
 * Exhaustive both ways: each area's list of codes is a `Record` over the
 * union's codes (a code added to lib without a case here fails to compile),
 * the table must hold a case for every code in it, and `say` is a switch
 * over the areas with a `never` check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageReason } from '@/lib/io/embedded';
import type { LinkReason } from '@/lib/io/share';
import type { ImportFailure } from '@/lib/io/snapshot';
import type { DocumentProblem } from '@/lib/io/restore';
import { documentProblemText, imageMessage, importFailureMessage, linkMessage } from '@/lib/messages';

interface Reasons {
  image: ImageReason;
  link: LinkReason;
  import: ImportFailure;
  document: DocumentProblem;
}
type Area = keyof Reasons;

type Table = { [A in Area]: [Reasons[A], string][] };
const readTable = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, `../fixtures/messages/${name}`), 'utf8')) as Partial<Table>;
/** The frozen table, and the cases added with later codes (each in its own file). */
const TABLE = [readTable('refusals-silverdecisions.json')].reduce<Table>(
  (all, more) => {
    for (const area of Object.keys(more) as Area[]) (all[area] as unknown[]).push(...(more[area] as unknown[]));
    return all;
  },
  readTable('refusals.json') as Table,
);

/** The codes of a union, checked complete by the compiler. */
const codesOf = <C extends string>(all: Record<C, 0>) => Object.keys(all).sort() as C[];

const CODES: { [A in Area]: Reasons[A]['code'][] } = {
  image: codesOf<ImageReason['code']>({ unreadable: 0, 'png-too-short': 0, 'png-bad-signature': 0, 'png-truncated': 0, 'png-chunk-impossible-length': 0, 'png-chunk-past-end': 0, 'png-chunk-bad-type': 0, 'png-unread-form': 0, 'png-header-cut': 0, 'png-compressed': 0, 'svg-no-element': 0, 'svg-tag-unclosed': 0, 'svg-checksum-missing': 0, 'svg-not-base64': 0, 'no-scenario': 0, 'checksum-mismatch': 0, 'too-large': 0, 'not-utf8': 0, unexpected: 0 }),
  link: codesOf<LinkReason['code']>({ unreadable: 0, 'too-long': 0, 'no-scenario': 0, empty: 0, 'bad-characters': 0, 'too-large': 0, 'not-inflatable': 0, 'not-utf8': 0, unexpected: 0 }),
  import: codesOf<ImportFailure['code']>({ json: 0, 'not-an-object': 0, 'wrong-format': 0, 'format-version': 0, 'no-document': 0, unrecognised: 0, invalid: 0, image: 0, link: 0, 'file-too-large': 0, 'file-not-text': 0, 'file-unreadable': 0, unexpected: 0, silverdecisions: 0 }),
  document: codesOf<DocumentProblem['code']>({ 'not-an-object': 0, 'no-scenario': 0, 'document-missing': 0, unreadable: 0 }),
};

/** The words the messages module gives a reason of `area`. */
function say<A extends Area>(area: A, reason: Reasons[A]): string {
  const a: Area = area;
  switch (a) {
    case 'image':
      return imageMessage(reason as ImageReason);
    case 'link':
      return linkMessage(reason as LinkReason);
    case 'import':
      return importFailureMessage(reason as ImportFailure);
    case 'document':
      return documentProblemText(reason as DocumentProblem);
    default: {
      const unhandled: never = a;
      throw new Error(`no area ${String(unhandled)}`);
    }
  }
}

const AREAS = Object.keys(CODES) as Area[];

describe('messages for refusals', () => {
  it.each(AREAS)('%s: the table has a case for every code, and no other', (area) => {
    const inTable = [...new Set(TABLE[area].map(([r]) => r.code))].sort();
    expect(inTable).toEqual(CODES[area]);
  });

  it.each(AREAS.flatMap((area) => TABLE[area].map(([reason, text]) => [area, reason.code, reason, text] as const)))(
    '%s: %s',
    (area, _code, reason, text) => {
      expect(say(area, reason)).toBe(text);
    },
  );

  it('a picture or link refusal reads the same inside an import refusal', () => {
    for (const [reason, text] of TABLE.image) expect(importFailureMessage({ code: 'image', reason })).toBe(text);
    for (const [reason, text] of TABLE.link) expect(importFailureMessage({ code: 'link', reason })).toBe(text);
  });

  it('every refusal is one line, starts with a capital and has no final full stop (document clauses: lower case)', () => {
    for (const area of ['image', 'link', 'import'] as const) {
      for (const [reason] of TABLE[area]) expect(say(area, reason)).toMatch(/^[A-Z][^\n]*[^.]$/);
    }
    for (const [reason] of TABLE.document) expect(say('document', reason)).toMatch(/^[a-z][^\n]*[^.]$/);
  });
});
