import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { readSr } from '../../shared/report/sr-read';
import { expect, test, placeByHand } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASE_ID = 'case-02-l1-mild-wedge';
const caseDir = path.join(root, 'samples', 'cases', CASE_ID);

type Vec2 = { x: number; y: number };

/** Vertebra annotations in the annotation files the host has written so far. */
function savedVertebrae(dataDir: string): number {
  const dir = path.join(dataDir, 'annotations');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.annotations.json'))
    .flatMap((name) => (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { annotations: { type: string }[] }).annotations)
    .filter((a) => a.type === 'vertebra').length;
}
type PointName = 'anteriorSuperior' | 'middleSuperior' | 'posteriorSuperior' | 'anteriorInferior' | 'middleInferior' | 'posteriorInferior';
const SIX_POINTS: readonly PointName[] = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'];

interface GtVertebra {
  level: string;
  genantGrade: number;
  haHp: number;
  maxLossPercent: number;
  haMm: number;
  hmMm: number;
  hpMm: number;
}
interface GtImage {
  file: string;
  mmPerPixel: number;
  vertebrae: { level: string; points: Record<PointName, Vec2> }[];
}
interface CaseJson {
  patient: { id: string };
  groundTruth: { studies: { vertebrae: GtVertebra[]; images: GtImage[] }[] };
}

/** Ground truth of the lateral radiograph of the case, read on the Node side. */
function groundTruth() {
  const json = JSON.parse(readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as CaseJson;
  const study = json.groundTruth.studies[0];
  const image = study.images.find((i) => i.file.startsWith('xr-lateral/'))!;
  const pointsOf = (level: string) => image.vertebrae.find((v) => v.level === level)!.points;
  const truthOf = (level: string) => study.vertebrae.find((v) => v.level === level)!;
  return { patientId: json.patient.id, image, dxPath: path.join(caseDir, image.file), pointsOf, truthOf };
}

const GT = groundTruth();
const LEVELS = ['T12', 'L1', 'L2'] as const;

/** Sample cases open on the "Case" side panel when the app has one: switch to "Measure". */
async function showMeasurePanel(page: Page): Promise<void> {
  const tab = page.getByTestId('tab-measure');
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(page.getByTestId('tool-vertebra')).toBeVisible();
}

/** Waits for the first case to load, then opens a sample case from the "Sample cases" tab. */
async function openCase(page: Page, title: string): Promise<void> {
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sample cases' }).click();
  const card = page.getByTestId('case-card').filter({ hasText: title });
  await card.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('series-item').first()).toContainText('LAT THORACOLUMBAR SPINE');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-screen-width', /\d/);
  await expect(page.getByTestId('overlay-patient')).toContainText(GT.patientId);
  await showMeasurePanel(page);
}

/**
 * Screen position of an image point (cornerstone convention, top-left corner of the image = (0,0)):
 * after "fit" the image is centred in the canvas without translation.
 */
async function imageToScreen(page: Page, p: Vec2): Promise<Vec2> {
  const viewport = page.getByTestId('viewport');
  const [screenW, screenH, extent] = await Promise.all([
    viewport.getAttribute('data-screen-width'),
    viewport.getAttribute('data-screen-height'),
    viewport.getAttribute('data-extent-mm'),
  ]);
  const [extentW, extentH] = extent!.split('x').map(Number);
  const columns = Math.round(extentW / GT.image.mmPerPixel);
  const rows = Math.round(extentH / GT.image.mmPerPixel);
  const canvas = viewport.locator('canvas');
  const box = (await canvas.boundingBox())!;
  const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
  return {
    x: box.x + size.w / 2 + (p.x - columns / 2) * (Number(screenW) / columns),
    y: box.y + size.h / 2 + (p.y - rows / 2) * (Number(screenH) / rows),
  };
}

async function clickImagePoint(page: Page, p: Vec2): Promise<void> {
  const s = await imageToScreen(page, p);
  await page.mouse.click(s.x, s.y);
}

