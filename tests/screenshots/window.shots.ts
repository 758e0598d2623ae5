import path from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { untilDrawn } from '../e2e/drawn';

const OUT = path.resolve(process.env.SPINELAB_SHOT_DIR ?? 'docs/screenshots');

test('bone window chosen on the sample CT, dragged, then reset with R: the menu shows Bone', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('series-item').filter({ hasText: 'CT' }).click();
  const viewport = page.getByTestId('viewport');
  await expect(viewport).toHaveAttribute('data-slices', '120');
  await page.getByTestId('window-preset').selectOption('Bone');
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 6 });
  await page.mouse.up();
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'window-custom.png'), clip: { x: 0, y: 70, width: 1100, height: 330 } });
  await page.keyboard.press('r');
  await expect(page.getByTestId('window-preset')).toHaveValue('Bone');
  await page.mouse.move(5, 5);
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'window-bone-after-reset.png'), clip: { x: 0, y: 70, width: 1100, height: 330 } });
});
