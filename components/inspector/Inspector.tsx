'use client';
import { useApp } from '../AppProvider';
import { selectSelectedNode } from '@/lib/store/selectors';

export function Inspector() {
  const node = useApp(selectSelectedNode);
  return (
    <aside className="inspector" aria-label="Inspector">
      {node ? <h2>{node.title}</h2> : <p>Select a branch to inspect it.</p>}
    </aside>
  );
}
