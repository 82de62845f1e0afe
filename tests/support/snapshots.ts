/**
 * Shared setup of the image-embedding tests: a valid snapshot to embed, and
 * the property every corrupted image must keep: refused with a reason, or
 * restored to exactly what was embedded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { WorkDocument } from '@/lib/doc/types';
import { importSnapshotText, type ImportOptions, type ImportResult } from '@/lib/io/snapshot';
import type { ImageExtractResult, ImageReason } from '@/lib/io/embedded';
import { imageMessage } from '@/lib/messages/image';
import { importFailureMessage } from '@/lib/messages/snapshot';

/** The text of tests/fixtures/hostile/valid-snapshot.json (Riverton's drought response, six nodes). */
export const validSnapshotText = readFileSync(path.resolve(__dirname, '../fixtures/hostile/valid-snapshot.json'), 'utf8');

/** Fixed import options, so two imports of the same text are equal. */
export const IMPORT_OPTIONS: ImportOptions = { now: '2026-01-01T00:00:00.000Z' };

/** The success of a result, failing the test with its reason when it is a refusal. */
export function unwrap<R extends { ok: true } | { ok: false; reason: object }>(r: R): Extract<R, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify((r as { reason: object }).reason));
  return r as Extract<R, { ok: true }>;
}

/** The sentence the user reads for a refused import (lib/messages/snapshot.ts). */
export function refusal(r: ImportResult): string {
  return r.ok ? 'ok' : importFailureMessage(r.reason);
}

/** A refused picture as the user meets it: its code and facts, and the sentence lib/messages/image.ts makes of them. */
export function imageRefusal(r: { ok: true } | { ok: false; reason: ImageReason }): 'ok' | { reason: ImageReason; message: string } {
  return r.ok ? 'ok' : { reason: r.reason, message: imageMessage(r.reason) };
}

type Extracted = ImageExtractResult;

/**
 * The property of a damaged image: extraction either refuses with a message
 * or gives back exactly `text`, and import either refuses with a message or
 * restores exactly what importing `text` restores.
 */
export function expectRefusedOrExact(extracted: Extracted, imported: ImportResult, text: string) {
  if (extracted.ok) expect(extracted.text).toBe(text);
  else expect(imageMessage(extracted.reason)).toMatch(/\S/);
  if (imported.ok) expect(imported).toEqual(importSnapshotText(text, IMPORT_OPTIONS));
  else expect(importFailureMessage(imported.reason)).toMatch(/\S/);
  // Import goes through extraction: it cannot succeed where extraction refused.
  if (!extracted.ok) expect(imported.ok).toBe(false);
}

/** The document of the valid snapshot fixture, freshly imported (a new object each call). */
export function validSnapshotDocument(): WorkDocument {
  const r = importSnapshotText(validSnapshotText);
  if (!r.ok) throw new Error(refusal(r));
  return r.document;
}
