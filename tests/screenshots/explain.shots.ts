import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';
import { measureCase3OnSagittal } from '../e2e/own-ct';

const OUT = path.resolve(process.env.SHOTS_DIR ?? 'docs/screenshots');

/** Presents a procedure to the patient and pictures each step once its motions are done, at 1280 × 720. */
async function present(page: Page, procedure: string, stepIds: string[], files: string[], { language = 'en', ownCt = false } = {}) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Explain procedure' }).click();
  await page.waitForFunction(() => (window.__explain?.info().buildMs ?? 0) > 0);
  // The fracture measured on the study's CT shapes the model, which is then built from that CT.
  if (ownCt) await expect(page.getByTestId('explain-own-model')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.getByTestId(`explain-procedure-${procedure}`).click();
  await page.getByTestId('start-presentation').click();
  await expect(page.locator('.explain-root.presentation')).toBeVisible();
  if (language !== 'en') await page.getByTestId('explain-language').selectOption(language);
  for (const [i, id] of stepIds.entries()) {
    await page.evaluate((stepId) => {
      const s = window.__explain!.steps.find((x) => x.id === stepId)!;
      window.__explain!.seek(s.start + (s.end - s.start) * 0.9);
    }, id);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(OUT, files[i]) });
  }
}

test('explainer: the drawn model', async ({ app }) =>
  present(app.page, 'kyphoplasty', ['your-spine', 'balloon-inflate'], ['explain-your-spine.png', 'explain-kyphoplasty-balloon.png']));
test('explainer: vertebroplasty', async ({ app }) =>
  present(app.page, 'vertebroplasty', ['xray-guidance', 'cement'], ['explain-xray-guidance.png', 'explain-vertebroplasty-cement.png']));
test('explainer: in Spanish', async ({ app }) => present(app.page, 'kyphoplasty', ['what-to-expect'], ['explain-spanish.png'], { language: 'es' }));
test('explainer: the patient\'s own CT (sample case 3)', async ({ app }) => {
  test.setTimeout(120_000);
  await measureCase3OnSagittal(app.page);
  await present(app.page, 'kyphoplasty', ['your-spine', 'tube-in', 'balloon-inflate'], ['explain-own-ct.png', 'explain-own-ct-tubes.png', 'explain-own-ct-balloon.png'], { ownCt: true });
});
