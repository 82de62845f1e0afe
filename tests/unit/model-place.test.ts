import { describe, it, expect } from 'vitest';
import { nodePlace, sharedTitleParents } from '@/lib/model/tree';
import { placeText, underParent } from '@/lib/messages/tree';

const nodes = [
  { id: 'root', parentId: null, title: 'Root', order: 0 },
  { id: 'b', parentId: 'root', title: 'B', order: 1 },
  { id: 'a', parentId: 'root', title: 'A', order: 0 },
  { id: 'c', parentId: 'root', title: 'C', order: 2 },
];

describe('nodePlace: where a branch sits', () => {
  it('gives its parent and its place among its siblings by order', () => {
    expect(nodePlace(nodes, 'b')).toEqual({ title: 'B', parentTitle: 'Root', position: 2, of: 3 });
    expect(nodePlace(nodes, 'root')).toEqual({ title: 'Root', parentTitle: null, position: 1, of: 1 });
    expect(nodePlace(nodes, 'nope')).toBeNull();
    expect(placeText('Root', 2, 3)).toBe('(under “Root”, branch 2 of 3)');
    expect(placeText(null, 1, 1)).toBe('(the root, branch 1 of 1)');
  });
});

describe('sharedTitleParents: telling apart listed nodes of the same title', () => {
  const byId = new Map(
    [
      { id: 'root', parentId: null, title: 'Root' },
      { id: 'refuses', parentId: 'root', title: 'Texaco refuses' },
      { id: 'refuse3', parentId: 'root', title: 'Refuse $3 billion' },
      { id: 'court1', parentId: 'refuses', title: 'Final court decision' },
      { id: 'court2', parentId: 'refuse3', title: 'Final court decision' },
      { id: 'reaction', parentId: 'root', title: 'Texaco’s reaction' },
    ].map((n) => [n.id, n]),
  );
  it('names the parent of each node whose title another listed node shares, and only those', () => {
    const parents = sharedTitleParents(byId, ['reaction', 'court1', 'court2']);
    expect([...parents.entries()]).toEqual([
      ['court1', 'Texaco refuses'],
      ['court2', 'Refuse $3 billion'],
    ]);
    expect(underParent('Final court decision', parents.get('court2')!)).toBe('Final court decision (under “Refuse $3 billion”)');
  });
  it('leaves a title alone when the other node of that title is not listed', () => {
    expect(sharedTitleParents(byId, ['court1', 'reaction']).size).toBe(0);
  });
});
