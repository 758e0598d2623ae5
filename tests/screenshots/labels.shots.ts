import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, placeByHand, test } from '../e2e/fixtures';
import { untilDrawn } from '../e2e/drawn';
import { case3Truth, clickCase3Point, openCase3Sagittal, placeCase3ByHand, type PatientPoint } from '../e2e/own-ct';

const OUT = path.resolve(process.env.SPINELAB_SHOT_DIR ?? 'docs/screenshots');
const name = (fallback: string) => (process.env.SPINELAB_SHOT_NAME ? `${process.env.SPINELAB_SHOT_NAME}-${fallback}` : fallback);

/** Zooms out (Ctrl + drag down), so that neighbouring levels sit close on screen as in a whole-spine view. */
async function zoomOut(page: Page) {
  await page.keyboard.press('Escape');
  const box = (await page.getByTestId('viewport').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.keyboard.down('Control');
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 80, { steps: 6 });
  await page.mouse.move(x, y + 160, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Control');
  await page.mouse.move(5, 5);
  await untilDrawn(page);
}

// Five adjacent levels of a CT reformat, T10–L2, with a Cobb angle across them: where labels used to collide.
test('labels of T10–L2 and a Cobb angle measured on case 3’s sagittal reformat', async ({ app }) => {
  const { page } = app;
  const truth = case3Truth();
  await openCase3Sagittal(page);
  await page.getByTestId('tool-vertebra').click();
  await placeByHand(page);
  for (const v of truth.vertebrae) await placeCase3ByHand(page, v);
  await expect(page.getByTestId('vertebra-annotation')).toHaveCount(5);
  await page.getByTestId('tool-cobb').click();
  // A click on an endplate line, clear of its handles, picks that endplate.
  const endplate = (level: string, a: 'anteriorSuperior' | 'anteriorInferior', p: 'posteriorSuperior' | 'posteriorInferior') => {
    const { points } = truth.vertebrae.find((v) => v.level === level)!;
    return points[a].map((c, i) => (3 * c + points[p][i]) / 4) as PatientPoint;
  };
  await clickCase3Point(page, endplate('T11', 'anteriorSuperior', 'posteriorSuperior'));
  await clickCase3Point(page, endplate('L1', 'anteriorInferior', 'posteriorInferior'));
  await expect(page.getByTestId('cobb-annotation')).toHaveCount(1);
  await zoomOut(page);
  await page.screenshot({ path: path.join(OUT, name('labels-ct-reformat.png')) });
});

test('labels of the assisted screening accepted on case 3', async ({ app }) => {
  const { page } = app;
  await openCase3Sagittal(page);
  await page.getByTestId('next-level').selectOption('T10');
  await page.getByTestId('screen-spine').click();
  await expect(page.getByTestId('screening-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('screening-accept-all').click();
  await expect(page.getByTestId('result-row').first()).toBeVisible();
  await zoomOut(page);
  await page.screenshot({ path: path.join(OUT, name('labels-screening.png')) });
});
