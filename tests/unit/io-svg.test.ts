import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embedSnapshotInSvg, extractSnapshotFromSvg, importSnapshotFromSvg } from '@/lib/io/svg';
import { expectRefusedOrExact, imageRefusal, IMPORT_OPTIONS, unwrap, validSnapshotText as snapshotText } from '../support/snapshots';
const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" data-title="a > b"><rect width="10" height="10"/><text x="1" y="2">Tree</text></svg>\n';

const embed = (svg: string, text: string) => unwrap(embedSnapshotInSvg(svg, text)).svg;

describe('SVG embedding', () => {
  it('round-trips a snapshot inside <metadata> right after the <svg> tag', () => {
    const out = embed(SVG, snapshotText);
    expect(out).toMatch(/<svg [^>]*data-title="a > b"><metadata data-branchpoint="snapshot" data-encoding="base64" data-crc32="[0-9a-f]{8}">[A-Za-z0-9+/=]+<\/metadata><rect/);
    expect(out.endsWith('</svg>\n')).toBe(true);
    expect(extractSnapshotFromSvg(out)).toEqual({ ok: true, text: snapshotText });
    const r = importSnapshotFromSvg(out);
    expect(r.ok && r.summary.nodes).toBe(6);
  });

  it('cannot be broken out of by user text', () => {
    const evil = '</metadata></svg><script>alert(1)</script><![CDATA[ ]]> & <';
    const out = embed(SVG, evil);
    expect(out).not.toContain('<script>');
    expect(out.match(/<\/metadata>/g)).toHaveLength(1);
    expect(extractSnapshotFromSvg(out)).toEqual({ ok: true, text: evil });
  });

  it('round-trips arbitrary text and replaces an earlier snapshot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const out = embed(embed(SVG, 'old'), text);
        expect(out.match(/<metadata /g)).toHaveLength(1);
        expect(extractSnapshotFromSvg(out)).toEqual({ ok: true, text });
      }),
      { numRuns: 100 },
    );
  });

  it('opens a self-closing <svg/> to hold the metadata', () => {
    const out = embed('<svg xmlns="http://www.w3.org/2000/svg" />', 'x');
    expect(out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"><metadata .*<\/metadata><\/svg>$/);
    expect(extractSnapshotFromSvg(out)).toEqual({ ok: true, text: 'x' });
  });

  it('ignores other <metadata> elements and <svgfoo> look-alikes', () => {
    const svg = '<svgx/><svg><metadata>rdf stuff</metadata><g/></svg>';
    const out = embed(svg, 'hello');
    expect(out).toContain('<metadata>rdf stuff</metadata>');
    expect(extractSnapshotFromSvg(out)).toEqual({ ok: true, text: 'hello' });
  });

  it('refuses non-SVG text and SVGs without a snapshot', () => {
    expect(imageRefusal(embedSnapshotInSvg('<html></html>', 'x'))).toEqual({
      reason: { code: 'svg-no-element' },
      message: 'This is not an SVG image (no <svg> element found)',
    });
    expect(imageRefusal(extractSnapshotFromSvg('<html></html>'))).toEqual({
      reason: { code: 'svg-no-element' },
      message: 'This is not an SVG image (no <svg> element found)',
    });
    expect(imageRefusal(embedSnapshotInSvg('<svg width="1', 'x'))).toEqual({
      reason: { code: 'svg-tag-unclosed' },
      message: 'This SVG image is damaged (its <svg> tag is not closed)',
    });
    expect(imageRefusal(extractSnapshotFromSvg(SVG))).toEqual({
      reason: { code: 'no-scenario', format: 'SVG' },
      message: 'This SVG image does not contain a Branchpoint scenario (it may have been exported without one, or re-saved by another program)',
    });
    expect(imageRefusal(extractSnapshotFromSvg(42 as unknown as string))).toEqual({ reason: { code: 'unreadable' }, message: 'The image could not be read' });
  });

  it('refuses damaged, unterminated or oversized payloads', () => {
    const out = embed(SVG, snapshotText);
    expect(imageRefusal(extractSnapshotFromSvg(out.replace(/(data-crc32="[0-9a-f]{8}">)[A-Za-z0-9]{10}/, (_, tag: string) => `${tag}$%^&*()!@#`)))).toEqual({
      reason: { code: 'svg-not-base64' },
      message: 'The scenario in this SVG image is damaged (its data is not valid base64)',
    });
    expect(extractSnapshotFromSvg(out.replace('</metadata>', '')).ok).toBe(false);
    const r = imageRefusal(extractSnapshotFromSvg(out, { maxBytes: 100 }));
    expect(r !== 'ok' && r.reason).toMatchObject({ code: 'too-large', format: 'SVG', approximate: true, maxBytes: 100 });
    expect(r !== 'ok' && r.message).toMatch(/^The scenario in this SVG image is too large \(about \d+(\.\d)? KB\); Branchpoint reads up to 100 bytes$/);
    const small = '<svg><metadata data-branchpoint="snapshot" data-encoding="base64">eHh4eA==</metadata></svg>'; // "xxxx"
    expect(imageRefusal(extractSnapshotFromSvg(small, { maxBytes: 3 }))).toEqual({
      reason: { code: 'too-large', format: 'SVG', bytes: 4, approximate: false, maxBytes: 3 },
      message: 'The scenario in this SVG image is too large (4 bytes); Branchpoint reads up to 3 bytes',
    });
    const notUtf8 = '<svg><metadata data-branchpoint="snapshot" data-encoding="base64">//79</metadata></svg>';
    expect(imageRefusal(extractSnapshotFromSvg(notUtf8))).toEqual({
      reason: { code: 'not-utf8', format: 'SVG' },
      message: 'The scenario in this SVG image is damaged (it is not valid UTF-8 text)',
    });
    expect(imageRefusal(extractSnapshotFromSvg(out.replace(/ data-crc32="[0-9a-f]{8}"/, ' data-crc32="00000000"')))).toEqual({
      reason: { code: 'checksum-mismatch', format: 'SVG' },
      message: 'The scenario in this SVG image is damaged (its checksum does not match)',
    });
    expect(imageRefusal(extractSnapshotFromSvg(out.replace(/ data-crc32="[0-9a-f]{8}"/, ' data-crc="x"')))).toEqual({
      reason: { code: 'svg-checksum-missing' },
      message: 'The scenario in this SVG image is damaged (its checksum is missing)',
    });
  });

  it('still reads images exported before the checksum', () => {
    const legacy = embed(SVG, snapshotText).replace(/ data-crc32="[0-9a-f]{8}"/, '');
    expect(legacy).toContain('<metadata data-branchpoint="snapshot" data-encoding="base64">');
    expect(extractSnapshotFromSvg(legacy)).toEqual({ ok: true, text: snapshotText });
  });

  it('any text corruption is refused with a reason or restores exactly the snapshot embedded', () => {
    const out = embed(SVG, snapshotText);
    const edit = fc.record({ at: fc.nat({ max: out.length }), cut: fc.nat({ max: 50 }), insert: fc.string({ maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let s = out;
        for (const { at, cut, insert } of edits) s = s.slice(0, at) + insert + s.slice(at + cut);
        expectRefusedOrExact(extractSnapshotFromSvg(s), importSnapshotFromSvg(s, IMPORT_OPTIONS), snapshotText);
      }),
      { numRuns: 500 },
    );
  });

  it('any change to the embedded data is refused, even one that still decodes', () => {
    const out = embed(SVG, snapshotText);
    const start = out.indexOf('>', out.indexOf('<metadata ')) + 1;
    const end = out.indexOf('</metadata>');
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), fc.constantFrom(...b64), (at, c) => {
        fc.pre(out[at] !== c && out[at] !== '=');
        const s = out.slice(0, at) + c + out.slice(at + 1);
        expect(extractSnapshotFromSvg(s).ok).toBe(false);
        expect(importSnapshotFromSvg(s).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
