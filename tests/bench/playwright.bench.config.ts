import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// Benchmarks drive the real app like the end-to-end tests, but run only from `npm run bench`.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts$/,
  timeout: 600_000,
  reporter: [['line']],
});
