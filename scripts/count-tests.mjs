// Sums the Vitest and Playwright JSON reports into the one line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const [unitFile, e2eFile, statusArg] = process.argv.slice(2);
let passed = 0;
let failed = 0;

if (unitFile && existsSync(unitFile)) {
  const r = JSON.parse(readFileSync(unitFile, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
}
if (e2eFile && existsSync(e2eFile)) {
  const s = JSON.parse(readFileSync(e2eFile, 'utf8')).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
}
// A failure before any runner reported (lint, type check, build) still counts as a failure.
if (Number(statusArg) !== 0 && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
