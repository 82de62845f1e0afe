import { test, expect } from '@playwright/test';

// The measured grounds for saving in IndexedDB: an annotated 10,000-node
// scenario does not fit in localStorage and saves in IndexedDB. Figures are
// printed, not asserted (timings on shared machines are noisy).
test('an annotated 10,000-node scenario saves in IndexedDB; localStorage cannot hold it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/bench/storage?runs=3');
  const out = page.getByTestId('storage-results');
  await expect(out).toBeVisible({ timeout: 80_000 });
  const r = JSON.parse((await out.textContent())!);
  console.log(`[storage] ${JSON.stringify(r)}`);
  expect(r.nodes).toBe(10_000);
  expect(r.annotations).toBeGreaterThan(1_000);
  expect(r.stores.indexedDB.ok).toBe(true);
  expect(r.stores.localStorage.ok).toBe(false);
  expect(r.stores.localStorage.quota).toBe(true);
  expect(r.repository.save).toBe('saved');
  expect(r.repository.load).toBe('ok');
  expect(r.repository.repairs).toBe(0);
});
