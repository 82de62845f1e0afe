/**
 * The words for every refusal code of pictures (lib/io/embedded.ts), share
 * links (lib/io/share.ts), imports (lib/io/snapshot.ts) and refused
 * documents (lib/io/restore.ts). Each table is built by a switch over the
 * code with a `never` check, so a code added to lib without words here
 * fails to compile.
 */
import { describe, expect, it } from 'vitest';
import type { ImageReason } from '@/lib/io/embedded';
import type { LinkReason } from '@/lib/io/share';
import type { ImportFailure } from '@/lib/io/snapshot';
import type { DocumentProblem } from '@/lib/io/restore';
import { documentProblemText, imageMessage, importFailureMessage, linkMessage } from '@/lib/messages';

const MB10 = 10 * 1024 * 1024;

function imageCase(code: ImageReason['code']): [ImageReason, string] {
  switch (code) {
    case 'unreadable':
      return [{ code }, 'The image could not be read'];
    case 'png-too-short':
      return [{ code }, 'This is not a PNG image (the file is too short)'];
    case 'png-bad-signature':
      return [{ code }, 'This is not a PNG image (the signature is wrong)'];
    case 'png-truncated':
      return [{ code }, 'The PNG image is truncated (it ends in the middle of a chunk)'];
    case 'png-chunk-impossible-length':
      return [{ code, at: 33 }, 'The PNG image is damaged (a chunk at byte 33 claims an impossible length)'];
    case 'png-chunk-past-end':
      return [{ code, at: 8 }, 'The PNG image is truncated (a chunk at byte 8 runs past the end of the file)'];
    case 'png-chunk-bad-type':
      return [{ code, at: 50 }, 'The PNG image is damaged (a chunk at byte 50 has an invalid type)'];
    case 'png-unread-form':
      return [{ code, chunkType: 'zTXt' }, 'The scenario in this PNG image is stored in a form Branchpoint does not read (zTXt)'];
    case 'png-header-cut':
      return [{ code }, 'The scenario in this PNG image is damaged (its header is cut short)'];
    case 'png-compressed':
      return [{ code }, 'The scenario in this PNG image is compressed, which Branchpoint does not read'];
    case 'svg-no-element':
      return [{ code }, 'This is not an SVG image (no <svg> element found)'];
    case 'svg-tag-unclosed':
      return [{ code }, 'This SVG image is damaged (its <svg> tag is not closed)'];
    case 'svg-checksum-missing':
      return [{ code }, 'The scenario in this SVG image is damaged (its checksum is missing)'];
    case 'svg-not-base64':
      return [{ code }, 'The scenario in this SVG image is damaged (its data is not valid base64)'];
    case 'no-scenario':
      return [
        { code, format: 'SVG' },
        'This SVG image does not contain a Branchpoint scenario (it may have been exported without one, or re-saved by another program)',
      ];
    case 'checksum-mismatch':
      return [{ code, format: 'PNG' }, 'The scenario in this PNG image is damaged (its checksum does not match)'];
    case 'too-large':
      return [
        { code, format: 'SVG', bytes: 12 * 1024 * 1024, approximate: true, maxBytes: MB10 },
        'The scenario in this SVG image is too large (about 12 MB); Branchpoint reads up to 10 MB',
      ];
    case 'not-utf8':
      return [{ code, format: 'PNG' }, 'The scenario in this PNG image is damaged (it is not valid UTF-8 text)'];
    case 'unexpected':
      return [{ code, detail: 'boom' }, 'The image could not be read (boom)'];
    default: {
      const unhandled: never = code;
      throw new Error(`no case for ${String(unhandled)}`);
    }
  }
}

const IMAGE_CODES: Record<ImageReason['code'], true> = {
  unreadable: true,
  'png-too-short': true,
  'png-bad-signature': true,
  'png-truncated': true,
  'png-chunk-impossible-length': true,
  'png-chunk-past-end': true,
  'png-chunk-bad-type': true,
  'png-unread-form': true,
  'png-header-cut': true,
  'png-compressed': true,
  'svg-no-element': true,
  'svg-tag-unclosed': true,
  'svg-checksum-missing': true,
  'svg-not-base64': true,
  'no-scenario': true,
  'checksum-mismatch': true,
  'too-large': true,
  'not-utf8': true,
  unexpected: true,
};

