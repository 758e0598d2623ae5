import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';

const OUT = path.resolve(process.env.SHOTS_DIR ?? 'docs/screenshots');

/** Presents a procedure to the patient and pictures one step once its motions are done, at 1280 × 720. */
async function present(page: Page, procedure: string, stepId: string, file: string, language = 'en') {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Explain procedure' }).click();
  await page.waitForFunction(() => (window.__explain?.info().buildMs ?? 0) > 0);
  await page.getByTestId(`explain-procedure-${procedure}`).click();
  await page.getByTestId('start-presentation').click();
  await expect(page.locator('.explain-root.presentation')).toBeVisible();
  if (language !== 'en') await page.getByTestId('explain-language').selectOption(language);
  await page.evaluate((id) => {
    const s = window.__explain!.steps.find((x) => x.id === id)!;
    window.__explain!.seek(s.start + (s.end - s.start) * 0.9);
  }, stepId);
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, file) });
}

test('explainer: the spine, an example', async ({ app }) => present(app.page, 'kyphoplasty', 'your-spine', 'explain-your-spine.png'));
test('explainer: kyphoplasty balloon', async ({ app }) => present(app.page, 'kyphoplasty', 'balloon-inflate', 'explain-kyphoplasty-balloon.png'));
test('explainer: vertebroplasty cement', async ({ app }) => present(app.page, 'vertebroplasty', 'cement', 'explain-vertebroplasty-cement.png'));
test('explainer: X-ray guidance', async ({ app }) => present(app.page, 'vertebroplasty', 'xray-guidance', 'explain-xray-guidance.png'));
