'use client';
import { useEffect, useState } from 'react';

interface Results {
  nodes: number;
  annotations: number;
  payloadUtf8Bytes: number;
  stores: Record<string, { ok: boolean; quota?: boolean; error?: string; medianMs: number; medianWriteMs: number; medianReadMs: number }>;
  repository: { save: string; saveMs: number; load: string; loadMs: number; repairs: number };
}

export function StorageClient() {
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const runs = Number(new URLSearchParams(window.location.search).get('runs') ?? 5) || 5;
        const [{ makeSampleDocument }, { encodeSaved }, kv, { createLocalStorageStore }, { measureStores }, { createRepository }] = await Promise.all([
          import('@/lib/gen/sample-document'),
          import('@/lib/persist/saved'),
          import('@/lib/persist/kv'),
          import('./local-storage-store'),
          import('./measure'),
          import('@/lib/persist/repository'),
        ]);
        const document = makeSampleDocument({ nodeCount: 10_000 });
        const payload = encodeSaved({ revision: 1, savedAt: new Date().toISOString(), tabId: 'measure', document });
        const stores = await measureStores(
          {
            indexedDB: kv.createIndexedDbStore('branchpoint-measure'),
            localStorage: createLocalStorageStore(window.localStorage, 'branchpoint-measure:'),
          },
          payload,
          runs,
        );
        const repo = createRepository({ kv: kv.createIndexedDbStore('branchpoint-measure-repo'), tabId: 'measure' });
        let t = performance.now();
        const saved = await repo.saveDocument('sample', document, 0);
        const saveMs = performance.now() - t;
        t = performance.now();
        const loaded = await repo.loadDocument('sample');
        const loadMs = performance.now() - t;
        await repo.deleteDocument('sample');
        const a = document.annotations;
        setResults({
          nodes: document.scenario.nodes.length,
          annotations: Object.keys(a.nodes).length + Object.keys(a.assumptions).length + Object.keys(a.risks).length + Object.keys(a.indicators).length,
          payloadUtf8Bytes: stores.indexedDB!.payloadUtf8Bytes,
          stores,
          repository: { save: saved.status, saveMs, load: loaded.status, loadMs, repairs: loaded.status === 'ok' ? loaded.repairs.length : -1 },
        });
      } catch (e) {
        setError(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      }
    })();
  }, []);
  return (
    <main style={{ padding: 24, fontFamily: 'system-ui, sans-serif' }}>
      <h1>Saving an annotated 10,000-node scenario</h1>
      {error ? <p role="alert">{error}</p> : null}
      {results ? <pre data-testid="storage-results">{JSON.stringify(results, null, 2)}</pre> : <p>Measuring…</p>}
    </main>
  );
}
