import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parseInstance } from '../../shared/dicom/parse';
import { expect, test as appTest } from './fixtures';

// Patient identifiers are shown on screen when asked for and nowhere else: not in the console of
// the page, not in page errors, not in what the host prints. And when the user hides them, the
// page's text holds none of them.

const DEFAULT_CASE = 'case-01-normal';
const OTHER_CASE = { id: 'case-05-acute-vs-chronic-mr', title: 'Acute or old? Two fractures on MRI' };
const CHECK_MARKER = 'privacy-capture-check';

/** Every way the identifiers of a sample case could be written: raw DICOM and as the overlay formats them. */
function identifiersOf(caseId: string): string[] {
  const index = JSON.parse(readFileSync(path.resolve('samples/cases/index.json'), 'utf8')) as {
    cases: { id: string; series: { files: string[] }[] }[];
  };
  const file = path.resolve('samples/cases', index.cases.find((c) => c.id === caseId)!.series[0].files[0]);
  const { header } = parseInstance(new Uint8Array(readFileSync(file)), path.basename(file));
  const birth = header.patientBirthDate ?? '';
  return [
    header.patientName,
    header.patientName.replace(/\^+/g, ', '),
    header.patientId,
    birth,
    birth.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'),
  ].filter((s) => s !== '');
}

/** The identifiers of both cases opened here, and the shapes every sample's identifiers share. */
const IDENTIFIERS = [...identifiersOf(DEFAULT_CASE), ...identifiersOf(OTHER_CASE.id)];
const SAMPLE_IDENTIFIER = /SAMPLE\^|SAMPLE, |SL-CASE-/;

function leaks(text: string): string[] {
  return [...IDENTIFIERS.filter((id) => text.includes(id)), ...(SAMPLE_IDENTIFIER.exec(text) ?? [])];
}

interface Capture {
  /** Everything the page logged or threw and everything the host process wrote, one entry each. */
  readonly lines: string[];
  /** Arguments of console messages, serialised after the fact (objects are not in the message text). */
  readonly pending: Promise<void>[];
  /** The page's address when capture began: about:blank, i.e. before the app loaded anything. */
  readonly startedAt: string;
}

// An auto fixture is set up before `app`, so capture already runs while the host starts and the
// page loads the default case.
const test = appTest.extend<{ capture: Capture }>({
  capture: [
    async ({ page }, use) => {
      const lines: string[] = [];
      const pending: Promise<void>[] = [];
      page.on('console', (message) => {
        lines.push(`console.${message.type()}: ${message.text()}`);
        for (const arg of message.args()) {
          pending.push(arg.jsonValue().then((value) => void lines.push(`console argument: ${JSON.stringify(value)}`), () => undefined));
        }
      });
      page.on('pageerror', (error) => lines.push(`pageerror: ${error.stack ?? error.message}`));
      // The browser host runs in this process: what it prints (console.* included) goes through these.
      const restore = [process.stdout, process.stderr].map((stream) => {
        const write = stream.write;
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
          lines.push(`host: ${String(chunk)}`);
          return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
        }) as typeof stream.write;
        return () => void (stream.write = write);
      });
      await use({ lines, pending, startedAt: page.url() });
      for (const undo of restore) undo();
    },
    { auto: true },
  ],
});

async function viewerReady(page: Page): Promise<void> {
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
}

/** Scrolls through a few images and back, with the wheel and the keyboard; places no point. */
async function browse(page: Page): Promise<void> {
  await page.getByTestId('viewport').hover();
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 120);
  await page.keyboard.press('ArrowDown');
  await page.mouse.wheel(0, -360);
}

async function openOtherCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sample cases' }).click();
  await expect(page.getByTestId('case-card')).not.toHaveCount(0);
  await page.getByTestId('case-card').filter({ hasText: OTHER_CASE.title }).getByRole('button', { name: 'Open case' }).click();
  await viewerReady(page);
}

test.describe('privacy', () => {
  test('no console message, page error or host output carries a patient identifier', async ({ app, capture }) => {
    const { page } = app;
    expect(capture.startedAt).toBe('about:blank');
    await viewerReady(page);
    // The identifiers really are in the app: the overlay shows them.
    await expect(page.getByTestId('overlay-patient')).toContainText('SL-CASE-01');
    await browse(page);
    await openOtherCase(page);
    await expect(page.getByTestId('overlay-patient')).toContainText('SL-CASE-05');
    await browse(page);

    // Prove both channels are listened to, then look at everything they carried.
    await page.evaluate((marker) => console.debug(marker), CHECK_MARKER);
    console.log(CHECK_MARKER);
    await expect.poll(() => capture.lines.filter((l) => l.includes(CHECK_MARKER)).length).toBeGreaterThanOrEqual(2);
    await Promise.all(capture.pending);
    expect(capture.lines.filter((line) => leaks(line).length > 0)).toEqual([]);
  });

  test('with identifiers hidden the page text and markup hold no patient name, ID or birth date', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    // The visible text, and the markup too: an attribute (aria-label, title) is read out just the same.
    const pageText = () => page.evaluate(() => `${document.title}\n${document.body.innerText}\n${document.documentElement.outerHTML}`);
    expect(leaks(await pageText())).not.toEqual([]);

    await page.keyboard.press('h');
    await expect(page.getByTestId('overlay-patient')).toHaveText('Identifiers hidden');
    await browse(page);
    expect(leaks(await pageText())).toEqual([]);

    await openOtherCase(page);
    await expect(page.getByTestId('overlay-patient')).toHaveText('Identifiers hidden');
    await browse(page);
    expect(leaks(await pageText())).toEqual([]);

    await page.getByTestId('toggle-identifiers').click();
    await expect(page.getByTestId('overlay-patient')).toContainText('SL-CASE-05');
  });
});