async function measureVertebra(page: Page, level: string): Promise<void> {
  await page.getByTestId('next-level').selectOption(level);
  const points = GT.pointsOf(level);
  const prompt = page.getByTestId('tool-prompt');
  for (let i = 0; i < 6; i++) {
    await expect(prompt).toContainText(`${level}: click the`);
    await expect(prompt).toContainText(`(${i + 1}/6)`);
    await clickImagePoint(page, points[SIX_POINTS[i]]);
  }
  await expect(page.locator(`[data-testid="result-row"][data-level="${level}"]`)).toBeVisible();
}

async function measureAll(page: Page): Promise<void> {
  await page.getByTestId('tool-vertebra').click();
  await expect(page.getByTestId('tool-vertebra')).toHaveAttribute('aria-pressed', 'true');
  await placeByHand(page);
  for (const level of LEVELS) await measureVertebra(page, level);
  await expect(page.getByTestId('result-row')).toHaveCount(LEVELS.length);
}

/** One image pixel in mm, plus the rounding of the displayed value to one decimal. */
const TOLERANCE_MM = GT.image.mmPerPixel + 0.05;

async function expectRowsMatchTruth(page: Page): Promise<void> {
  for (const level of LEVELS) {
    const row = page.locator(`[data-testid="result-row"][data-level="${level}"]`);
    const truth = GT.truthOf(level);
    for (const [cell, value] of [
      ['ha', truth.haMm],
      ['hm', truth.hmMm],
      ['hp', truth.hpMm],
    ] as const) {
      const text = (await row.getByTestId(cell).textContent())!;
      expect(text, `${level} ${cell}`).toMatch(/^\d+\.\d$/);
      expect(Math.abs(Number(text) - value), `${level} ${cell}: shown ${text}, truth ${value}`).toBeLessThanOrEqual(TOLERANCE_MM);
    }
    await expect(row.locator('.grade-chip'), `${level} suggested grade`).toHaveText(String(truth.genantGrade));
    // Ha/Hp and the loss column (RadElement rule: the larger of own Hp and normal neighbours; for L1 the own Hp).
    const cells = row.locator('td');
    expect(Math.abs(Number(await cells.nth(3).textContent()) - truth.haHp), `${level} Ha/Hp`).toBeLessThanOrEqual(0.011);
    expect(Math.abs(parseFloat((await cells.nth(4).textContent())!) - truth.maxLossPercent), `${level} loss %`).toBeLessThanOrEqual(1);
  }
}

function tmpDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'spinelab-measure-'));
}

