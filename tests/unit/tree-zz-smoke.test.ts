import { it } from 'vitest';
import { generateScenario } from '@/lib/gen/generate';
import { indexTree } from '@/lib/model/tree';
import { expandAll } from '@/lib/tree/visible';
import { layoutTree } from '@/lib/tree/layout';
it('smoke', () => {
  for (const shape of ['wide','bushy','chain'] as const) {
    const doc = generateScenario({ shape, nodes: 50000, seed: 3 });
    const idx = indexTree(doc);
    const ex = expandAll(idx);
    for (let r=0;r<4;r++){
      (globalThis as any).__prof=[];
      let t=performance.now();
      layoutTree(idx, ex);
      console.log(shape, (performance.now()-t).toFixed(1), (globalThis as any).__prof.join(' '));
    }
  }
});
