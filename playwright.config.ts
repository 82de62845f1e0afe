import { defineConfig } from '@playwright/test';
import chromium from './scripts/chromium.json';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The real sync server for the shared-work specs, on its own port with a throwaway data folder.
// E2E_SYNC_PORT, else E2E_PORT + 99 (3199), so runs on different E2E_PORTs never share a sync server.
const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? PORT + 99);
const SYNC_DATA_DIR = `test-results/sync-data-${SYNC_PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Whole-page axe runs take tens of seconds on a 2-core machine under load; no test measures speed.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  outputDir: 'test-results/playwright',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    acceptDownloads: true,
    trace: 'off',
    // Debian's Chromium with the flags this machine needs (shared with the benchmark: scripts/chromium.json).
    launchOptions: { executablePath: chromium.executablePath, args: [...chromium.args] },
  },
  webServer: [
    {
      // Started afresh for every run: its rooms and secret are thrown away.
      command: `rm -rf ${SYNC_DATA_DIR} && SYNC_PORT=${SYNC_PORT} SYNC_HOST=127.0.0.1 SYNC_DATA_DIR=${SYNC_DATA_DIR} SYNC_DEBOUNCE_MS=200 node server/sync-server.mjs`,
      url: `http://127.0.0.1:${SYNC_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The production build is made by scripts/test.sh before Playwright starts; the page learns the sync
      // server's address at run time (/api/sync-config reads SYNC_URL), so the one build serves the tests.
      command: `NEXT_TELEMETRY_DISABLED=1 SYNC_URL=ws://127.0.0.1:${SYNC_PORT} npx next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      // Whole-page axe runs take tens of seconds on a 2-core machine under load; no test measures speed.
      timeout: 120_000,
    },
  ],
});