function linkCase(code: LinkReason['code']): [LinkReason, string] {
  switch (code) {
    case 'unreadable':
      return [{ code }, 'The link could not be read'];
    case 'too-long':
      return [
        { code, chars: 200_004, maxChars: 200_000 },
        'The link is too long (200,004 characters; the limit is 200,000); share the scenario as a file instead',
      ];
    case 'no-scenario':
      return [{ code }, 'The link does not contain a Branchpoint scenario (expected "#s=…")'];
    case 'empty':
      return [{ code }, 'The link is incomplete: the part after "#s=" is empty'];
    case 'bad-characters':
      return [
        { code },
        'The link is damaged: it contains characters that cannot appear in a Branchpoint link (it may have been cut or altered when copied)',
      ];
    case 'too-large':
      return [{ code, maxBytes: MB10 }, 'The link holds more than 10 MB of data once unpacked; Branchpoint opens at most 10 MB'];
    case 'not-inflatable':
      return [{ code }, 'The link is damaged: its data could not be unpacked (it may have been cut short when copied)'];
    case 'not-utf8':
      return [{ code }, 'The link is damaged: its data is not valid UTF-8 text'];
    case 'unexpected':
      return [{ code, detail: 'boom' }, 'The link could not be read (boom)'];
    default: {
      const unhandled: never = code;
      throw new Error(`no case for ${String(unhandled)}`);
    }
  }
}

const LINK_CODES: Record<LinkReason['code'], true> = {
  unreadable: true,
  'too-long': true,
  'no-scenario': true,
  empty: true,
  'bad-characters': true,
  'too-large': true,
  'not-inflatable': true,
  'not-utf8': true,
  unexpected: true,
};

function importCase(code: ImportFailure['code']): [ImportFailure, string][] {
  switch (code) {
    case 'json':
      return [[{ code, reason: { code: 'empty' } }, 'The file is empty']];
    case 'not-an-object':
      return [
        [{ code, found: { kind: 'list' } }, 'This is not a Branchpoint snapshot: the file holds a list, not an object with "format": "branchpoint-snapshot"'],
        [{ code, found: { kind: 'null' } }, 'This is not a Branchpoint snapshot: the file holds null, not an object with "format": "branchpoint-snapshot"'],
        [{ code, found: { kind: 'number', sample: 3 } }, 'This is not a Branchpoint snapshot: the file holds a number, not an object with "format": "branchpoint-snapshot"'],
        [{ code, found: { kind: 'text', sample: 'x' } }, 'This is not a Branchpoint snapshot: the file holds text, not an object with "format": "branchpoint-snapshot"'],
        [
          { code, found: { kind: 'boolean', sample: true } },
          'This is not a Branchpoint snapshot: the file holds the value true, not an object with "format": "branchpoint-snapshot"',
        ],
      ];
    case 'wrong-format':
      return [[{ code, found: { kind: 'text', sample: 'other' } }, 'This is not a Branchpoint snapshot: "format" is "other", expected "branchpoint-snapshot"']];
    case 'format-version':
      return [[{ code, reason: { code: 'version-missing' } }, 'The snapshot has no "formatVersion"; it must be 1']];
    case 'no-document':
      return [[{ code }, 'The snapshot holds no "document"']];
    case 'unrecognised':
      return [
        [
          { code },
          'This is not a Branchpoint snapshot or scenario: expected "format": "branchpoint-snapshot" (or a scenario with "schemaVersion" and "nodes")',
        ],
      ];
    case 'invalid':
      return [
        [{ code, what: 'document', first: null, more: 0 }, 'The document cannot be imported'],
        [{ code, what: 'scenario', first: { path: 'title', message: 'must not be empty' }, more: 0 }, 'The scenario cannot be imported: title: must not be empty'],
        [{ code, what: 'snapshot', first: { path: 'a', message: 'b' }, more: 1 }, 'The snapshot cannot be imported: a: b (and 1 more problem)'],
        [{ code, what: 'snapshot', first: { path: 'a', message: 'b' }, more: 3 }, 'The snapshot cannot be imported: a: b (and 3 more problems)'],
      ];
    case 'image':
      return [[{ code, reason: { code: 'png-compressed' } }, 'The scenario in this PNG image is compressed, which Branchpoint does not read']];
    case 'link':
      return [[{ code, reason: { code: 'empty' } }, 'The link is incomplete: the part after "#s=" is empty']];
    case 'file-too-large':
      return [
        [{ code, bytes: 12 * 1024 * 1024, maxBytes: MB10 }, 'The file is too large (12 MB); Branchpoint imports files of up to 10 MB'],
        // Rounds to the limit: the exact size, so the two figures differ.
        [{ code, bytes: MB10 + 1, maxBytes: MB10 }, 'The file is too large (10,485,761 bytes); Branchpoint imports files of up to 10 MB'],
      ];
    case 'file-not-text':
      return [
        [
          { code },
          'This file is not a Branchpoint snapshot: it is not text (Branchpoint imports snapshot files (.json) and SVG or PNG pictures exported from Branchpoint)',
        ],
      ];
    case 'file-unreadable':
      return [[{ code, detail: 'boom' }, 'The file could not be read (boom)']];
    case 'unexpected':
      return [[{ code, detail: 'boom' }, 'The file could not be imported (boom)']];
    default: {
      const unhandled: never = code;
      throw new Error(`no case for ${String(unhandled)}`);
    }
  }
}

