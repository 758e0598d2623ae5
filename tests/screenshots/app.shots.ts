import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readCaseDetails } from '../../shared/training/case-truth';
import { untilDrawn } from '../e2e/drawn';
import { expect, test, placeByHand } from '../e2e/fixtures';

const OUT = path.resolve('docs/screenshots');
const CORPUS = path.resolve('../shared/dicom-corpus/files');
const ORDER = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'] as const;

async function settle(page: Page) {
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await untilDrawn(page);
}

async function clickImagePoint(page: Page, p: { x: number; y: number }) {
  const viewport = page.getByTestId('viewport').first();
  const [ax, ay, bx, by, ox, oy] = (await viewport.getAttribute('data-transform'))!.split(',').map(Number);
  const box = (await viewport.boundingBox())!;
  await page.mouse.click(box.x + ox + p.x * ax + p.y * bx, box.y + oy + p.x * ay + p.y * by);
}

test('viewer with a measured fracture', async ({ app }) => {
  const { page } = app;
  const id = 'case-07-multiple-osteoporotic';
  const details = readCaseDetails(JSON.parse(readFileSync(path.resolve('samples/cases', id, 'case.json'), 'utf8')));
  const image = details.studies[0].images[0];
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'Several osteoporotic' }).getByRole('button', { name: 'Open case' }).click();
  await settle(page);
  await page.getByTestId('tab-measure').click();
  await page.keyboard.press('v');
  await placeByHand(page);
  if (image.kind !== 'pixels') throw new Error('radiograph expected');
  for (const v of image.vertebrae.filter((x) => ['T10', 'T11', 'T12', 'L1', 'L2', 'L3'].includes(x.level))) {
    await page.getByTestId('next-level').selectOption(v.level);
    for (const name of ORDER) await clickImagePoint(page, v.points[name]);
  }
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'viewer.png') });
});

test('corpus: JPEG 2000 CT, JPEG-LS MR, a MONOCHROME1 radiograph and a 12-bit JPEG Extended NM', async ({ app }) => {
  const { page } = app;
  await settle(page);
  await page.getByTestId('file-input').setInputFiles([
    path.join(CORPUS, '693_J2KI.dcm'),
    path.join(CORPUS, 'MR_small_jpeg_ls_lossless.dcm'),
    path.resolve('samples/cases/case-04-l1-severe-crush/xr-lateral/IM0001.dcm'),
    path.join(CORPUS, 'JPGExtended.dcm'),
  ]);
  await expect(page.getByTestId('series-item')).toHaveCount(4);
  await settle(page);
  await page.getByTestId('layout-1x2').click();
  await page.getByTestId('layout-2x2').click();
  const items = page.getByTestId('series-item');
  for (let i = 0; i < 4; i++) await items.nth(i).dragTo(page.getByTestId(`viewport-cell-${i}`));
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'corpus-codecs.png') });
});

test('reading workspace: axial and sagittal with reference lines', async ({ app }) => {
  const { page } = app;
  await settle(page);
  await page.getByTestId('series-item').nth(1).click();
  await page.getByTestId('layout-1x2').click();
  await page.getByTestId('viewport-cell-1').click();
  await page.getByTestId('plane-sagittal').click();
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'workspace-mpr.png') });
});

test('trainee mode: scored case with the answer drawn', async ({ app }) => {
  const { page } = app;
  const id = 'case-03-t12-moderate-wedge-ct';
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.screenshot({ path: path.join(OUT, 'case-library.png') });
  await page.getByTestId('case-card').filter({ hasText: 'Moderate wedge fracture of T12' }).getByRole('button', { name: 'Open case' }).click();
  await settle(page);
  await page.getByTestId('plane-sagittal').click();
  await page.getByTestId('show-answer').click();
  await untilDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'trainee-answer.png') });
  void id;
});
