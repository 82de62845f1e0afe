/**
 * What the snapshot menu does: export, import, share links, the brief,
 * pictures and comparisons. Loaded on first use only (`await import('./actions')`),
 * never with the page: it pulls in lib/io, and through it the validators.
 */
import type { AppState } from '@/lib/store/store';
import { viewOf } from '@/lib/store/store';
import type { WorkDocument } from '@/lib/doc/types';
import { buildSnapshot, importSnapshotText, serializeSnapshot, snapshotFileName, type ImportFailure, type ImportResult } from '@/lib/io/snapshot';
import { imageMessage } from '@/lib/messages/image';
import { importFailureMessage } from '@/lib/messages/snapshot';
import { DEFAULT_MAX_FRAGMENT_CHARS, encodeShareFragment, importShareFragment } from '@/lib/io/share';
import { embedSnapshotInPng, importSnapshotFromPng, PNG_SIGNATURE } from '@/lib/io/png';
import { embedSnapshotInSvg, importSnapshotFromSvg } from '@/lib/io/svg';
import { buildBriefMarkdown } from '@/lib/io/brief';
import { diffDocuments, groupDiff, isEmptyDiff } from '@/lib/io/diff';
import { DIFF_HEADING, describeDiffItem } from '@/lib/messages/diff';
import { DEFAULT_MAX_BYTES } from '@/lib/io/safe-json';
import { renderTreeSvg } from '@/lib/io/image';
import { layoutTree } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { cardMarksOf } from '@/lib/card/size';
import { selectTeamSplit, splitMarkOf } from '@/lib/team/selectors';
import { selectOpenThreadCounts } from '@/lib/store/selectors';
import { nodePlace } from '@/lib/model/tree';
import type { Comparison, ComparisonGroup, DiffMark } from './types';
import { download } from '../download';
import { digits } from '@/lib/messages/count';

export const APP_VERSION = '0.1.0';
/** Largest file read for import (checked before reading). */
export const MAX_FILE_BYTES = DEFAULT_MAX_BYTES;
/** Longest side of a PNG export, in pixels, and its largest area. */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_AREA = 64_000_000;
/** Pixels per layout unit in a PNG export, when it fits. */
export const PNG_SCALE = 2;

// ---------------------------------------------------------------- files

export { download } from '../download';

const withExt = (name: string, ext: string) => name.replace(/\.json$/, ext);

export function snapshotText(s: AppState, now: Date = new Date()): string {
  return serializeSnapshot(buildSnapshot(s.document, viewOf(s), { appVersion: APP_VERSION, now }));
}

/** Downloads the open scenario as a snapshot; returns the file name. */
export function exportJson(s: AppState): string {
  const now = new Date();
  const name = snapshotFileName(s.document.scenario.title, now);
  download(name, snapshotText(s, now), 'application/json');
  return name;
}

// ---------------------------------------------------------------- import

function refused(reason: ImportFailure): ImportResult {
  return { ok: false, reason, problems: [] };
}

function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

/**
 * Reads a snapshot from a file: JSON, an SVG or a PNG exported by
 * Branchpoint. Checks the size before reading a byte. Never throws.
 */
export async function readSnapshotFile(file: File): Promise<ImportResult> {
  try {
    if (file.size > MAX_FILE_BYTES) return refused({ code: 'file-too-large', bytes: file.size, maxBytes: MAX_FILE_BYTES });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name.toLowerCase();
    if (isPng(bytes) || name.endsWith('.png') || file.type === 'image/png') return importSnapshotFromPng(bytes);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refused({ code: 'file-not-text' });
    }
    if (name.endsWith('.svg') || file.type === 'image/svg+xml' || /^\s*</.test(text)) return importSnapshotFromSvg(text);
    return importSnapshotText(text);
  } catch (err) {
    return refused({ code: 'file-unreadable', detail: err instanceof Error ? err.message : 'unknown error' });
  }
}

export function importText(text: string): ImportResult {
  return importSnapshotText(text);
}

export function importShare(fragment: string): Promise<ImportResult> {
  return importShareFragment(fragment);
}

// ---------------------------------------------------------------- share links

export type ShareLinkResult = { ok: true; link: string } | { ok: false; message: string };

