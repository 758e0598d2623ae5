import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// `npm run screenshots`: regenerates the pictures in docs/screenshots from the real app.
export default defineConfig({ ...base, testDir: '.', testMatch: /.*\.shots\.ts$/, reporter: [['line']] });
