/**
 * Words for refused imports (lib/io/snapshot.ts returns `ImportFailure`
 * codes): files, pictures and share links alike.
 */
import { SNAPSHOT_FORMAT, formatVersionSentence, type ImportFailure } from '@/lib/io/snapshot';
import type { Shown } from '@/lib/io/restore';
import { formatBytes, jsonMessage } from './json';
import { imageMessage } from './image';
import { linkMessage } from './share';
import { shownText } from './restore';
import { sdRefusalText } from './analysis';
import { digits } from './count';

/** What a file holds instead of an object: "a list", "the value true"… */
function holdsText(v: Shown): string {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'list':
      return 'a list';
    case 'number':
      return 'a number';
    case 'text':
      return 'text';
    case 'boolean':
      return `the value ${String(v.sample)}`;
    default:
      return 'an object';
  }
}

/** The one sentence (without a final full stop) saying why an import was refused. */
export function importFailureMessage(f: ImportFailure): string {
  switch (f.code) {
    case 'json':
      return jsonMessage(f.reason);
    case 'not-an-object':
      return `This is not a Branchpoint snapshot: the file holds ${holdsText(f.found)}, not an object with "format": "${SNAPSHOT_FORMAT}"`;
    case 'wrong-format':
      return `This is not a Branchpoint snapshot: "format" is ${shownText(f.found)}, expected "${SNAPSHOT_FORMAT}"`;
    case 'format-version':
      return formatVersionSentence(f.reason);
    case 'no-document':
      return 'The snapshot holds no "document"';
    case 'unrecognised':
      return `This is not a Branchpoint snapshot or scenario: expected "format": "${SNAPSHOT_FORMAT}" (or a scenario with "schemaVersion" and "nodes")`;
    case 'invalid': {
      if (!f.first) return `The ${f.what} cannot be imported`;
      const more = f.more > 0 ? ` (and ${f.more} more problem${f.more > 1 ? 's' : ''})` : '';
      return `The ${f.what} cannot be imported: ${f.first.path}: ${f.first.message}${more}`;
    }
    case 'image':
      return imageMessage(f.reason);
    case 'link':
      return linkMessage(f.reason);
    case 'file-too-large': {
      // When both round to the same figure, say the exact size so it visibly differs from the limit.
      const size = formatBytes(f.bytes) === formatBytes(f.maxBytes) ? `${digits(f.bytes)} bytes` : formatBytes(f.bytes);
      return `The file is too large (${size}); Branchpoint imports files of up to ${formatBytes(f.maxBytes)}`;
    }
    case 'file-not-text':
      return 'This file is not a Branchpoint snapshot: it is not text (Branchpoint imports snapshot files (.json) and SVG or PNG pictures exported from Branchpoint)';
    case 'file-unreadable':
      return `The file could not be read (${f.detail})`;
    case 'unexpected':
      return `The file could not be imported (${f.detail})`;
    case 'silverdecisions':
      return sdRefusalText(f.refusal).replace(/\.$/, '');
  }
}