/** `base` is origin + pathname of the page. */
export async function buildShareLink(s: AppState, base: string): Promise<ShareLinkResult> {
  try {
    const fragment = await encodeShareFragment(snapshotText(s));
    if (fragment.length > DEFAULT_MAX_FRAGMENT_CHARS) {
      return {
        ok: false,
        message: `This scenario is too large to share as a link: the link would be ${digits(fragment.length)} characters long, and Branchpoint opens links of up to ${digits(DEFAULT_MAX_FRAGMENT_CHARS)}. Export a snapshot file and share that instead.`,
      };
    }
    return { ok: true, link: base + fragment };
  } catch (err) {
    return { ok: false, message: `The link could not be made (${err instanceof Error ? err.message : 'unknown error'}). Export a snapshot file instead.` };
  }
}

// ---------------------------------------------------------------- brief

export function briefMarkdown(s: AppState): string {
  return buildBriefMarkdown(s.document, s.index);
}

/** Downloads the brief as Markdown; returns the file name. */
export function downloadBrief(s: AppState): string {
  const name = withExt(snapshotFileName(s.document.scenario.title), '-brief.md');
  download(name, briefMarkdown(s), 'text/markdown;charset=utf-8');
  return name;
}

/**
 * Splits the brief at headings into pieces small enough for the Markdown
 * renderer (which reads at most 100,000 characters of one source).
 */
export function briefChunks(markdown: string, max = 60_000): string[] {
  const lines = markdown.split('\n');
  const chunks: string[] = [];
  let cur: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (/^#{1,6} /.test(line) && size > max / 2) {
      chunks.push(cur.join('\n'));
      cur = [];
      size = 0;
    }
    cur.push(line);
    size += line.length + 1;
    if (size > max) {
      chunks.push(cur.join('\n'));
      cur = [];
      size = 0;
    }
  }
  if (cur.length > 0) chunks.push(cur.join('\n'));
  return chunks;
}

// ---------------------------------------------------------------- pictures

interface TreePicture {
  svg: string;
  width: number;
  height: number;
}

function treePicture(s: AppState, now: Date): TreePicture {
  // Sized with the marks the live tree shows (stance, likelihood, analysis value), so the cards match.
  const { marksOf } = cardMarksOf(s.document.annotations, s.analysisView?.solution ?? null);
  const layout = layoutTree(s.index, s.expanded, treeLayoutOptions(marksOf));
  const total = s.document.scenario.nodes.length;
  const shown = layout.order.length;
  const date = now.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const subtitle = `${shown === total ? `All ${total} branches` : `${shown} of ${total} branches`} shown · exported from Branchpoint on ${date}`;
  // The team's disagreement and open-thread marks, as the live cards show them.
  const split = selectTeamSplit(s);
  const talk = selectOpenThreadCounts(s);
  const svg = renderTreeSvg({
    scenario: s.document.scenario,
    annotations: s.document.annotations,
    layout,
    title: s.document.scenario.title,
    subtitle,
    marksOf,
    splitOf: (id) => splitMarkOf(split.get(id)),
    talkOf: (id) => talk.get(id) ?? 0,
  });
  const m = /^<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg);
  return { svg, width: Number(m?.[1] ?? 1), height: Number(m?.[2] ?? 1) };
}

/** Downloads the tree as SVG (with the snapshot inside); returns the file name. */
export function exportSvg(s: AppState): string {
  const now = new Date();
  const pic = treePicture(s, now);
  const embedded = embedSnapshotInSvg(pic.svg, snapshotText(s, now));
  if (!embedded.ok) throw new Error(imageMessage(embedded.reason));
  const name = withExt(snapshotFileName(s.document.scenario.title, now), '.svg');
  download(name, `<?xml version="1.0" encoding="UTF-8"?>\n${embedded.svg}`, 'image/svg+xml');
  return name;
}

/** The pixels-per-unit for a picture of this size: 2, or less to stay within the canvas limits. */
export function pngScale(width: number, height: number): number {
  return Math.min(PNG_SCALE, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the picture'));
    img.src = url;
  });
}

/**
 * Downloads the tree as PNG (drawn from the SVG, with the snapshot inside).
 * Returns the file name and, if the picture had to be scaled down, a note saying so.
 */
