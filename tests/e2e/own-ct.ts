import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const CASE_3 = 'case-03-t12-moderate-wedge-ct';
const SIX = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'] as const;

interface TruthPoints {
  level: string;
  points: Record<(typeof SIX)[number], [number, number, number]>;
}

/**
 * Opens sample case 3 (a T12 wedge on CT), shows its mid-sagittal reformat and places the expert's
 * six points of T12 on it, as a reader would: the patient points of the case's ground truth, turned
 * into reformat pixels (the sagittal runs towards Posterior along a row and Feet down a column, from
 * the first row's centre and the top slice) and into screen pixels by the viewport's transform.
 */
export async function measureCase3OnSagittal(page: Page, level = 'T12'): Promise<void> {
  const truth = JSON.parse(readFileSync(path.resolve('samples/cases', CASE_3, 'case.json'), 'utf8'));
  const image = truth.groundTruth.studies[0].images[0] as { vertebrae: TruthPoints[] };
  const points = image.vertebrae.find((v) => v.level === level)!.points;
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'Moderate wedge fracture of T12' }).getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('series-item').first()).toContainText('AX BONE');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('plane-sagittal').click();
  const viewport = page.getByTestId('viewport').first();
  await expect(viewport).toHaveAttribute('data-plane', 'sagittal');
  const tab = page.getByTestId('tab-measure');
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.getByTestId('tool-vertebra').click();
  await page.getByTestId('next-level').selectOption(level);
  // Case 3's geometry (its DICOM headers): first pixel centre at y −67.2 mm, 0.7 mm pixels, top slice at z 112.45 mm,
  // 1.5 mm apart. The reformat shows the slices on near-square rows: whole sub-steps of round(1.5 / 0.7) = 2, so
  // 0.75 mm rows with the top slice on the first row (shared/volume/reslice.ts, sliceAxisSubdivision).
  const rowMm = 1.5 / Math.round(1.5 / 0.7);
  const toImage = ([, y, z]: [number, number, number]) => ({ x: (y + 67.2) / 0.7 + 0.5, y: (112.45 - z) / rowMm + 0.5 });
  for (const name of SIX) {
    const p = toImage(points[name]);
    const [ax, ay, bx, by, ox, oy] = (await viewport.getAttribute('data-transform'))!.split(',').map(Number);
    const box = (await viewport.boundingBox())!;
    await page.mouse.click(box.x + ox + p.x * ax + p.y * bx, box.y + oy + p.x * ay + p.y * by);
  }
  await expect(page.locator(`[data-testid="result-row"][data-level="${level}"]`)).toBeVisible();
}
