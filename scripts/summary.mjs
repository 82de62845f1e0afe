// Prints one line "N passed, N failed[, N skipped]" totalling the JSON reports
// of vitest and Playwright. A missing report counts as one failure.
import { readFileSync, existsSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  if (!file || !existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const v = read(vitestFile);
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // A test file that fails to load has no failed tests but a failed suite.
  if (!v.numFailedTests && v.numFailedTestSuites) failed += v.numFailedTestSuites;
} else {
  console.error('vitest report missing: counted as 1 failure');
  failed += 1;
}

const p = read(playwrightFile);
if (p && p.stats) {
  passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected ?? 0;
  skipped += p.stats.skipped ?? 0;
  if ((p.errors ?? []).length > 0 && !p.stats.unexpected) failed += p.errors.length;
} else {
  console.error('Playwright report missing: counted as 1 failure');
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 ? 1 : 0);
