import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSr } from '../../shared/report/sr-read';
import { dicomFilesUnder, orthancMissing, startOrthanc, type Orthanc } from '../unit/pacs/orthanc';
import type { Page } from '@playwright/test';
import { canvasStats, expect, test, placeByHand } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CT_CASE = path.join(root, 'samples', 'cases', 'case-03-t12-moderate-wedge-ct');
const MR_CASE = path.join(root, 'samples', 'cases', 'case-05-acute-vs-chronic-mr');

/**
 * A DICOMweb front for Orthanc that passes searches and the first series retrieve through and holds
 * every later series retrieve unanswered: a study stays half-retrieved for as long as the test needs.
 */
async function startHoldingProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  let seriesRetrieves = 0;
  const server = http.createServer((req, res) => {
    const isSeriesRetrieve = /\/studies\/[^/]+\/series\/[^/?]+$/.test(req.url ?? '');
    if (isSeriesRetrieve && ++seriesRetrieves > 1) return;
    const target = new URL(req.url ?? '/', upstream);
    const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/dicom-web`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function dicomFilesIn(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.dcm')).map((e) => e.name);
}

test.describe('PACS in browser mode', () => {
  test('with no server configured the PACS screen says so and the app carries on', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'PACS', exact: true }).click();
    await expect(page.getByTestId('pacs-screen')).toContainText('No server yet');
    await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Viewer', exact: true }).click();
    await expect(page.getByTestId('series-item').first()).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('PACS against a real Orthanc', () => {
  test.skip(!!orthancMissing, orthancMissing);
  let orthanc: Orthanc;

  test.beforeAll(async () => {
    orthanc = await startOrthanc([]);
    await orthanc.upload(await dicomFilesUnder([CT_CASE, MR_CASE]));
  });
  test.afterAll(async () => orthanc?.stop());

  async function addServer(page: Page, baseUrl: string) {
    await page.getByRole('button', { name: 'PACS', exact: true }).click();
    await page.getByTestId('pacs-add').click();
    const form = page.getByRole('form', { name: 'Add server' });
    await form.getByLabel('Name', { exact: true }).fill('Test Orthanc');
    await form.getByLabel(/Base URL/).fill(baseUrl);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('pacs-node')).toHaveCount(1);
  }

  test('a cancelled retrieve of a multi-series study keeps nothing half-loaded', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    const proxy = await startHoldingProxy(orthanc.dicomWebUrl);
    try {
      await expect(page.getByTestId('load-progress')).toHaveCount(0);
      await addServer(page, proxy.url);
      await page.getByLabel('Patient ID').fill('SL-CASE-05');
      await page.getByLabel('Patient ID').press('Enter');
      await expect(page.getByTestId('pacs-study')).toContainText('3 series, 33 images');
      await page.getByTestId('pacs-retrieve-study').click();

      // The first series is in and showing; the second is held by the proxy, so the retrieve is half done.
      const progress = page.getByTestId('pacs-progress');
      await expect(progress.getByLabel('SAG T1 TSE: 11 of 11')).toBeVisible({ timeout: 30_000 });
      await expect(progress.getByLabel('SAG T2 TSE: 0 of 11')).toBeVisible();
      await expect(page.getByTestId('series-item').filter({ hasText: 'SAG T1' })).toHaveCount(1);
      expect(await dicomFilesIn(path.join(app.dataDir, 'pacs', 'retrieved'))).toHaveLength(11);

      await progress.getByTestId('pacs-cancel').click();
      await expect(progress).toHaveCount(0);
      await expect(page.getByTestId('viewer-message')).toContainText('nothing of it was kept');
      await expect(page.getByTestId('series-item')).toHaveCount(0);
      await expect.poll(() => dicomFilesIn(path.join(app.dataDir, 'pacs', 'retrieved'))).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test('the results list by keyboard: arrows step patient → study → series, Enter retrieves the focused series', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await addServer(page, orthanc.dicomWebUrl);
    await page.getByLabel('Patient ID').fill('SL-CASE-05');
    await page.getByLabel('Patient ID').press('Enter');
    await expect(page.getByTestId('pacs-study')).toHaveCount(1);
    const focused = page.locator(':focus');

    // Tab from the last search button enters the list at its first row.
    await page.getByRole('button', { name: 'Clear', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(focused).toHaveAttribute('data-pacs-row', 'patient');
    await expect(focused).toContainText('SL-CASE-05');
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('data-pacs-row', 'study');
    await expect(focused).toContainText('3 series, 33 images');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('data-pacs-row', 'series');
    await expect(focused).toContainText('SAG T2 TSE');
    await page.keyboard.press('ArrowUp');
    await expect(focused).toContainText('SAG T1 TSE');
    await page.keyboard.press('End');
    await expect(focused).toContainText('STIR');
    await page.keyboard.press('ArrowDown');
    await expect(focused).toContainText('STIR');

    // Only the focused series comes: the viewer ends with that one series and its 11 images.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('series-item')).toContainText('STIR');
    await expect(page.getByTestId('series-item')).toContainText('11');
    expect(app.consoleErrors).toEqual([]);
  });

  test('configure Orthanc, search, retrieve the CT, measure, store the SR, find it in Orthanc, reopen it', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    await addServer(page, orthanc.dicomWebUrl);
    await page.getByTestId('pacs-node').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('pacs-echo-result')).toContainText('✓ QIDO-RS');

    // Keyboard: the search form submits with Enter from any field.
    await page.getByLabel('Patient ID').fill('SL-CASE-03');
    await page.getByLabel('Patient ID').press('Enter');
    const study = page.getByTestId('pacs-study');
    await expect(study).toHaveCount(1);
    await expect(study).toContainText('CT thoracolumbar spine');
    await expect(study).toContainText('1 series, 120 images');
    await page.screenshot({ path: path.join(root, 'test-results', 'pacs-panel.png') });

    await study.getByTestId('pacs-retrieve-study').click();
    // The viewer opens with the first images while the rest still arrive.
    await expect(page.getByTestId('pacs-progress')).toBeVisible();
    await expect(page.getByTestId('series-item').first()).toContainText('AX BONE');
    await expect.poll(async () => (await canvasStats(page)).sd).toBeGreaterThan(1);
    await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('series-item').first()).toContainText('120');
    await page.screenshot({ path: path.join(root, 'test-results', 'pacs-retrieved.png') });

    await page.getByTestId('plane-sagittal').click();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-plane', 'sagittal');
    const tab = page.getByTestId('tab-measure');
    if ((await tab.count()) > 0) await tab.click();
    await page.getByTestId('tool-vertebra').click();
    await placeByHand(page);
    await page.getByTestId('next-level').selectOption('T12');
    const box = (await page.getByTestId('viewport').locator('canvas').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    for (const [dx, dy] of [[-30, -25], [0, -22], [30, -25], [-30, 25], [0, 22], [30, 25]]) await page.mouse.click(cx + dx, cy + dy);
    await expect(page.locator('[data-testid="result-row"][data-level="T12"]')).toBeVisible();

    // The report PDF goes along as Encapsulated PDF when the PACS screen's option is on.
    await page.getByRole('button', { name: 'PACS', exact: true }).click();
    await page.getByTestId('pacs-also-pdf').check();
    await page.getByRole('button', { name: 'Viewer', exact: true }).click();
    await page.getByTestId('export-pacs').click();
    await expect(page.getByTestId('viewer-message')).toContainText('Stored 2 objects on the server (Test Orthanc)');
    const pdfs = await fetch(`http://127.0.0.1:${orthanc.httpPort}/tools/find`, {
      method: 'POST',
      body: JSON.stringify({ Level: 'Instance', Query: { Modality: 'DOC', PatientID: 'SL-CASE-03' } }),
    }).then((r) => r.json() as Promise<string[]>);
    expect(pdfs).toHaveLength(1);
    const srs = await fetch(`http://127.0.0.1:${orthanc.httpPort}/tools/find`, {
      method: 'POST',
      body: JSON.stringify({ Level: 'Instance', Query: { Modality: 'SR' } }),
    }).then((r) => r.json() as Promise<string[]>);
    expect(srs).toHaveLength(1);
    const read = readSr(await orthanc.restBytes(`/instances/${srs[0]}/file`));
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.value.annotations.map((a) => a.type === 'vertebra' && a.level)).toEqual(['T12']);

    // Reopened in the app: the study now holds the SR series too, and the loader takes it as our report.
    await page.getByRole('button', { name: 'PACS', exact: true }).click();
    await page.getByLabel('Patient ID').fill('SL-CASE-03');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(study).toContainText('3 series, 122 images');
    await study.getByTestId('pacs-retrieve-study').click();
    await expect(page.getByTestId('failures-toggle')).toContainText('2 non-image objects', { timeout: 60_000 });
    await page.getByTestId('failures-toggle').click();
    await expect(page.getByTestId('failure-row').filter({ hasText: 'SpineLab measurement report: its measurements were restored' })).toHaveCount(1);
    expect(app.consoleErrors).toEqual([]);
  });
});
