import { describe, it, expect } from 'vitest';
import { nodePlace } from '@/lib/model/tree';
import { placeText } from '@/lib/messages/tree';

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
