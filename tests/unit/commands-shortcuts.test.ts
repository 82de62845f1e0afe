import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as sc from '@/lib/commands/shortcuts';
import type { KeyInput, KeyTarget, Platform, Shortcut } from '@/lib/commands/shortcuts';
import { COMMANDS, commandForKey, shortcutsOf, type CommandId } from '@/lib/commands/registry';

const NOWHERE: KeyTarget = { editable: false, textField: false, localDraft: false, inDialog: false };
const IN_FIELD: KeyTarget = { editable: true, textField: true, localDraft: false, inDialog: false };
const IN_SELECT: KeyTarget = { editable: true, textField: false, localDraft: false, inDialog: false };
const IN_DRAFT: KeyTarget = { editable: true, textField: true, localDraft: true, inDialog: false };
const IN_DIALOG: KeyTarget = { editable: false, textField: false, localDraft: false, inDialog: true };

function key(k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

/** The key event pressing a shortcut produces on a platform (a US layout: Shift upper-cases letters). */
function press(s: Shortcut, platform: Platform): KeyInput {
  const letter = /^[a-z]$/.test(s.key);
  return {
    key: letter && s.shift ? s.key.toUpperCase() : s.key,
    code: letter ? `Key${s.key.toUpperCase()}` : undefined,
    ctrlKey: s.mod && platform === 'other',
    metaKey: s.mod && platform === 'mac',
    shiftKey: s.shift,
    altKey: s.alt,
  };
}

const on = (e: KeyInput, platform: Platform, target: KeyTarget = NOWHERE): CommandId | undefined => commandForKey(e, target, platform)?.id;

describe('shortcuts: parsing and display', () => {
  it('parses modifiers in any case and order, and refuses unknown ones', () => {
    expect(sc.parseShortcut('Mod+Shift+Z')).toEqual({ key: 'z', mod: true, shift: true, alt: false });
    expect(sc.parseShortcut('shift+mod+z')).toEqual(sc.parseShortcut('Mod+Shift+Z'));
    expect(sc.parseShortcut('/')).toEqual({ key: '/', mod: false, shift: false, alt: false });
    expect(sc.parseShortcut('Mod++')).toEqual({ key: '+', mod: true, shift: false, alt: false });
    expect(() => sc.parseShortcut('Hyper+Z')).toThrow(/Unknown modifier/);
    expect(() => sc.parseShortcut('')).toThrow(/without a key/);
  });

  it('shows Ctrl elsewhere and ⌘ on a Mac, and announces Control or Meta', () => {
    const redo = sc.parseShortcut('Mod+Shift+Z');
    expect(sc.formatShortcut(redo, 'other')).toBe('Ctrl+Shift+Z');
    expect(sc.formatShortcut(redo, 'mac')).toBe('⇧⌘Z');
    expect(sc.ariaShortcut(redo, 'other')).toBe('Control+Shift+Z');
    expect(sc.ariaShortcut(sc.parseShortcut('Mod+Z'), 'mac')).toBe('Meta+Z');
    expect(sc.formatShortcut(sc.parseShortcut('/'), 'mac')).toBe('/');
  });

  it('knows a Mac from what the browser says', () => {
    expect(sc.detectPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(sc.detectPlatform({ platform: '', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' })).toBe('mac');
    expect(sc.detectPlatform({ platform: 'Linux x86_64' })).toBe('other');
    expect(sc.detectPlatform({ platform: 'Win32' })).toBe('other');
    expect(sc.detectPlatform(undefined)).toBe('other');
  });
});

describe('shortcuts: matching a key event', () => {
  it('undo is Ctrl+Z elsewhere and Cmd+Z on a Mac, never the other platform’s modifier', () => {
    expect(on(key('z', { ctrlKey: true }), 'other')).toBe('history.undo');
    expect(on(key('z', { metaKey: true }), 'mac')).toBe('history.undo');
    expect(on(key('z', { metaKey: true }), 'other')).toBeUndefined();
    expect(on(key('z', { ctrlKey: true }), 'mac')).toBeUndefined();
    expect(on(key('z', { ctrlKey: true, metaKey: true }), 'other')).toBeUndefined();
    expect(on(key('z', { ctrlKey: true, altKey: true }), 'other')).toBeUndefined();
    expect(on(key('z'), 'other')).toBeUndefined();
  });

  it('redo is Ctrl/Cmd+Shift+Z, or Ctrl/Cmd+Y', () => {
    expect(on(key('Z', { ctrlKey: true, shiftKey: true }), 'other')).toBe('history.redo');
    expect(on(key('Z', { metaKey: true, shiftKey: true }), 'mac')).toBe('history.redo');
    expect(on(key('y', { ctrlKey: true }), 'other')).toBe('history.redo');
    expect(on(key('Y', { ctrlKey: true, shiftKey: true }), 'other')).toBeUndefined();
  });

  it('finds the letter on a non-Latin layout by the physical key', () => {
    expect(on({ ...key('я', { ctrlKey: true }), code: 'KeyZ' }, 'other')).toBe('history.undo');
    expect(on({ ...key('я', { ctrlKey: true }), code: 'KeyQ' }, 'other')).toBeUndefined();
  });

  it('undo and redo leave text fields and local drafts to their own undo, and work on a select or in a dialog; "/" only outside text and dialogs', () => {
    const undo = key('z', { ctrlKey: true });
    expect(on(undo, 'other', IN_FIELD)).toBeUndefined();
    expect(on(key('Z', { ctrlKey: true, shiftKey: true }), 'other', IN_FIELD)).toBeUndefined();
    expect(on(undo, 'other', IN_SELECT)).toBe('history.undo');
    expect(on(undo, 'other', IN_DIALOG)).toBe('history.undo');
    expect(on(undo, 'other', IN_DRAFT)).toBeUndefined();
    expect(on(key('/'), 'other')).toBe('search.focus');
    expect(on(key('/'), 'mac')).toBe('search.focus');
    expect(on(key('/'), 'other', IN_FIELD)).toBeUndefined();
    expect(on(key('/'), 'other', IN_DIALOG)).toBeUndefined();
    expect(on(key('/', { ctrlKey: true }), 'other')).toBeUndefined();
  });

  it('scopes: a local draft blocks everything; undo and redo yield to text fields; outside-text also yields to selects and dialogs', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (editable, text, localDraft, inDialog) => {
        const textField = editable && text;
        const t = { editable, textField, localDraft, inDialog };
        expect(sc.shortcutAllowed('except-text-fields', t)).toBe(!localDraft && !textField);
        expect(sc.shortcutAllowed('outside-text', t)).toBe(!localDraft && !editable && !inDialog);
      }),
    );
  });

  it('every registered shortcut, pressed on either platform, runs its own command; with one modifier changed it does not', () => {
    const all = COMMANDS.flatMap((c) => shortcutsOf(c).map((s) => ({ id: c.id, s })));
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.constantFrom<Platform>('mac', 'other'),
        fc.constantFrom('ctrlKey', 'metaKey', 'altKey'),
        ({ id, s }, platform, flip: 'ctrlKey' | 'metaKey' | 'altKey') => {
          const e = press(s, platform);
          expect(sc.matchesShortcut(s, e, platform)).toBe(true);
          expect(on(e, platform)).toBe(id);
          const changed = { ...e, [flip]: !e[flip] };
          expect(sc.matchesShortcut(s, changed, platform)).toBe(false);
        },
      ),
    );
  });

  it('a key event matches at most one command, whatever it is', () => {
    const keys = ['z', 'Z', 'y', 'Y', '/', '?', 'a', 'Enter', 'Escape', 'я'];
    fc.assert(
      fc.property(
        fc.record({
          key: fc.constantFrom(...keys),
          code: fc.constantFrom(undefined, 'KeyZ', 'KeyY', 'Slash'),
          ctrlKey: fc.boolean(),
          metaKey: fc.boolean(),
          shiftKey: fc.boolean(),
          altKey: fc.boolean(),
        }),
        fc.constantFrom<Platform>('mac', 'other'),
        (e, platform) => {
          const hits = COMMANDS.filter((c) => shortcutsOf(c).some((s) => sc.matchesShortcut(s, e, platform)));
          expect(hits.length).toBeLessThanOrEqual(1);
          // And never without the platform's own modifier when the shortcut has one.
          for (const c of hits) {
            for (const s of shortcutsOf(c)) if (s.mod && sc.matchesShortcut(s, e, platform)) expect(platform === 'mac' ? e.metaKey : e.ctrlKey).toBe(true);
          }
        },
      ),
    );
  });
});
