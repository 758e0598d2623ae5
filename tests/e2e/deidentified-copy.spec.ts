import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parseInstance } from '../../shared/dicom/parse';
import { expect, test } from './fixtures';

const hasDcmdump = (() => {
  try {
    execFileSync('dcmdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('a de-identified copy of the open study carries no identifiers and opens again', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await expect(page.getByTestId('series-item')).toHaveCount(2);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-deidentified').click();
  const zipPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'spinelab-deid-')), 'copy.zip');
  await (await download).saveAs(zipPath);
  await expect(page.getByTestId('viewer-message')).toContainText('De-identified copy saved');

  const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const names = Object.keys(entries);
  expect(names).toHaveLength(121);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-deid-files-'));
  const paths = names.map((name) => {
    const file = path.join(outDir, path.basename(name));
    writeFileSync(file, entries[name]);
    return file;
  });
  for (const file of paths) {
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('SAMPLE^NORMAL')), file).toBe(false);
    expect(bytes.includes(Buffer.from('SL-CASE-01')), file).toBe(false);
    const header = parseInstance(new Uint8Array(bytes), path.basename(file)).header;
    expect(header.patientName).toMatch(/^ANON-/);
    expect(header.hasPixelData).toBe(true);
  }
  if (hasDcmdump && existsSync(paths[0])) {
    const dump = execFileSync('dcmdump', [paths[0]], { encoding: 'utf8' });
    expect(dump).toContain('PatientIdentityRemoved');
    // UIDs are fresh random digits and may hold "1962" by chance; the birth year is looked for in the other elements.
    const nonUidLines = dump.split('\n').filter((line) => !/\) UI \[/.test(line));
    expect(nonUidLines.join('\n')).not.toMatch(/SAMPLE|SL-CASE|1962/);
  }

  await page.getByTestId('file-input').setInputFiles(paths);
  await expect(page.getByTestId('overlay-patient')).toContainText('ANON-', { timeout: 60_000 });
  await expect(page.getByTestId('series-item')).toHaveCount(2);
});
