/**
 * Words for pictures that cannot be read or hold no readable scenario
 * (lib/io/png.ts, lib/io/svg.ts, lib/io/embedded.ts return the codes).
 */
import type { ImageReason } from '@/lib/io/embedded';
import { formatBytes } from './json';

/** One sentence, without a final full stop. */
export function imageMessage(r: ImageReason): string {
  switch (r.code) {
    case 'unreadable':
      return 'The image could not be read';
    case 'png-too-short':
      return 'This is not a PNG image (the file is too short)';
    case 'png-bad-signature':
      return 'This is not a PNG image (the signature is wrong)';
    case 'png-truncated':
      return 'The PNG image is truncated (it ends in the middle of a chunk)';
    case 'png-chunk-impossible-length':
      return `The PNG image is damaged (a chunk at byte ${r.at} claims an impossible length)`;
    case 'png-chunk-past-end':
      return `The PNG image is truncated (a chunk at byte ${r.at} runs past the end of the file)`;
    case 'png-chunk-bad-type':
      return `The PNG image is damaged (a chunk at byte ${r.at} has an invalid type)`;
    case 'png-unread-form':
      return `The scenario in this PNG image is stored in a form Branchpoint does not read (${r.chunkType})`;
    case 'png-header-cut':
      return 'The scenario in this PNG image is damaged (its header is cut short)';
    case 'png-compressed':
      return 'The scenario in this PNG image is compressed, which Branchpoint does not read';
    case 'svg-no-element':
      return 'This is not an SVG image (no <svg> element found)';
    case 'svg-tag-unclosed':
      return 'This SVG image is damaged (its <svg> tag is not closed)';
    case 'svg-checksum-missing':
      return 'The scenario in this SVG image is damaged (its checksum is missing)';
    case 'svg-not-base64':
      return 'The scenario in this SVG image is damaged (its data is not valid base64)';
    case 'no-scenario':
      return `This ${r.format} image does not contain a Branchpoint scenario (it may have been exported without one, or re-saved by another program)`;
    case 'checksum-mismatch':
      return `The scenario in this ${r.format} image is damaged (its checksum does not match)`;
    case 'too-large':
      return `The scenario in this ${r.format} image is too large (${r.approximate ? 'about ' : ''}${formatBytes(r.bytes)}); Branchpoint reads up to ${formatBytes(r.maxBytes)}`;
    case 'not-utf8':
      return `The scenario in this ${r.format} image is damaged (it is not valid UTF-8 text)`;
    case 'unexpected':
      return `The image could not be read (${r.detail})`;
  }
}
