import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { clickImagePixel, expect, placeByHand } from './fixtures';

const CASE_3 = 'case-03-t12-moderate-wedge-ct';
export const SIX = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'] as const;

export type PatientPoint = [number, number, number];

export interface TruthVertebra {
  level: string;
  points: Record<(typeof SIX)[number], PatientPoint>;
}

/** The expert's six points of every vertebra of case 3, in patient mm, and the measured heights. */
export function case3Truth(): { vertebrae: TruthVertebra[]; heights: { level: string; genantGrade: number; haMm: number; hmMm: number; hpMm: number }[] } {
  const truth = JSON.parse(readFileSync(path.resolve('samples/cases', CASE_3, 'case.json'), 'utf8'));
  const study = truth.groundTruth.studies[0];
  return { vertebrae: study.images[0].vertebrae, heights: study.vertebrae };
}

/** Opens sample case 3 (a T12 wedge on CT) and shows its mid-sagittal reformat with the Measure panel. */
export async function openCase3Sagittal(page: Page): Promise<void> {
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await page.getByTestId('case-card').filter({ hasText: 'Moderate wedge fracture of T12' }).getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('series-item').first()).toContainText('AX BONE');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByTestId('plane-sagittal').click();
  await expect(page.getByTestId('viewport').first()).toHaveAttribute('data-plane', 'sagittal');
  const tab = page.getByTestId('tab-measure');
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Where a generated axial CT lies: its first pixel centre's y, its top slice's z, its pixel and slice spacing (mm). */
export interface AxialCtGeometry {
  firstY: number;
  topZ: number;
  pixelMm: number;
  sliceMm: number;
}

/** Case 3's geometry (its DICOM headers): first pixel centre at y −67.2 mm, 0.7 mm pixels, top slice at z 112.45 mm, 1.5 mm apart. */
const CASE_3_GEOMETRY: AxialCtGeometry = { firstY: -67.2, topZ: 112.45, pixelMm: 0.7, sliceMm: 1.5 };

/**
 * Clicks a patient point of a generated axial CT on its mid-sagittal reformat, through the viewport's
 * transform. The reformat runs towards Posterior along a row and Feet down a column, on near-square
 * rows: whole sub-steps of round(slice / pixel), with the top slice on the first row
 * (shared/volume/reslice.ts, sliceAxisSubdivision).
 */
export async function clickSagittalPoint(page: Page, [, y, z]: PatientPoint, g: AxialCtGeometry = CASE_3_GEOMETRY): Promise<void> {
  const rowMm = g.sliceMm / Math.round(g.sliceMm / g.pixelMm);
  await clickImagePixel(page, { x: (y - g.firstY) / g.pixelMm + 0.5, y: (g.topZ - z) / rowMm + 0.5 });
}

/** Clicks a patient point of case 3 on its mid-sagittal reformat. */
export const clickCase3Point = (page: Page, point: PatientPoint): Promise<void> => clickSagittalPoint(page, point);

/** Places the expert's six points of one level of case 3 by hand, as a reader would (six clicks). */
export async function placeCase3ByHand(page: Page, vertebra: TruthVertebra, geometry: AxialCtGeometry = CASE_3_GEOMETRY): Promise<void> {
  await page.getByTestId('next-level').selectOption(vertebra.level);
  for (const name of SIX) await clickSagittalPoint(page, vertebra.points[name], geometry);
  await expect(page.locator(`[data-testid="result-row"][data-level="${vertebra.level}"]`)).toBeVisible();
}

/** Opens case 3 and measures one level on the mid-sagittal reformat by hand. */
export async function measureCase3OnSagittal(page: Page, level = 'T12'): Promise<void> {
  await openCase3Sagittal(page);
  await page.getByTestId('tool-vertebra').click();
  await placeByHand(page);
  await placeCase3ByHand(page, case3Truth().vertebrae.find((v) => v.level === level)!);
}
