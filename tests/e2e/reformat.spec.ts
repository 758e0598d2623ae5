import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { untilDrawn } from './drawn';
import { expect, test } from './fixtures';

const CT_FOLDER = path.resolve('samples/cases/case-03-t12-moderate-wedge-ct/ct-axial');
/** Every second slice of the 1.5 mm sample CT: a real series of 3 mm slices on 0.7 mm pixels. */
const THREE_MM_SLICES = readdirSync(CT_FOLDER).sort().filter((_, n) => n % 2 === 0).map((f) => path.join(CT_FOLDER, f));

async function openThreeMillimetreCt(page: Page): Promise<void> {
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('file-input').setInputFiles(THREE_MM_SLICES);
  await expect(page.getByTestId('series-item')).toHaveCount(1);
  await expect(page.getByTestId('series-item').first()).toContainText(`${THREE_MM_SLICES.length} images`);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
}

interface ScreenMap {
  toScreen: (p: { x: number; y: number }) => { x: number; y: number };
  toImage: (q: { x: number; y: number }) => { x: number; y: number };
}

/** The viewport's image → page map, from the transform cornerstone draws with. */
async function screenMap(viewport: Locator): Promise<ScreenMap> {
  const [ax, ay, bx, by, ox, oy] = (await viewport.getAttribute('data-transform'))!.split(',').map(Number);
  const box = (await viewport.boundingBox())!;
  const det = ax * by - bx * ay;
  return {
    toScreen: (p) => ({ x: box.x + ox + p.x * ax + p.y * bx, y: box.y + oy + p.x * ay + p.y * by }),
    toImage: (q) => {
      const [dx, dy] = [q.x - box.x - ox, q.y - box.y - oy];
      return { x: (dx * by - bx * dy) / det, y: (ax * dy - dx * ay) / det };
    },
  };
}

/**
 * How far (px, the larger of x and y) the image point lands from `target` once the viewport has drawn the
 * end of the drag: drawing trails the pointer events, so the check is repeated until it holds or times out.
 */
async function expectLandsOn(viewport: Locator, imagePoint: { x: number; y: number }, target: { x: number; y: number }): Promise<void> {
  await expect
    .poll(async () => {
      const landed = (await screenMap(viewport)).toScreen(imagePoint);
      return Math.max(Math.abs(landed.x - target.x), Math.abs(landed.y - target.y));
    })
    .toBeLessThanOrEqual(1);
}

/** Grey levels of the viewport canvas, row by row (one character per pixel, which crosses to the test quickly). */
async function canvasGrey(viewport: Locator): Promise<{ width: number; height: number; grey: Uint8Array }> {
  const { width, height, text } = await viewport.locator('canvas').evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const codes = new Array<string>(data.length / 4);
    for (let i = 0; i < codes.length; i++) codes[i] = String.fromCharCode(data[i * 4]);
    return { width: canvas.width, height: canvas.height, text: codes.join('') };
  });
  return { width, height, grey: Uint8Array.from(text, (c) => c.charCodeAt(0)) };
}

/** Mean absolute difference between a central window of `before` and the same window of `after` moved by (dx, dy). */
function mismatch(before: Awaited<ReturnType<typeof canvasGrey>>, after: Awaited<ReturnType<typeof canvasGrey>>, dx: number, dy: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(before.height * 0.3); y < before.height * 0.7; y += 2) {
    for (let x = Math.floor(before.width * 0.3); x < before.width * 0.7; x += 2) {
      sum += Math.abs(before.grey[y * before.width + x] - after.grey[(y + dy) * after.width + x + dx]);
      n++;
    }
  }
  return sum / n;
}

/** Opens the 3 mm CT on `plane` and waits until it is drawn; returns the viewport and its first screen map. */
async function showThreeMillimetreCt(page: Page, plane: 'acquired' | 'sagittal' | 'coronal'): Promise<{ viewport: Locator; before: ScreenMap }> {
  await openThreeMillimetreCt(page);
  if (plane !== 'acquired') await page.getByTestId(`plane-${plane}`).click();
  const viewport = page.getByTestId('viewport');
  await expect(viewport).toHaveAttribute('data-plane', plane);
  await untilDrawn(page);
  return { viewport, before: await screenMap(viewport) };
}

const PAN = { x: 37, y: -41 };

for (const plane of ['acquired', 'sagittal', 'coronal'] as const) {
  test(`shift-drag pans the ${plane} image exactly with the pointer`, async ({ app }) => {
    const { page } = app;
    const { viewport, before } = await showThreeMillimetreCt(page, plane);
    const pixelsBefore = await canvasGrey(viewport);
    const box = (await viewport.boundingBox())!;
    const grab = { x: box.x + box.width * 0.45, y: box.y + box.height * 0.55 };
    const landmark = before.toImage(grab);

    await page.keyboard.down('Shift');
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + PAN.x, grab.y + PAN.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');

    await expectLandsOn(viewport, landmark, { x: grab.x + PAN.x, y: grab.y + PAN.y });
    // The drawn picture moved by the same amount: it matches itself there better than one pixel off.
    const pixelsAfter = await canvasGrey(viewport);
    const exact = mismatch(pixelsBefore, pixelsAfter, PAN.x, PAN.y);
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) expect(exact).toBeLessThan(mismatch(pixelsBefore, pixelsAfter, PAN.x + dx, PAN.y + dy));
  });
}

for (const plane of ['acquired', 'sagittal'] as const) {
  test(`zooming by right-drag keeps the point under the pointer fixed on the ${plane} image`, async ({ app }) => {
    const { page } = app;
    const { viewport, before } = await showThreeMillimetreCt(page, plane);
    const box = (await viewport.boundingBox())!;
    const grab = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.7 };
    const landmark = before.toImage(grab);
    const zoomBefore = Number(await viewport.getAttribute('data-screen-width'));

    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(grab.x, grab.y - 90, { steps: 9 });
    await page.mouse.up({ button: 'right' });

    await expect.poll(async () => Number(await viewport.getAttribute('data-screen-width')) / zoomBefore).toBeGreaterThan(1.5);
    await expectLandsOn(viewport, landmark, grab);
  });
}

test('a sagittal reformat of 3 mm slices is shown on near-square pixels with the true extent', async ({ app }) => {
  const { page } = app;
  await openThreeMillimetreCt(page);
  await page.getByTestId('plane-sagittal').click();
  const viewport = page.getByTestId('viewport');
  await expect(viewport).toHaveAttribute('data-plane', 'sagittal');
  // 3 mm slices beside 0.7 mm pixels: four sub-steps of 0.75 mm, from the first slice to the last.
  await expect(page.locator('.overlay-bl')).toContainText('0.700 × 0.750 mm/px');
  const [, hMm] = (await viewport.getAttribute('data-extent-mm'))!.split('x').map(Number);
  expect(hMm).toBeCloseTo((THREE_MM_SLICES.length - 1) * 3 + 0.75, 1);
});
