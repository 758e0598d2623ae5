import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import dicomParser from 'dicom-parser';
import { buildCase } from '../../samples/case-builder';
import type { CaseDefinition } from '../../samples/catalog/case-definition';
import { TEACHING_CASES } from '../../samples/catalog/teaching-cases';
import { expect, placeByHand, test } from '../e2e/fixtures';
import { measureCase3OnSagittal, placeCase3ByHand, type TruthVertebra } from '../e2e/own-ct';

const OUT = path.resolve(process.env.SHOTS_DIR ?? 'docs/screenshots');

/** Presents a procedure to the patient and pictures each step once its motions are done, at 1280 × 720. */
async function present(page: Page, procedure: string, stepIds: string[], files: string[], { language = 'en', ownCt = false } = {}) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Explain procedure' }).click();
  await page.waitForFunction(() => (window.__explain?.info().buildMs ?? 0) > 0);
  // The fracture measured on the study's CT shapes the model, which is then built from that CT.
  if (ownCt) await expect(page.getByTestId('explain-own-model')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.getByTestId(`explain-procedure-${procedure}`).click();
  await page.getByTestId('start-presentation').click();
  await expect(page.locator('.explain-root.presentation')).toBeVisible();
  if (language !== 'en') await page.getByTestId('explain-language').selectOption(language);
  for (const [i, id] of stepIds.entries()) {
    await page.evaluate((stepId) => {
      const s = window.__explain!.steps.find((x) => x.id === stepId)!;
      window.__explain!.seek(s.start + (s.end - s.start) * 0.9);
    }, id);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(OUT, files[i]) });
  }
}

test('explainer: the drawn model', async ({ app }) =>
  present(app.page, 'kyphoplasty', ['your-spine', 'balloon-inflate'], ['explain-your-spine.png', 'explain-kyphoplasty-balloon.png']));
test('explainer: vertebroplasty', async ({ app }) =>
  present(app.page, 'vertebroplasty', ['xray-guidance', 'cement'], ['explain-xray-guidance.png', 'explain-vertebroplasty-cement.png']));
test('explainer: in Spanish', async ({ app }) => present(app.page, 'kyphoplasty', ['what-to-expect'], ['explain-spanish.png'], { language: 'es' }));
test('explainer: the patient\'s own CT (sample case 3)', async ({ app }) => {
  test.setTimeout(120_000);
  await measureCase3OnSagittal(app.page);
  await present(app.page, 'kyphoplasty', ['your-spine', 'tube-in', 'balloon-inflate'], ['explain-own-ct.png', 'explain-own-ct-tubes.png', 'explain-own-ct-balloon.png'], { ownCt: true });
});

/**
 * A CT of our own making with another fracture (a 38 % biconcave L2, built by the sample generator),
 * opened as files and measured by hand on its reformat: the model is then built from that CT.
 */
test('explainer: the patient\'s own CT (a made L2 biconcave fracture)', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const base = TEACHING_CASES.find((c) => c.id === 'case-03-t12-moderate-wedge-ct')!;
  const made: CaseDefinition = {
    ...base,
    id: 'made-l2-biconcave-ct',
    level: 'L2',
    studies: [{ ...base.studies[0], fractures: [{ level: 'L2', shape: 'biconcave', heightLoss: 0.38, acute: false }], series: [{ kind: 'ct', folder: 'ct-axial', centreLevel: 'L2' }], angles: [['L1', 'L3']] }],
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-made-ct-'));
  try {
    const built = buildCase(made, 7, 'full');
    for (const file of built.files) {
      mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      writeFileSync(path.join(dir, file.path), file.bytes);
    }
    const truth = JSON.parse(readFileSync(path.join(dir, made.id, 'case.json'), 'utf8'));
    const l2 = truth.groundTruth.studies[0].images[0].vertebrae.find((v: TruthVertebra) => v.level === 'L2') as TruthVertebra;
    const sliceDir = path.join(dir, made.id, 'ct-axial');
    const files = readdirSync(sliceDir).sort().map((f) => path.join(sliceDir, f));
    // The geometry from the headers themselves: Image Position (Patient) and Pixel Spacing.
    const headers = files.map((f) => dicomParser.parseDicom(readFileSync(f)));
    const position = (d: dicomParser.DataSet) => [0, 1, 2].map((i) => d.floatString('x00200032', i)!);
    const zs = headers.map((d) => position(d)[2]).sort((a, b) => b - a);
    const geometry = { firstY: position(headers[0])[1], topZ: zs[0], pixelMm: headers[0].floatString('x00280030', 0)!, sliceMm: zs[0] - zs[1] };
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByTestId('file-input').setInputFiles(files);
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByTestId('plane-sagittal').click();
    await expect(page.getByTestId('viewport').first()).toHaveAttribute('data-plane', 'sagittal');
    const tab = page.getByTestId('tab-measure');
    if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await page.getByTestId('tool-vertebra').click();
    await placeByHand(page);
    await placeCase3ByHand(page, l2, geometry);
    await present(page, 'vertebroplasty', ['your-spine', 'cement'], ['explain-own-ct-made-l2.png', 'explain-own-ct-made-l2-cement.png'], { ownCt: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
