import { defineConfig } from '@playwright/test';
import chromium from './scripts/chromium.json';

const PORT = Number(process.env.E2E_PORT ?? 3100);

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
  webServer: {
    // The production build is made by scripts/test.sh before Playwright starts.
    command: `NEXT_TELEMETRY_DISABLED=1 npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    // Whole-page axe runs take tens of seconds on a 2-core machine under load; no test measures speed.
  timeout: 120_000,
  },
});
