import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeCtSeries } from '../fixtures/ct-series';
import { expect, test } from './fixtures';

const SLICES = 60;
const SPACING_Z = 2;
const PIXEL = 0.7;
const SIZE = 128;
/** Sagittal rows: each 2 mm step between slices is shown as whole sub-steps nearest the 0.7 mm pixels (three of 0.67 mm). */
const SAGITTAL_ROW_MM = SPACING_Z / Math.round(SPACING_Z / PIXEL);

async function openCt(page: Page, series = 1): Promise<void> {
  // Let the bundled sample finish first, so its series are not mistaken for ours.
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-ws-'));
  const files = writeCtSeries(dir, { slices: SLICES, size: SIZE, sliceSpacingMm: SPACING_Z, pixelSpacingMm: PIXEL });
  const more =
    series > 1
      ? writeCtSeries(mkdtempSync(path.join(os.tmpdir(), 'spinelab-ws2-')), {
          slices: SLICES,
          size: SIZE,
          sliceSpacingMm: SPACING_Z,
          pixelSpacingMm: PIXEL,
          seriesInstanceUid: '1.2.826.0.1.3680043.8.498.1001.2',
          seriesDescription: 'Second CT',
        })
      : [];
  await page.getByTestId('file-input').setInputFiles([...files, ...more]);
  await expect(page.getByTestId('series-item').first()).toContainText('Test CT');
  await expect(page.getByTestId('series-item')).toHaveCount(series);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
}

const cell = (page: Page, i: number) => page.getByTestId(`viewport-cell-${i}`).getByTestId('viewport');

test.describe('reading workspace', () => {
  test('a sagittal reformat has the physical size of the volume', async ({ app }) => {
    const { page } = app;
    await openCt(page);
    await page.getByTestId('plane-sagittal').click();
    const viewport = page.getByTestId('viewport');
    await expect(viewport).toHaveAttribute('data-plane', 'sagittal');
    await expect(viewport).toHaveAttribute('data-screen-width', /[1-9]/);
    // Volume extent: 128 × 0.7 mm front to back; head to foot, 59 steps of 2 mm from the first slice to the
    // last, plus one display row.
    const [wMm, hMm] = (await viewport.getAttribute('data-extent-mm'))!.split('x').map(Number);
    expect(wMm).toBeCloseTo(SIZE * PIXEL, 1);
    expect(hMm).toBeCloseTo((SLICES - 1) * SPACING_Z + SAGITTAL_ROW_MM, 1);
    const w = Number(await viewport.getAttribute('data-screen-width'));
    const h = Number(await viewport.getAttribute('data-screen-height'));
    expect(w / h).toBeCloseTo(wMm / hMm, 2);
    await expect(page.locator('.orient-top')).toHaveText('H');
    await expect(page.locator('.orient-left')).toHaveText('A');
  });

  test('clicking a point on the sagittal view moves the axial view to that slice', async ({ app }) => {
    const { page } = app;
    await openCt(page);
    await page.getByTestId('layout-1x2').click();
    await page.getByTestId('viewport-cell-1').click();
    await page.getByTestId('plane-sagittal').click();
    const sagittal = cell(page, 1);
    await expect(sagittal).toHaveAttribute('data-plane', 'sagittal');
    // Each view shows where the other cuts it (zero-width SVG lines do not count as visible).
    await expect(page.getByTestId('reference-line')).toHaveCount(2);
    const [ax, ay, bx, by, ox, oy] = (await sagittal.getAttribute('data-transform'))!.split(',').map(Number);
    const box = (await sagittal.boundingBox())!;
    // 15 × 2 mm below the most superior slice lies the slice 15 down. Slices are ordered by position along
    // the normal (+z, foot to head), so that is axial index 59 − 15 = 44 (cornerstone counts from pixel corners: + 0.5).
    const p = { x: SIZE / 2, y: (15 * SPACING_Z) / SAGITTAL_ROW_MM + 0.5 };
    await page.mouse.click(box.x + ox + p.x * ax + p.y * bx, box.y + oy + p.x * ay + p.y * by);
    await expect(cell(page, 0)).toHaveAttribute('data-slice', String(SLICES - 1 - 15));
  });

  test('a 2×2 layout scrolls series of one frame of reference in sync', async ({ app }) => {
    const { page } = app;
    await openCt(page, 2);
    await page.getByTestId('layout-2x2').click();
    // Put the second series in viewport 2 by dragging it from the series panel.
    await page.getByTestId('series-item').nth(1).dragTo(page.getByTestId('viewport-cell-1'));
    await expect(page.getByTestId('viewport-cell-1')).toContainText('Second CT');
    await expect(page.getByTestId('sync-scroll')).toBeChecked();
    await page.getByTestId('viewport-cell-0').click();
    const first = cell(page, 0);
    const second = cell(page, 1);
    await expect(first).toHaveAttribute('data-slice', /\d+/);
    const start = Number(await first.getAttribute('data-slice'));
    await first.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 100);
    await expect(first).toHaveAttribute('data-slice', String(start + 5));
    await expect(second).toHaveAttribute('data-slice', String(start + 5));
    await page.getByTestId('sync-scroll').uncheck();
    await first.hover();
    await page.mouse.wheel(0, 100);
    await expect(first).toHaveAttribute('data-slice', String(start + 6));
    await expect(second).toHaveAttribute('data-slice', String(start + 5));
  });

  test('a series that cannot be reformatted says why', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByTestId('series-item').first().click(); // the single lateral radiograph
    await page.getByTestId('plane-sagittal').click();
    await expect(page.getByTestId('viewer-message')).toContainText('cannot be reformatted');
  });

  test('the help overlay lists every reading shortcut', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    for (const text of ['Window / level', 'Rotate', 'Flip', 'Cine', 'Magnifier', 'Undo', '6-point vertebra']) await expect(help).toContainText(text);
  });
});
