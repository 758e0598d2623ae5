// `npm run bench`: every benchmark in one run, each printing its figures beside its peer or floor.
import { spawnSync } from 'node:child_process';

const steps: Array<[string, string[]]> = [
  ['Ingestion (Node, single thread)', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench-ingest.ts']],
  ['Reformatting (Node)', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench-reformat.ts']],
  ['Assisted morphometry (Node)', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench-assist.ts']],
  ['Explainer model from the patient\'s own CT (Node)', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench-own-model.ts']],
  ['PACS retrieve from a local Orthanc (Node host)', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench-pacs.ts']],
  ['Viewer and explainer (headless Chromium)', ['node_modules/@playwright/test/cli.js', 'test', '--config', 'tests/bench/playwright.bench.config.ts']],
];

let failed = 0;
for (const [title, args] of steps) {
  console.log(`\n##### ${title}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
