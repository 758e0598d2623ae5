import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { createAnnotationStorage } from '../../electron/services/annotation-storage';
import { createHostApi } from '../../electron/services/host-api';
import { createHostServices } from '../../electron/services/host-services';

export interface AppFixture {
  readonly host: BrowserHost;
  readonly dataDir: string;
  readonly page: Page;
  readonly consoleErrors: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the real browser-mode host (same services as Electron) with a fresh data folder. */
export const test = base.extend<{ app: AppFixture }>({
  app: async ({ page }, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-e2e-'));
    const services = createHostServices({
      version: 'test',
      mode: 'browser',
      userDataDir: dataDir,
      samplesDir: path.join(root, 'samples', 'cases'),
      annotations: createAnnotationStorage,
    });
    const host = await startBrowserHost({ api: createHostApi(services), registry: services.registry, rendererDir: path.join(root, 'dist', 'renderer') });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(host.url);
    await use({ host, dataDir, page, consoleErrors });
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Mean and standard deviation of the viewport canvas's grey levels: a blank canvas has sd 0. */
export async function canvasStats(page: Page, selector = '[data-testid="viewport"] canvas'): Promise<{ mean: number; sd: number; width: number }> {
  return page.$eval(selector, (el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let sq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const g = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += g;
      sq += g * g;
    }
    const mean = sum / n;
    return { mean, sd: Math.sqrt(Math.max(0, sq / n - mean * mean)), width: canvas.width };
  });
}

export async function canvasHash(page: Page, selector = '[data-testid="viewport"] canvas'): Promise<string> {
  return page.$eval(selector, (el) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 7) h = Math.imul(h ^ data[i], 16777619);
    return (h >>> 0).toString(16);
  });
}

/** Turns assisted placement off (N), so the six clicks that follow are placed exactly as given. */
export async function placeByHand(page: Page): Promise<void> {
  const toggle = page.getByTestId('assist-toggle');
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await page.keyboard.press('n');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
}

/** Clicks an image point (annotation pixels) of the first viewport, through the transform it publishes. */
export async function clickImagePixel(page: Page, p: { x: number; y: number }): Promise<void> {
  const viewport = page.getByTestId('viewport').first();
  const [ax, ay, bx, by, ox, oy] = (await viewport.getAttribute('data-transform'))!.split(',').map(Number);
  const box = (await viewport.boundingBox())!;
  await page.mouse.click(box.x + ox + p.x * ax + p.y * bx, box.y + oy + p.x * ay + p.y * by);
}
