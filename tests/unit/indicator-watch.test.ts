/**
 * The analyst's watch of an indicator gained a threshold, an owner and a
 * review cadence. Layers saved or exported before then load with the
 * defaults and lose nothing.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSaved } from '@/lib/persist/saved';
import { importSnapshotText } from '@/lib/io/snapshot';
import { restoreAnnotations } from '@/lib/io/restore';
import { validateScenario } from '@/lib/model/integrity';
import { RECORD_KINDS } from '@/lib/records';
import { cadenceText } from '@/lib/records/indicator';
import { repairText } from '@/lib/messages/persist';

const fixture = (...p: string[]) => fs.readFileSync(path.resolve(__dirname, '../fixtures', ...p), 'utf8');
const NOW = '2026-12-04T00:00:00.000Z';

describe('indicator watch fields', () => {
  it('defaults: no threshold, no owner, no cadence', () => {
    expect(RECORD_KINDS.indicators.defaults(NOW)).toMatchObject({ threshold: '', owner: '', reviewEveryDays: null });
  });

  it('a saved record written before the fields existed loads with the defaults and keeps the rest (frozen saved fixture)', () => {
    const r = decodeSaved(fixture('saved', 'saved-v1-scenario-v1.json'));
    if (r.status !== 'ok') throw new Error(r.status);
    const ann = r.value.document.annotations.indicators['queue-length']!;
    expect(ann).toMatchObject({ lastChecked: '2026-11-19', threshold: '', owner: '', reviewEveryDays: null });
    expect(r.repairs.map(repairText).join('\n')).not.toMatch(/threshold|owner|reviewEveryDays/);
  });

  it('a snapshot exported before the fields existed imports with the defaults, nothing lost, nothing reported', () => {
    const text = fixture('watch', 'snapshot-before-watch-fields.json');
    const r = importSnapshotText(text, { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const raw = JSON.parse(text).document.annotations.indicators;
    for (const id of Object.keys(raw)) {
      expect(r.document.annotations.indicators[id]).toEqual({ ...raw[id], threshold: '', owner: '', reviewEveryDays: null });
    }
    expect(r.repairs).toEqual([]);
  });

  it('a cadence that is not a positive whole number of days is reset to none; threshold and owner text are kept', () => {
    const snap = JSON.parse(fixture('watch', 'snapshot-before-watch-fields.json'));
    const v = validateScenario(snap.document.scenario);
    if (!v.ok) throw new Error('fixture scenario invalid');
    for (const bad of [0, -3, 2.5, '7', 4000]) {
      const { annotations, repairs } = restoreAnnotations(
        { indicators: { 'usage-drop': { state: 'observed', lastChecked: null, note: '', threshold: 'below 10%', owner: 'Water desk', reviewEveryDays: bad, updatedAt: NOW } } },
        v.scenario,
        { now: NOW },
      );
      expect(annotations.indicators['usage-drop']).toMatchObject({ threshold: 'below 10%', owner: 'Water desk', reviewEveryDays: null });
      expect(repairs.map((x) => x.code)).toEqual(['field-reset']);
    }
    const ok = restoreAnnotations(
      { indicators: { 'usage-drop': { state: 'observed', lastChecked: null, note: '', threshold: '', owner: '', reviewEveryDays: 14, updatedAt: NOW } } },
      v.scenario,
      { now: NOW },
    );
    expect(ok.annotations.indicators['usage-drop']!.reviewEveryDays).toBe(14);
    expect(ok.repairs).toEqual([]);
  });

  it('brief line and cadence words', () => {
    const line = RECORD_KINDS.indicators.brief(
      { id: 'x', statement: 's', evidenceIds: [], underminingEvidenceIds: [], observedEvidenceIds: [] },
      { ...RECORD_KINDS.indicators.defaults(NOW), state: 'emerging', reviewEveryDays: 7, threshold: 'two *attacks*', owner: 'Desk' },
      (t) => t.replace(/\*/g, '\\*'),
    );
    expect(line).toBe('Emerging; review every 7 days. Threshold: two \\*attacks\\*. Watched by Desk');
    expect(cadenceText(null)).toBe('no cadence');
    expect(cadenceText(1)).toBe('every day');
    expect(RECORD_KINDS.indicators.annotationFields).toEqual(expect.arrayContaining(['threshold', 'owner', 'reviewEveryDays']));
  });
});