export async function exportPng(s: AppState): Promise<{ name: string; note: string | null }> {
  const now = new Date();
  const pic = treePicture(s, now);
  const scale = pngScale(pic.width, pic.height);
  const cw = Math.max(1, Math.floor(pic.width * scale));
  const ch = Math.max(1, Math.floor(pic.height * scale));
  const url = URL.createObjectURL(new Blob([pic.svg], { type: 'image/svg+xml' }));
  let blob: Blob | null;
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = cw;
    canvas.height = ch;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('the browser could not make a drawing surface that large');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, cw, ch);
    ctx.drawImage(img, 0, 0, cw, ch);
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    canvas.width = 0;
    canvas.height = 0;
  } finally {
    URL.revokeObjectURL(url);
  }
  if (!blob) throw new Error('the browser could not make the PNG (the picture may be too large; export SVG instead)');
  const embedded = embedSnapshotInPng(new Uint8Array(await blob.arrayBuffer()), snapshotText(s, now));
  if (!embedded.ok) throw new Error(imageMessage(embedded.reason));
  const name = withExt(snapshotFileName(s.document.scenario.title, now), '.png');
  download(name, embedded.png as Uint8Array<ArrayBuffer>, 'image/png');
  const note =
    scale < 1
      ? `The tree is too large for one PNG at full size, so the picture was scaled down to ${Math.round(scale * 100)}% (${cw} × ${ch} pixels). The SVG export keeps every detail.`
      : scale < PNG_SCALE
        ? `The tree is large, so the PNG was made at ${Math.round(scale * 100)}% instead of 200% (${cw} × ${ch} pixels).`
        : null;
  return { name, note };
}

// ---------------------------------------------------------------- compare

export type CompareResult = { ok: true; comparison: Comparison } | { ok: false; message: string };

function formatWhen(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return '';
  return ` (exported ${d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })})`;
}

/** Compares `before` with `after`; the marks are placed on the open scenario's tree. */
export function compareDocuments(before: WorkDocument, after: WorkDocument, label: string, s: AppState): Comparison {
  const diff = diffDocuments(before, after);
  const groups: ComparisonGroup[] = groupDiff(diff).map((g) => ({
    category: g.category,
    heading: DIFF_HEADING[g.category],
    lines: g.items.map((item) => ({ text: describeDiffItem(item), change: item.change, layer: item.layer ?? 'record' })),
  }));
  const changed: Comparison['changed'] = [];
  const offTree: Comparison['offTree'] = [];
  for (const [id, change] of diff.nodeChanges) {
    const node = s.index.byId.get(id);
    if (node) changed.push({ id, title: node.title, change: change as DiffMark });
    else {
      // Where it was: in the document that has it (the earlier one for a removed branch).
      const where = before.scenario.nodes.some((n) => n.id === id) ? before : after;
      const place = nodePlace(where.scenario.nodes, id);
      if (place) offTree.push({ id, change: change as DiffMark, ...place });
    }
  }
  return { label, groups: isEmptyDiff(diff) ? [] : groups, marks: diff.nodeChanges, changed, offTree };
}

async function readForCompare(file: File): Promise<{ ok: true; document: WorkDocument; exportedAt: string | null } | { ok: false; message: string }> {
  const r = await readSnapshotFile(file);
  if (!r.ok) return { ok: false, message: `“${file.name}” cannot be compared: ${importFailureMessage(r.reason)}` };
  return { ok: true, document: r.document, exportedAt: r.summary.exportedAt };
}

/** The snapshot in `file` (before) against the open scenario (after). */
export async function compareWithOpen(file: File, s: AppState): Promise<CompareResult> {
  const a = await readForCompare(file);
  if (!a.ok) return a;
  return { ok: true, comparison: compareDocuments(a.document, s.document, `Changes in the open scenario since “${file.name}”${formatWhen(a.exportedAt)}`, s) };
}

/** The snapshot in `first` (before) against the one in `second` (after). */
export async function compareTwoFiles(first: File, second: File, s: AppState): Promise<CompareResult> {
  const [a, b] = await Promise.all([readForCompare(first), readForCompare(second)]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  return {
    ok: true,
    comparison: compareDocuments(a.document, b.document, `Changes from “${first.name}”${formatWhen(a.exportedAt)} to “${second.name}”${formatWhen(b.exportedAt)}`, s),
  };
}