async function download(page: Page, testId: string, dir: string): Promise<string> {
  const pending = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const d = await pending;
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

function hasTool(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

/** The SR written by the export test, used by the restore test (serial). */
let savedSr: string | undefined;

const CT_CASE_ID = 'case-03-t12-moderate-wedge-ct';
const CT_CASE_TITLE = 'Moderate wedge fracture of T12';
/** The SR of a measurement on the CT's sagittal reformat, for the restore test after it. */
let savedReformatSr: string | undefined;

test.describe.configure({ mode: 'serial' });

test.describe('measuring', () => {
  test('six points on T12, L1 and L2 of a radiograph give the true heights and grade', async ({ app }) => {
    const { page } = app;
    await openCase(page, 'Mild wedge fracture of L1');
    await expect(page.getByTestId('calibration-note')).toContainText('magnification-corrected');
    // The image's spacing badge: 0.2 mm / 1.15 = 0.174 mm per pixel, corrected for magnification (ERMF).
    await expect(page.locator('.overlay-bl')).toContainText(GT.image.mmPerPixel.toFixed(3));
    await expect(page.locator('.overlay-bl')).toContainText(/ERMF|magnification-corrected/);
    await measureAll(page);
    await expectRowsMatchTruth(page);
    // The overlay labels follow the same numbers.
    await expect(page.getByTestId('vertebra-annotation')).toHaveCount(3);
    await expect(page.locator('[data-testid="vertebra-annotation"][data-level="L1"]')).toContainText('L1  G1');
    // Each loss says against what it was measured and where it stands against the Genant thresholds.
    await expect(page.locator('[data-testid="loss-sentence"][data-level="T12"]')).toContainText(/\d+% \w+ height loss against .+ — below the 20% threshold of grade 1 \(Genant\)/);
    await expect(page.locator('[data-testid="loss-sentence"][data-level="L1"]')).toContainText(/\d+% \w+ height loss against .+ — grade 1 \(mild\): 20% to under 25% \(Genant\)/);
    expect(app.consoleErrors).toEqual([]);
  });

  test('with the Cobb tool a click on a measured corner picks its endplate, and a drag still moves the point', async ({ app }) => {
    const { page } = app;
    await openCase(page, 'Mild wedge fracture of L1');
    await measureAll(page);
    await page.getByTestId('tool-cobb').click();
    const prompt = page.getByTestId('tool-prompt');
    await expect(prompt).toContainText('Cobb: click an endplate');
    // Both clicks land on point handles of measured vertebrae (the corners the reader placed).
    await clickImagePoint(page, GT.pointsOf('T12').anteriorSuperior);
    await clickImagePoint(page, GT.pointsOf('L2').posteriorInferior);
    await expect(page.getByTestId('cobb-annotation')).toHaveCount(1);
    await expect(page.getByTestId('angle-result').filter({ hasText: 'Cobb' })).toContainText(/Cobb T12 superior – L2 inferior: \d+\.\d° (kyphosis|lordosis)/);
    await expect(page.getByTestId('cobb-annotation')).toContainText('T12 superior – L2 inferior');
    // Picking did not move the corners.
    await expectRowsMatchTruth(page);

    // A press that travels is a drag, with the Cobb tool still active: L1's anterior-superior corner moves up.
    const ha = page.locator('[data-testid="result-row"][data-level="L1"]').getByTestId('ha');
    const before = Number(await ha.textContent());
    const corner = await imageToScreen(page, GT.pointsOf('L1').anteriorSuperior);
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    await page.mouse.move(corner.x, corner.y - 12, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => Number(await ha.textContent())).toBeGreaterThan(before + 1);
    await expect(page.getByTestId('draft-point')).toHaveCount(0);
    await expect(page.getByTestId('cobb-annotation')).toHaveCount(1);
    expect(app.consoleErrors).toEqual([]);
  });

  test('measurements survive a reload', async ({ app }) => {
    const { page } = app;
    await openCase(page, 'Mild wedge fracture of L1');
    await measureAll(page);
    // Autosave runs after a quiet second: reload once the host's store holds every vertebra.
    await expect.poll(() => savedVertebrae(app.dataDir)).toBe(LEVELS.length);
    await page.reload();
    await openCase(page, 'Mild wedge fracture of L1');
    await expect(page.getByTestId('result-row')).toHaveCount(LEVELS.length);
    await expectRowsMatchTruth(page);
  });

  test('undo removes the last vertebra and redo brings it back', async ({ app }) => {
    const { page } = app;
    await openCase(page, 'Mild wedge fracture of L1');
    await measureAll(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('result-row')).toHaveCount(2);
    await expect(page.locator('[data-testid="result-row"][data-level="L2"]')).toHaveCount(0);
    await page.keyboard.press('Control+Shift+Z');
    await expect(page.getByTestId('result-row')).toHaveCount(3);
    await expect(page.locator('[data-testid="result-row"][data-level="L2"]')).toBeVisible();
    await expectRowsMatchTruth(page);
  });

  test('exports CSV, DICOM SR and PDF with the measured values', async ({ app }) => {
    const { page } = app;
    const dir = tmpDir();
    await openCase(page, 'Mild wedge fracture of L1');
    await measureAll(page);
    const shown = await page.locator('[data-testid="result-row"][data-level="L1"]').getByTestId('ha').textContent();

    const csvPath = await download(page, 'export-csv', dir);
    expect(csvPath.endsWith('.csv')).toBe(true);
    const csv = readFileSync(csvPath, 'utf8');
    const lines = csv.split(/\r\n/).filter(Boolean);
    expect(lines[0]).toContain('Level or endplates');
    for (const level of LEVELS) {
      const truth = GT.truthOf(level);
      const line = lines.find((l) => l.startsWith(`vertebra,${level},`));
      expect(line, `CSV row for ${level}`).toBeDefined();
      const [, , ha, hm, hp] = line!.split(',');
      expect(Math.abs(Number(ha) - truth.haMm)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(Number(hm) - truth.hmMm)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(Number(hp) - truth.hpMm)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
    expect(lines.find((l) => l.startsWith('vertebra,L1,'))).toContain(`vertebra,L1,${shown},`);

    const srPath = await download(page, 'export-sr', dir);
    expect(srPath.endsWith('.dcm')).toBe(true);
    expect(readFileSync(srPath).includes(Buffer.from(GT.patientId))).toBe(true);
    if (hasTool('dsrdump')) {
      const dump = spawnSync('dsrdump', [srPath], { encoding: 'utf8' });
      const problems = `${dump.stdout}\n${dump.stderr}`.split('\n').filter((l) => /^E:|^F:|error/i.test(l));
      expect(problems, 'dsrdump error lines').toEqual([]);
      expect(dump.status).toBe(0);
      expect(dump.stdout).toContain(GT.patientId);
      expect(dump.stdout).toContain('Imaging Measurement Report');
    } else {
      test.info().annotations.push({ type: 'skip', description: 'dsrdump not installed: SR not validated' });
    }
    savedSr = srPath;

    const pdfPath = await download(page, 'export-pdf', dir);
    expect(pdfPath.endsWith('.pdf')).toBe(true);
    if (hasTool('pdftotext') && hasTool('pdftoppm')) {
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('L1');
      expect(text).toContain(shown!);
      for (const level of LEVELS) expect(text).toContain(level);
      expect(text).toMatch(/For education and research/);
      expect(text).toMatch(/Not for diagnosis/);
      // The key image's labels are printed as text by the report (a picture of them was unreadable on paper).
      expect(text).toContain(`Ha ${shown} Hm`);
      const prefix = path.join(dir, 'page');
      execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', pdfPath, prefix]);
      const png = ['page-1.png', 'page-01.png', 'page-001.png'].map((n) => path.join(dir, n)).find((f) => existsSync(f));
      expect(png, 'pdftoppm rendered page 1').toBeDefined();
      expect(statSync(png!).size).toBeGreaterThan(1000);
      await test.info().attach('report page 1', { path: png!, contentType: 'image/png' });
    } else {
      test.info().annotations.push({ type: 'skip', description: 'poppler-utils not installed: PDF not validated' });
    }
  });

  test('opening the SR with its image restores the measurements on that image', async ({ app }) => {
    test.skip(!savedSr, 'the export test did not produce an SR');
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    // A fresh data folder: nothing was measured on this study here before.
    await page.getByTestId('file-input').setInputFiles([GT.dxPath, savedSr!]);
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('series-item')).toContainText('LAT THORACOLUMBAR SPINE');
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-screen-width', /\d/);
    await showMeasurePanel(page);
    await expect(page.getByTestId('result-row')).toHaveCount(LEVELS.length);
    await expect(page.locator('.measure-panel')).toContainText(/restored/i);
    await expectRowsMatchTruth(page);
  });

  test('a calibration line makes later lengths user-calibrated', async ({ app }) => {
    const { page } = app;
    await openCase(page, 'Mild wedge fracture of L1');
    const l1 = GT.pointsOf('L1');
    // Calibrate across L1's posterior wall, saying it is twice its true length.
    const known = 2 * GT.truthOf('L1').hpMm;
    await page.getByTestId('tool-calibrate').click();
    await clickImagePoint(page, l1.posteriorSuperior);
    await clickImagePoint(page, l1.posteriorInferior);
    const input = page.getByTestId('calibration-length');
    await expect(input).toBeVisible();
    await input.fill(String(known));
    await page.getByRole('button', { name: 'Calibrate', exact: true }).click();
    await expect(input).toHaveCount(0);
    await expect(page.getByTestId('calibration-annotation')).toHaveCount(1);

    // Then measure T12's posterior wall with the length tool: twice its true height, user-calibrated.
    const t12 = GT.pointsOf('T12');
    await page.getByTestId('tool-length').click();
    await clickImagePoint(page, t12.posteriorSuperior);
    await clickImagePoint(page, t12.posteriorInferior);
    const length = page.getByTestId('length-annotation');
    await expect(length).toHaveCount(1);
    await expect(page.getByTestId('calibration-note')).toContainText('user-calibrated');
    // The label on the image carries the long or the short (Cornerstone-style "mm Cal") badge.
    await expect(length).toContainText(/user-calibrated|mm Cal/);
    const value = Number(/([\d.]+)/.exec((await length.textContent())!)![1]);
    const expected = 2 * GT.truthOf('T12').hpMm;
    // Two lines each placed within about a pixel: allow 2 % (the doubled scale doubles the pixel error).
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(expected * 0.02);
  });

  test('a vertebra measured on a CT sagittal reformat goes into a Comprehensive 3D SR', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sample cases' }).click();
    await page.getByTestId('case-card').filter({ hasText: CT_CASE_TITLE }).getByRole('button', { name: 'Open case' }).click();
    await expect(page.getByTestId('series-item').first()).toContainText('AX BONE');
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByTestId('plane-sagittal').click();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-plane', 'sagittal');
    await showMeasurePanel(page);
    await page.getByTestId('tool-vertebra').click();
    await placeByHand(page);
    await page.getByTestId('next-level').selectOption('T12');
    // Six points of a body about 60 × 50 screen pixels round the middle of the picture: what is
    // measured does not matter here, only where it travels.
    const box = (await page.getByTestId('viewport').locator('canvas').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    for (const [dx, dy] of [[-30, -25], [0, -22], [30, -25], [-30, 25], [0, 22], [30, 25]]) await page.mouse.click(cx + dx, cy + dy);
    const row = page.locator('[data-testid="result-row"][data-level="T12"]');
    await expect(row).toBeVisible();
    const shownHa = await row.getByTestId('ha').textContent();

    const srPath = await download(page, 'export-sr', tmpDir());
    const read = readSr(new Uint8Array(readFileSync(srPath)));
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const [vertebra] = read.value.annotations;
    expect(read.value.annotations).toHaveLength(1);
    expect(vertebra).toMatchObject({ type: 'vertebra', level: 'T12', plane: { kind: 'reformat', orientation: 'sagittal' } });
    if (hasTool('dsrdump')) {
      const dump = spawnSync('dsrdump', ['-Ee', srPath], { encoding: 'utf8' });
      const problems = `${dump.stdout}\n${dump.stderr}`.split('\n').filter((l) => /^E:|^F:|error/i.test(l));
      expect(problems, 'dsrdump error lines').toEqual([]);
      expect(dump.stdout).toContain('Comprehensive 3D SR');
      expect(dump.stdout).toContain('SCOORD3D');
      const reportedHa = Number(/Anterior vertebral body height \(Ha\)"\)="([0-9.]+)"/.exec(dump.stdout)?.[1]);
      expect(Math.abs(reportedHa - Number(shownHa))).toBeLessThanOrEqual(0.05);
    }
    savedReformatSr = srPath;
  });

  test('opening that SR with the CT puts the vertebra back on the sagittal reformat', async ({ app }) => {
    test.skip(!savedReformatSr, 'the reformat export test did not produce an SR');
    const { page } = app;
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    const ctFolder = path.join(root, 'samples', 'cases', CT_CASE_ID, 'ct-axial');
    const ctFiles = readdirSync(ctFolder).map((name) => path.join(ctFolder, name));
    await page.getByTestId('file-input').setInputFiles([...ctFiles, savedReformatSr!]);
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await page.getByTestId('plane-sagittal').click();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-plane', 'sagittal');
    await showMeasurePanel(page);
    await expect(page.locator('[data-testid="result-row"][data-level="T12"]')).toBeVisible();
    await expect(page.locator('.measure-panel')).toContainText(/restored/i);
  });
});
