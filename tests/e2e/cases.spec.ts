import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readCaseDetails } from '../../shared/training/case-truth';
import { expect, test, placeByHand } from './fixtures';

const CASE = 'case-02-l1-mild-wedge';
const ORDER = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'] as const;

/** Clicks an image point, mapping it to the screen through the viewport's current transform. */
async function clickImagePoint(page: Page, p: { x: number; y: number }): Promise<void> {
  const viewport = page.getByTestId('viewport');
  const [ax, ay, bx, by, ox, oy] = (await viewport.getAttribute('data-transform'))!.split(',').map(Number);
  const box = (await viewport.boundingBox())!;
  await page.mouse.click(box.x + ox + p.x * ax + p.y * bx, box.y + oy + p.x * ay + p.y * by);
}

test('a trainee opens a case, measures it, submits and gets a score with feedback', async ({ app }) => {
  const { page } = app;
  const details = readCaseDetails(JSON.parse(readFileSync(path.resolve('samples/cases', CASE, 'case.json'), 'utf8')));
  const image = details.studies[0].images.find((i) => i.kind === 'pixels')!;
  if (image.kind !== 'pixels') throw new Error('expected a radiograph');

  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'Mild wedge fracture of L1' }).getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('case-panel')).toContainText('What to measure');
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-transform', /\d/);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);

  await page.getByTestId('tab-measure').click();
  await page.keyboard.press('v');
  await placeByHand(page);
  for (const level of ['T12', 'L1', 'L2'] as const) {
    await page.getByTestId('next-level').selectOption(level);
    const truth = image.vertebrae.find((v) => v.level === level)!;
    for (const name of ORDER) await clickImagePoint(page, truth.points[name]);
  }
  await expect(page.getByTestId('result-row')).toHaveCount(3);
  const l1 = details.studies[0].vertebrae.find((v) => v.level === 'L1')!;
  const pixelMm = 0.2 / 1.15;
  const ha = Number(await page.getByTestId('result-row').filter({ hasText: 'L1' }).getByTestId('ha').textContent());
  expect(Math.abs(ha - l1.haMm)).toBeLessThanOrEqual(pixelMm + 0.05);

  await page.getByTestId('tab-case').click();
  await page.getByTestId('submit-answer').click();
  const card = page.getByTestId('score-card');
  await expect(card).toBeVisible();
  expect(Number((await page.getByTestId('score-percent').textContent())!.replace('%', ''))).toBeGreaterThanOrEqual(75);
  await expect(page.getByTestId('score-item').first()).toContainText('L1 Ha');
  await expect(page.getByTestId('answer-explained')).toContainText('L1');
  await expect(page.getByTestId('answer-vertebra')).not.toHaveCount(0);

  // A deliberately wrong point is scored as such, with advice: undo L2 and L1, measure L1 again.
  await page.getByTestId('tab-measure').click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('result-row')).toHaveCount(1);
  await page.keyboard.press('v');
  await page.getByTestId('next-level').selectOption('L1');
  const truth = image.vertebrae.find((v) => v.level === 'L1')!;
  for (const name of ORDER) {
    const p = truth.points[name];
    await clickImagePoint(page, name === 'anteriorInferior' ? { x: p.x, y: p.y + 15 } : p);
  }
  await page.getByTestId('tab-case').click();
  await page.getByTestId('submit-answer').click();
  await expect(page.getByTestId('score-item').filter({ hasText: 'L1 Ha' })).toContainText('Too tall');

  await page.getByRole('button', { name: 'Sample cases' }).click();
  await expect(page.getByTestId('course-progress')).toContainText('1 of');
});

test('MR series are labelled T1, T2 and STIR in the series panel', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'Acute or old' }).getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('sequence-label')).toHaveText(['T1', 'T2', 'STIR']);
});

test('before and after kyphoplasty: restoration and angle change against the ±5° error', async ({ app }) => {
  const { page } = app;
  const id = 'case-06-kyphoplasty-before-after';
  const details = readCaseDetails(JSON.parse(readFileSync(path.resolve('samples/cases', id, 'case.json'), 'utf8')));
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'before and after kyphoplasty' }).getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('series-item')).toHaveCount(2);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('tab-measure').click();
  for (const [i, study] of details.studies.entries()) {
    await page.getByTestId('series-item').nth(i).click();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-transform', /\d/);
    const image = study.images.find((x) => x.kind === 'pixels')!;
    if (image.kind !== 'pixels') throw new Error('radiograph expected');
    // Which radiograph is on screen: the one whose study this is.
    await expect(page.getByTestId('overlay-patient')).toBeVisible();
    await page.keyboard.press('v');
    await placeByHand(page);
    for (const level of ['T12', 'L1', 'L2'] as const) {
      await page.getByTestId('next-level').selectOption(level);
      const truth = image.vertebrae.find((v) => v.level === level)!;
      for (const name of ORDER) await clickImagePoint(page, truth.points[name]);
    }
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('result-row')).toHaveCount(3);
  }
  const comparison = page.getByTestId('study-comparison');
  await expect(comparison).toBeVisible();
  const row = await page.getByTestId('comparison-row').filter({ hasText: 'L1' }).textContent();
  const percent = Number(/(\d+)% of the lost anterior height restored/.exec(row ?? '')?.[1]);
  expect(percent).toBeGreaterThan(10);
  expect(percent).toBeLessThan(80);
  await expect(page.getByTestId('comparison-angle')).toContainText('typical error');
});
