/**
 * Words for pictures that cannot be read or hold no readable scenario
 * (lib/io/png.ts, lib/io/svg.ts, lib/io/embedded.ts return the codes).
 */
import type { ImageFormat, ImageReason } from '@/lib/io/embedded';
import { formatBytes } from './json';

/** "This is not a PNG image (the file is too short)" */
const notAn = (format: ImageFormat, why: string) => `This is not ${format === 'PNG' ? 'a PNG' : 'an SVG'} image (${why})`;

/** What is wrong with the PNG file itself at the chunk starting at `at`. */
function chunkFault(r: Extract<ImageReason, { at: number }>): string {
  const chunk = `a chunk at byte ${r.at}`;
  if (r.code === 'png-chunk-past-end') return `The PNG image is truncated (${chunk} runs past the end of the file)`;
  return `The PNG image is damaged (${chunk} ${r.code === 'png-chunk-bad-type' ? 'has an invalid type' : 'claims an impossible length'})`;
}

/** The parenthesis of "The scenario in this … image is damaged (…)". */
const DAMAGE = {
  'png-header-cut': 'its header is cut short',
  'svg-checksum-missing': 'its checksum is missing',
  'svg-not-base64': 'its data is not valid base64',
  'checksum-mismatch': 'its checksum does not match',
  'not-utf8': 'it is not valid UTF-8 text',
} as const;

/** One sentence, without a final full stop. */
export function imageMessage(r: ImageReason): string {
  const scenarioIn = (format: ImageFormat) => `The scenario in this ${format} image`;
  switch (r.code) {
    case 'unreadable':
      return 'The image could not be read';
    case 'unexpected':
      return `The image could not be read (${r.detail})`;
    case 'png-too-short':
    case 'png-bad-signature':
      return notAn('PNG', r.code === 'png-too-short' ? 'the file is too short' : 'the signature is wrong');
    case 'svg-no-element':
      return notAn('SVG', 'no <svg> element found');
    case 'svg-tag-unclosed':
      return 'This SVG image is damaged (its <svg> tag is not closed)';
    case 'png-truncated':
      return 'The PNG image is truncated (it ends in the middle of a chunk)';
    case 'png-chunk-impossible-length':
    case 'png-chunk-past-end':
    case 'png-chunk-bad-type':
      return chunkFault(r);
    case 'png-unread-form':
      return `${scenarioIn('PNG')} is stored in a form Branchpoint does not read (${r.chunkType})`;
    case 'png-compressed':
      return `${scenarioIn('PNG')} is compressed, which Branchpoint does not read`;
    case 'no-scenario':
      return `This ${r.format} image does not contain a Branchpoint scenario (it may have been exported without one, or re-saved by another program)`;
    case 'too-large':
      return `${scenarioIn(r.format)} is too large (${r.approximate ? 'about ' : ''}${formatBytes(r.bytes)}); Branchpoint reads up to ${formatBytes(r.maxBytes)}`;
    case 'png-header-cut':
      return `${scenarioIn('PNG')} is damaged (${DAMAGE[r.code]})`;
    case 'svg-checksum-missing':
    case 'svg-not-base64':
      return `${scenarioIn('SVG')} is damaged (${DAMAGE[r.code]})`;
    case 'checksum-mismatch':
    case 'not-utf8':
      return `${scenarioIn(r.format)} is damaged (${DAMAGE[r.code]})`;
  }
}
