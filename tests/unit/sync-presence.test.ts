/**
 * Presence as read from other clients (lib/sync/presence): names are plain
 * bounded text, colours only from the palette, selections plain ids; a tree
 * node's marks keep their identity while they do not change.
 */
import { describe, it, expect } from 'vitest';
import { ANALYST_ID, cleanName, createPresenceStore, initialOf, newMe, NO_PEERS, readMe, readPeers, MAX_NAME, PRESENCE_COLOURS } from '@/lib/sync/presence';

const user = (name: unknown, colour: unknown = PRESENCE_COLOURS[0]) => ({ user: { name, colour } });

describe('presence', () => {
  it('keeps names as one line of plain text, bounded', () => {
    expect(cleanName('  Desk\n officer\u202e ')).toBe('Desk officer');
    expect(cleanName('a'.repeat(500))).toHaveLength(MAX_NAME);
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(42)).toBeNull();
    expect(cleanName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>'); // text, shown as text
  });

  it('reads the others: a bad colour, name or selection is never taken', () => {
    const peers = readPeers(
      [
        [3, { ...user('Zed'), selection: 'kunar-strike' }],
        [1, { ...user('Me'), selection: null }],
        [2, { ...user('Amy', 'red; background:url(x)'), selection: 'x' }],
        [4, { ...user('Bo'), selection: 'a b"><script>' }],
        [5, 'junk'],
        [6, { user: null }],
      ],
      1,
    );
    expect(peers.map((p) => [p.clientId, p.name, p.self, p.selectedId])).toEqual([
      [1, 'Me', true, null],
      [4, 'Bo', false, null],
      [3, 'Zed', false, 'kunar-strike'],
    ]);
    const ids = readPeers(
      [
        [1, { user: { id: 'a-abcdefghijkl', name: 'Cy', colour: PRESENCE_COLOURS[1] } }],
        [2, { user: { id: 'a-"><b>', name: 'Di', colour: PRESENCE_COLOURS[1] } }],
      ],
      1,
    );
    expect(ids.map((p) => p.analystId)).toEqual(['a-abcdefghijkl', null]);
  });

  it('keeps an identity in storage, and refuses a damaged one', () => {
    let i = 0;
    const me = newMe(() => [0.5, 0.99][i++ % 2]!);
    expect(me.name).toBe('Analyst 550');
    expect(PRESENCE_COLOURS).toContain(me.colour);
    expect(me.id).toMatch(ANALYST_ID);
    expect(readMe(JSON.stringify(me))).toEqual(me);
    // Kept before analysts had ids: the name and colour stay, an id is given (from the random source).
    const old = readMe(JSON.stringify({ name: me.name, colour: me.colour }), () => 0.5);
    expect(old).toEqual({ id: 'a-iiiiiiiiiiii', name: me.name, colour: me.colour });
    expect(readMe(JSON.stringify({ ...me, id: 'a-<script>' }), () => 0)?.id).toBe('a-000000000000');
    expect(readMe('{"name":"x","colour":"url(evil)"}')).toBeNull();
    expect(readMe('not json')).toBeNull();
    expect(readMe(null)).toBeNull();
    expect(initialOf('desk officer')).toBe('D');
  });

  it("marks a branch with the others on it, the same array while nothing changes, never yourself", () => {
    const store = createPresenceStore();
    let calls = 0;
    store.subscribe(() => calls++);
    const states = (sel: string) => [
      [1, { ...user('Me'), selection: 'n1' }],
      [2, { ...user('Amy'), selection: sel }],
    ] as Array<[number, unknown]>;
    store.set(readPeers(states('n1'), 1));
    const first = store.on('n1');
    expect(first.map((p) => p.name)).toEqual(['Amy']);
    store.set(readPeers(states('n1'), 1));
    expect(store.on('n1')).toBe(first);
    store.set(readPeers(states('n2'), 1));
    expect(store.on('n1')).toHaveLength(0);
    // Nobody on a branch, and nobody in the room, is the page's own empty list (its server snapshot): the same object.
    expect(store.on('n1')).toBe(NO_PEERS);
    expect(createPresenceStore().on('n9')).toBe(NO_PEERS);
    expect(createPresenceStore().peers()).toBe(NO_PEERS);
    expect(store.on('n2').map((p) => p.name)).toEqual(['Amy']);
    expect(store.peers()).toHaveLength(2);
    expect(calls).toBe(3);
  });
});
