import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canvasHash, canvasStats, expect, test } from './fixtures';
import { writeCtSeries } from '../fixtures/ct-series';
import { CT_PRESETS } from '../../renderer/viewer/window-presets';
import type { Page } from '@playwright/test';

/** Waits for the sample study to load, then shows its 120-slice CT. */
async function showCtSeries(page: Page) {
  const viewport = page.getByTestId('viewport');
  await expect(viewport).toHaveAttribute('data-ww', /\d+/);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('series-item').filter({ hasText: 'CT' }).click();
  await expect(viewport).toHaveAttribute('data-slices', '120');
  return viewport;
}

test.describe('viewer', () => {
  test('opens on the bundled sample spine and shows a real image', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
    const stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(300);
    expect(stats.sd).toBeGreaterThan(15);
    await expect(page.getByText('For education and research only')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('scrolling changes the slice and the picture', async ({ app }) => {
    const { page } = app;
    const viewport = await showCtSeries(page);
    const before = Number(await viewport.getAttribute('data-slice'));
    const hashBefore = await canvasHash(page);
    await viewport.hover();
    await page.mouse.wheel(0, 120);
    await page.mouse.wheel(0, 120);
    await page.mouse.wheel(0, 120);
    await expect(viewport).not.toHaveAttribute('data-slice', String(before));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => canvasHash(page)).not.toBe(hashBefore);
  });

  test('dragging changes window and level', async ({ app }) => {
    const { page } = app;
    const viewport = page.getByTestId('viewport');
    await expect(viewport).toHaveAttribute('data-ww', /\d+/);
    const ww = await viewport.getAttribute('data-ww');
    const hashBefore = await canvasHash(page);
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await expect(viewport).not.toHaveAttribute('data-ww', ww!);
    expect(await canvasHash(page)).not.toBe(hashBefore);
  });

  test('the window menu shows the chosen preset, "custom" after a drag, and R keeps the preset', async ({ app }) => {
    const { page } = app;
    const viewport = await showCtSeries(page);
    const menu = page.getByTestId('window-preset');
    await expect(menu).toHaveValue('');
    const bone = CT_PRESETS.find((p) => p.name === 'Bone')!;
    await menu.selectOption('Bone');
    await expect(viewport).toHaveAttribute('data-ww', String(bone.width));
    await expect(viewport).toHaveAttribute('data-wc', String(bone.center));
    await expect(menu).toHaveValue('Bone');
    // A window drag makes it custom; R goes back to the bone window, not the image's own, and the menu says so.
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 6 });
    await page.mouse.up();
    await expect(viewport).not.toHaveAttribute('data-ww', String(bone.width));
    await expect(menu).toHaveValue('custom');
    await page.keyboard.press('r');
    await expect(viewport).toHaveAttribute('data-ww', String(bone.width));
    await expect(viewport).toHaveAttribute('data-wc', String(bone.center));
    await expect(menu).toHaveValue('Bone');
    // R straight after choosing a preset keeps it too (focus off the menu, so the key is a shortcut).
    await menu.selectOption('Soft tissue');
    await menu.evaluate((el) => (el as HTMLElement).blur());
    await page.keyboard.press('r');
    await expect(viewport).toHaveAttribute('data-ww', String(CT_PRESETS.find((p) => p.name === 'Soft tissue')!.width));
    await expect(menu).toHaveValue('Soft tissue');
    expect(app.consoleErrors).toEqual([]);
  });

  test('a folder with one broken file lists the error and loads the rest', async ({ app }) => {
    const { page } = app;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-broken-'));
    const files = writeCtSeries(dir, { slices: 6, size: 64 });
    const broken = path.join(dir, 'broken.dcm');
    writeFileSync(broken, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([2, 0, 0x10, 0, 0x55, 0x49, 0xff, 0x7f])]));
    await page.getByTestId('file-input').setInputFiles([...files, broken]);
    await expect(page.getByTestId('failures-toggle')).toContainText('1 file could not be read');
    await page.getByTestId('failures-toggle').click();
    await expect(page.getByTestId('failure-row')).toContainText('broken.dcm');
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-slices', '6');
    expect((await canvasStats(page)).sd).toBeGreaterThan(5);
  });

  test('a 12-bit JPEG Extended radiograph decodes in the worker under the app CSP', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
    await page.getByTestId('file-input').setInputFiles([path.resolve('tests/fixtures/dicom/jpeg-extended-12bit.dcm')]);
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('series-item')).toContainText('JPEG Extended 12-bit');
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await expect(page.getByTestId('failures-toggle')).toHaveCount(0);
    // Three bright vertebral bodies on soft tissue: a real picture, not a blank or uniform square.
    expect((await canvasStats(page)).sd).toBeGreaterThan(20);
    expect(app.consoleErrors).toEqual([]);
  });

  test('hiding identifiers removes the patient name from the screen', async ({ app }) => {
    const { page } = app;
    const overlay = page.getByTestId('overlay-patient');
    await expect(overlay).toContainText('SAMPLE');
    await page.getByTestId('toggle-identifiers').click();
    await expect(overlay).toHaveText('Identifiers hidden');
    await expect(page.locator('body')).not.toContainText('SAMPLE^');
  });

  test('the help overlay lists the keyboard shortcuts', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await expect(help).toBeVisible();
    await expect(help).toContainText('Window / level');
    await expect(help).toContainText('Next image'.toLowerCase().replace('next', 'next'), { ignoreCase: true });
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  });

  test('a 300-slice CT shows its first image while the rest is still loading', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-300-'));
    const files = writeCtSeries(dir, { slices: 300, size: 512 });
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.evaluate(() => performance.clearMarks());
    await page.getByTestId('file-input').setInputFiles(files);
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-slices', '300', { timeout: 120_000 });
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    );
    expect(marks['spinelab:first-image']).toBeLessThan(marks['spinelab:load-complete']);
    expect(marks['spinelab:progress-shown']).toBeLessThanOrEqual(marks['spinelab:first-image']);
  });
});
