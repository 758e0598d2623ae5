import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { untilDrawn } from '../e2e/drawn';

const OUT = path.resolve('docs/screenshots');
const CT_FOLDER = path.resolve('samples/cases/case-03-t12-moderate-wedge-ct/ct-axial');

// Every second slice of the 1.5 mm sample CT: a real 3 mm series (0.7 mm pixels, 60 slices).
test('sagittal reformat of a 3 mm CT', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  const files = readdirSync(CT_FOLDER).sort().filter((_, n) => n % 2 === 0);
  await page.getByTestId('file-input').setInputFiles(files.map((f) => path.join(CT_FOLDER, f)));
  await expect(page.getByTestId('series-item')).toHaveCount(1);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('plane-sagittal').click();
  const viewport = page.getByTestId('viewport');
  await expect(viewport).toHaveAttribute('data-plane', 'sagittal');
  await page.getByTestId('slice-indicator').waitFor();
  // The mid-sagittal plane (x = 0), zoomed on T12 so that single screen pixels can be judged.
  await viewport.hover();
  await page.keyboard.press('Home');
  const slices = Number(await viewport.getAttribute('data-slices'));
  for (let n = 0; n < Math.floor(slices / 2); n++) await page.keyboard.press('ArrowDown');
  await expect(viewport).toHaveAttribute('data-slice', String(Math.floor(slices / 2)));
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, process.env.SPINELAB_SHOT_NAME ?? 'reformat-3mm-sagittal.png') });
});
