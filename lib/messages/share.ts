/**
 * Words for share links that cannot be read (lib/io/share.ts returns the
 * codes).
 */
import type { LinkReason } from '@/lib/io/share';
import { formatBytes } from './json';
import { digits } from './count';

/** One sentence, without a final full stop. */
export function linkMessage(r: LinkReason): string {
  switch (r.code) {
    case 'unreadable':
      return 'The link could not be read';
    case 'too-long':
      return `The link is too long (${digits(r.chars)} characters; the limit is ${digits(r.maxChars)}); share the scenario as a file instead`;
    case 'no-scenario':
      return 'The link does not contain a Branchpoint scenario (expected "#s=…")';
    case 'empty':
      return 'The link is incomplete: the part after "#s=" is empty';
    case 'bad-characters':
      return 'The link is damaged: it contains characters that cannot appear in a Branchpoint link (it may have been cut or altered when copied)';
    case 'too-large':
      return `The link holds more than ${formatBytes(r.maxBytes)} of data once unpacked; Branchpoint opens at most ${formatBytes(r.maxBytes)}`;
    case 'not-inflatable':
      return 'The link is damaged: its data could not be unpacked (it may have been cut short when copied)';
    case 'not-utf8':
      return 'The link is damaged: its data is not valid UTF-8 text';
    case 'unexpected':
      return `The link could not be read (${r.detail})`;
  }
}