const IMPORT_CODES: Record<ImportFailure['code'], true> = {
  json: true,
  'not-an-object': true,
  'wrong-format': true,
  'format-version': true,
  'no-document': true,
  unrecognised: true,
  invalid: true,
  image: true,
  link: true,
  'file-too-large': true,
  'file-not-text': true,
  'file-unreadable': true,
  unexpected: true,
};

function documentCase(code: DocumentProblem['code']): [DocumentProblem, string] {
  switch (code) {
    case 'not-an-object':
      return [{ code, found: { kind: 'list' } }, 'expected an object with a "scenario", got a list'];
    case 'no-scenario':
      return [{ code }, 'is missing: the document holds no scenario'];
    case 'document-missing':
      return [{ code }, 'is missing'];
    case 'unreadable':
      return [{ code, detail: 'boom' }, 'could not be read (boom)'];
    default: {
      const unhandled: never = code;
      throw new Error(`no case for ${String(unhandled)}`);
    }
  }
}

const DOCUMENT_CODES: Record<DocumentProblem['code'], true> = {
  'not-an-object': true,
  'no-scenario': true,
  'document-missing': true,
  unreadable: true,
};

const codes = <C extends string>(table: Record<C, true>) => Object.keys(table) as C[];

describe('messages for refusals', () => {
  it.each(codes(IMAGE_CODES))('picture: %s', (code) => {
    const [reason, text] = imageCase(code);
    expect(imageMessage(reason)).toBe(text);
    expect(importFailureMessage({ code: 'image', reason })).toBe(text);
  });

  it('pictures: the format and the exact size are said', () => {
    expect(imageMessage({ code: 'too-large', format: 'PNG', bytes: 2000, approximate: false, maxBytes: 1000 })).toBe(
      'The scenario in this PNG image is too large (2 KB); Branchpoint reads up to 1000 bytes',
    );
    expect(imageMessage({ code: 'no-scenario', format: 'PNG' })).toMatch(/^This PNG image does not contain/);
  });

  it.each(codes(LINK_CODES))('link: %s', (code) => {
    const [reason, text] = linkCase(code);
    expect(linkMessage(reason)).toBe(text);
    expect(importFailureMessage({ code: 'link', reason })).toBe(text);
  });

  it.each(codes(IMPORT_CODES))('import: %s', (code) => {
    for (const [reason, text] of importCase(code)) expect(importFailureMessage(reason)).toBe(text);
  });

  it.each(codes(DOCUMENT_CODES))('document: %s', (code) => {
    const [problem, text] = documentCase(code);
    expect(documentProblemText(problem)).toBe(text);
  });

  it('every sentence is one line with no final full stop', () => {
    const all = [
      ...codes(IMAGE_CODES).map((c) => imageMessage(imageCase(c)[0])),
      ...codes(LINK_CODES).map((c) => linkMessage(linkCase(c)[0])),
      ...codes(IMPORT_CODES).flatMap((c) => importCase(c).map(([r]) => importFailureMessage(r))),
    ];
    for (const text of all) {
      expect(text).not.toMatch(/\n/);
      expect(text).not.toMatch(/\.$/);
      expect(text).toMatch(/^[A-Z]/);
    }
  });
});
