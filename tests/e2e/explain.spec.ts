import { DISCLAIMER } from '../../shared/api';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, placeByHand, test } from './fixtures';
import { case3Truth, measureCase3OnSagittal, openCase3Sagittal, placeCase3ByHand, SIX, type PatientPoint } from './own-ct';

declare global {
  interface Window {
    /** Set by the video test: resolves with the playback position when the video ends. */
    __videoEnded?: Promise<number>;
  }
}

interface StepInfo {
  id: string;
  start: number;
  end: number;
  title: string;
}

async function openExplainer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Explain procedure' }).click();
  await expect(page.getByTestId('explain-canvas')).toBeVisible();
  await page.waitForFunction(() => (window.__explain?.info().buildMs ?? 0) > 0);
}

async function steps(page: Page): Promise<StepInfo[]> {
  return page.evaluate(() => window.__explain!.steps);
}

/** The moment each step's motions are done, as the handout pictures it. */
const stillTime = (s: StepInfo) => s.start + (s.end - s.start) * 0.9;

/** Grey-level spread and a hash of a canvas (the 3D one by default), read back through a 2D canvas. */
async function canvasPixels(page: Page, selector = '[data-testid="explain-canvas"]'): Promise<{ sd: number; hash: string }> {
  return page.evaluate(async (selector) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const source = document.querySelector<HTMLCanvasElement>(selector)!;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d')!;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let sum = 0, squares = 0, h = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const g = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += g;
      squares += g * g;
      if (i % 28 === 0) h = Math.imul(h ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16), 16777619);
    }
    const n = data.length / 4;
    const mean = sum / n;
    return { sd: Math.sqrt(Math.max(0, squares / n - mean * mean)), hash: (h >>> 0).toString(16) };
  }, selector);
}

/** The 3D canvas shrunk to 64 × 36 grey levels, for comparing two pictures by how much they differ. */
async function canvasThumbnail(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const copy = document.createElement('canvas');
    copy.width = 64;
    copy.height = 36;
    const context = copy.getContext('2d')!;
    context.drawImage(document.querySelector<HTMLCanvasElement>('[data-testid="explain-canvas"]')!, 0, 0, 64, 36);
    const { data } = context.getImageData(0, 0, 64, 36);
    return Array.from({ length: 64 * 36 }, (_, i) => (data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3);
  });
}

function meanDifference(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;
}

function hasPoppler(): boolean {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test.describe('procedure explainer', () => {
  for (const procedure of ['vertebroplasty', 'kyphoplasty'] as const) {
    test(`every ${procedure} step draws its own picture within the draw budget`, async ({ app }) => {
      const { page } = app;
      await openExplainer(page);
      await page.getByTestId(`explain-procedure-${procedure}`).click();
      await expect(page.getByTestId(`explain-procedure-${procedure}`)).toHaveAttribute('aria-pressed', 'true');
      const all = await steps(page);
      expect(all.length).toBeGreaterThanOrEqual(8);
      let previous = '';
      for (const [i, step] of all.entries()) {
        await page.evaluate((t) => window.__explain!.seek(t), stillTime(step));
        await expect(page.getByTestId('explain-caption')).toContainText(`${i + 1}/${all.length} · ${step.title}`);
        const pixels = await canvasPixels(page);
        expect(pixels.sd, `${step.id} is not blank`).toBeGreaterThan(12);
        expect(pixels.hash, `${step.id} differs from the step before`).not.toBe(previous);
        previous = pixels.hash;
        const info = await page.evaluate(() => window.__explain!.info());
        expect(info.calls).toBeLessThanOrEqual(50);
        expect(info.triangles).toBeLessThan(60_000);
      }
      expect(app.consoleErrors).toEqual([]);
    });
  }

  test('the X-ray toggle turns the X-ray view off during the X-ray step', async ({ app }) => {
    const { page } = app;
    await openExplainer(page);
    const xray = (await steps(page)).find((s) => s.id === 'xray-guidance')!;
    await page.evaluate((t) => window.__explain!.seek(t), stillTime(xray));
    const toggle = page.getByTestId('explain-fluoroscopy');
    await expect(toggle).toBeChecked();
    await expect(page.getByText('Live X-ray view')).toBeVisible();
    await toggle.uncheck();
    await expect(page.getByText('Live X-ray view')).toHaveCount(0);
    await expect(toggle).not.toBeChecked();
  });

  test('presenting to the patient shows no identifiers', async ({ app }) => {
    const { page } = app;
    // The bundled sample study is open, so its patient's name is on the page before presenting.
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
    await expect(page.locator('body')).toContainText('SAMPLE');
    await openExplainer(page);
    await page.getByTestId('start-presentation').click();
    await expect(page.locator('.explain-root.presentation')).toBeVisible();
    await expect(page.getByTestId('explain-caption')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('SAMPLE');
    expect(text).not.toContain('ID ');
    expect(text).toContain('Not for diagnosis');
    const pixels = await canvasPixels(page);
    expect(pixels.sd).toBeGreaterThan(12);
  });

  test('the handout PDF has one page per step, each with its caption', async ({ app }) => {
    test.skip(!hasPoppler(), 'poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed');
    const { page } = app;
    await openExplainer(page);
    await page.getByTestId('explain-procedure-kyphoplasty').click();
    const all = await steps(page);
    const captions = await page.evaluate(async (times) => {
      const out: string[] = [];
      for (const t of times) {
        window.__explain!.seek(t);
        await new Promise((resolve) => setTimeout(resolve, 50));
        out.push(document.querySelector('[data-testid="explain-caption"] p')!.textContent ?? '');
      }
      return out;
    }, all.map(stillTime));

    const downloading = page.waitForEvent('download');
    await page.getByTestId('explain-handout').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('spinelab-kyphoplasty-handout-en.pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-handout-'));
    try {
      const file = path.join(dir, 'handout.pdf');
      await download.saveAs(file);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(all.length);
      const words = (s: string) => s.replace(/\s+/g, ' ').trim();
      for (let p = 1; p <= all.length; p++) {
        const text = words(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }));
        expect(text).toContain(words(captions[p - 1]));
        // The open sample has no measured fracture: the handout shows an example and never says "your".
        expect(text).toContain('An example, not a measurement: L1');
        expect(text).not.toMatch(/\byours?\b/i);
        expect(text).toContain(DISCLAIMER);
        expect(text).not.toContain('SAMPLE');
      }
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
      const png = ['page-1.png', 'page-01.png', 'page-001.png'].map((n) => path.join(dir, n)).find(existsSync);
      expect(png, 'page 1 rendered').toBeDefined();
      expect(statSync(png!).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('with no measured fracture, no caption on screen says "your"', async ({ app }) => {
    const { page } = app;
    await openExplainer(page);
    await expect(page.getByTestId('shape-source')).toContainText('No measured fracture');
    for (const procedure of ['vertebroplasty', 'kyphoplasty', 'fusion'] as const) {
      await page.getByTestId(`explain-procedure-${procedure}`).click();
      for (const step of await steps(page)) {
        await page.evaluate((t) => window.__explain!.seek(t), stillTime(step));
        await expect(page.getByTestId('explain-caption')).toContainText(step.title);
        expect(await page.getByTestId('explain-view').innerText()).not.toMatch(/\byours?\b/i);
      }
    }
    await page.getByTestId('explain-procedure-vertebroplasty').click();
    await expect(page.getByTestId('explain-caption')).toContainText('example');
    await expect(page.getByTestId('explain-caption')).toContainText('34% shorter');
  });

  test('play moves the picture at once', async ({ app }) => {
    const { page } = app;
    await openExplainer(page);
    const still = await canvasThumbnail(page);
    await page.getByTestId('explain-play').click();
    await page.waitForFunction(() => window.__explain!.t() > 0.3, undefined, { timeout: 3000 });
    await page.getByTestId('explain-play').click();
    const t = await page.evaluate(() => window.__explain!.t());
    expect(t).toBeLessThan(1.5);
    // Within the first second the camera turns towards the side view: a change anyone sees, not a shade.
    expect(meanDifference(still, await canvasThumbnail(page))).toBeGreaterThan(1);
  });

  test('play keeps the timeline\'s pace: five seconds later the step has advanced as the timeline says', async ({ app }) => {
    const { page } = app;
    await openExplainer(page);
    const all = await steps(page);
    // Start two seconds before the second step, so that five seconds of play cross into it.
    const from = all[1].start - 2;
    await page.evaluate((t) => window.__explain!.seek(t), from);
    await expect(page.getByTestId('explain-caption')).toContainText(`1/${all.length}`);
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('explain-play').click();
    await page.waitForFunction((s) => performance.now() - s >= 5000, started, { timeout: 15_000, polling: 50 });
    const { t, elapsed } = await page.evaluate((s) => ({ t: window.__explain!.t(), elapsed: (performance.now() - s) / 1000 }), started);
    // At 1× the clock follows real time: it may lag by the click's round trip and a frame, never run ahead.
    expect(t - from).toBeLessThanOrEqual(elapsed + 0.05);
    expect(t - from).toBeGreaterThan(elapsed - 1);
    expect(all.findLastIndex((s) => t >= s.start)).toBe(1);
    await expect(page.getByTestId('explain-caption')).toContainText(`2/${all.length} · ${all[1].title}`);
  });

  test('presentation mode speaks Spanish when asked, and the handout keeps it', async ({ app }) => {
    test.skip(!hasPoppler(), 'poppler-utils (pdftotext) is not installed');
    const { page } = app;
    await openExplainer(page);
    await page.getByTestId('explain-procedure-kyphoplasty').click();
    await page.getByTestId('start-presentation').click();
    await expect(page.locator('.explain-root.presentation')).toBeVisible();
    await page.getByTestId('explain-language').selectOption('es');
    await expect(page.getByTestId('explain-caption')).toContainText('Este es un ejemplo de columna');
    await expect(page.locator('.explain-presentation-note')).toContainText('Solo para educación');
    expect(await page.getByTestId('explain-view').innerText()).not.toMatch(/\b(su|sus|your)\b/i);
    // A clicker sends Page Down and Page Up; choosing the language must not leave the keys in the list.
    const all = await steps(page);
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('explain-caption')).toContainText(`2/${all.length}`);
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('explain-caption')).toContainText(`1/${all.length}`);
    await expect(page.locator('.explain-root.presentation')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.explain-root.presentation')).toHaveCount(0);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('explain-handout').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('spinelab-kyphoplasty-handout-es.pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-handout-es-'));
    try {
      const file = path.join(dir, 'handout.pdf');
      await download.saveAs(file);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Cifoplastia');
      expect(text).toContain('Paso 1 de');
      expect(text).toContain('Un ejemplo, no una medición: L1');
      expect(text).toContain('Solo para educación e investigación');
      expect(text).not.toMatch(/\b(su|sus)\b/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('on sample case 3 the model is built from the patient\'s own CT in a worker, with progress', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await measureCase3OnSagittal(page);
    // Long tasks of the UI thread, the status of the build over time, and when its progress last moved.
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[][]; __statuses: [string, number][]; __lastProgress: number };
      w.__longTasks = [];
      w.__statuses = [];
      w.__lastProgress = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' });
      new MutationObserver(() => {
        const note = document.querySelector('[data-testid="explain-own-model"]');
        const status = note?.getAttribute('data-status');
        if (status && status !== w.__statuses.at(-1)?.[0]) w.__statuses.push([status, Math.round(performance.now())]);
        if (status === 'building') w.__lastProgress = performance.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Explain procedure' }).click();
    const note = page.getByTestId('explain-own-model');
    await expect(note).toBeVisible();
    await expect(note).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    const ui = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[][]; __statuses: [string, number][] };
      const cut = performance.getEntriesByName('spinelab:own-model-cut').map((e) => Math.round(e.duration));
      return { cutStepsMs: cut, statuses: w.__statuses, longTasks: w.__longTasks };
    });
    // The cut out of the viewer's volume is all the build does on the UI thread, in steps; the rest is the worker's.
    expect(ui.cutStepsMs.length).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'ui-thread', description: JSON.stringify(ui) });
    console.log('own-CT build, UI thread:', JSON.stringify(ui));
    await expect(note).toContainText('Model built from this CT: T12');
    await page.waitForFunction(() => window.__explain!.info().own);
    // From the last progress to the model's first frames: the meshes arriving are put in the scene as a short task.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
    const arrival = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[][]; __lastProgress: number };
      return w.__longTasks.filter(([start, duration]) => start + duration >= w.__lastProgress).map(([, duration]) => duration);
    });
    console.log('own meshes arriving, long tasks (ms):', JSON.stringify(arrival));
    expect(Math.max(0, ...arrival), 'the longest UI task as the own meshes arrive').toBeLessThan(100);
    await page.getByTestId('explain-procedure-kyphoplasty').click();
    for (const id of ['tube-in', 'balloon-inflate']) {
      await page.evaluate((stepId) => {
        const s = window.__explain!.steps.find((x) => x.id === stepId)!;
        window.__explain!.seek(s.start + (s.end - s.start) * 0.9);
      }, id);
      const pixels = await canvasPixels(page);
      expect(pixels.sd, `${id} is not blank`).toBeGreaterThan(12);
      const info = await page.evaluate(() => window.__explain!.info());
      expect(info.calls).toBeLessThanOrEqual(50);
      expect(info.triangles).toBeLessThan(60_000);
    }
    expect(app.consoleErrors).toEqual([]);
  });

  test('where the patient\'s CT gives no model, the shaped model is shown and the note says why', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await openCase3Sagittal(page);
    await page.getByTestId('tool-vertebra').click();
    await placeByHand(page);
    // T12's six points moved 10 cm back, behind the spinous processes: the same heights, measured where there is no bone.
    const t12 = case3Truth().vertebrae.find((v) => v.level === 'T12')!;
    const behind = Object.fromEntries(SIX.map((name) => [name, [t12.points[name][0], t12.points[name][1] + 100, t12.points[name][2]] as PatientPoint]));
    await placeCase3ByHand(page, { ...t12, points: behind as typeof t12.points });
    await page.getByRole('button', { name: 'Explain procedure' }).click();
    const note = page.getByTestId('explain-own-model');
    await expect(note).toHaveAttribute('data-status', 'fallback', { timeout: 60_000 });
    await expect(note).toHaveText('Drawn model shown: the bone could not be traced on this CT.');
    expect(await page.evaluate(() => window.__explain!.info().own)).toBe(false);
    expect((await canvasPixels(page)).sd, 'the shaped model is drawn').toBeGreaterThan(12);
    await page.getByTestId('explain-language').selectOption('es');
    await expect(note).toHaveText('Se muestra un modelo dibujado: no se pudo trazar el hueso en este TAC.');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the take-home video is a WebM of the whole animation that plays back with pictures', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await openExplainer(page);
    await page.getByTestId('explain-procedure-vertebroplasty').click();
    await page.getByLabel('Playback speed').selectOption('2');
    const duration = await page.evaluate(() => window.__explain!.steps.at(-1)!.end);
    const downloading = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByTestId('explain-video').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('spinelab-vertebroplasty.webm');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-video-'));
    try {
      const file = path.join(dir, 'video.webm');
      await download.saveAs(file);
      const bytes = readFileSync(file);
      // An EBML header (Matroska / WebM), and more than a few frames' worth of data.
      expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
      expect(bytes.length).toBeGreaterThan(50_000);
      // Play it back in the page, fast, and look at two of its frames (copied to a canvas as they pass).
      await page.evaluate(async (base64) => {
        const video = document.createElement('video');
        video.muted = true;
        video.src = URL.createObjectURL(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'video/webm' }));
        await new Promise((resolve, reject) => {
          video.onloadeddata = resolve;
          video.onerror = () => reject(new Error('the video does not load'));
        });
        const frames = [1, 9].map((second) => {
          const canvas = document.createElement('canvas');
          canvas.dataset.testid = `video-frame-${second}`;
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          document.body.appendChild(canvas);
          return { second, canvas };
        });
        video.ontimeupdate = () => {
          const due = frames.find((f) => !f.canvas.dataset.drawn && video.currentTime > f.second);
          if (!due) return;
          due.canvas.getContext('2d')!.drawImage(video, 0, 0);
          due.canvas.dataset.drawn = 'yes';
        };
        window.__videoEnded = new Promise<number>((resolve) => (video.onended = () => resolve(video.currentTime)));
        video.playbackRate = 8;
        await video.play();
      }, bytes.toString('base64'));
      const played = await page.evaluate(() => window.__videoEnded!);
      // The whole animation at 2×: its duration in seconds of video, give or take the recorder's start and stop.
      expect(played).toBeGreaterThan(duration / 2 - 2);
      expect(played).toBeLessThan(duration / 2 + 3);
      const frames = [await canvasPixels(page, '[data-testid="video-frame-1"]'), await canvasPixels(page, '[data-testid="video-frame-9"]')];
      expect(await page.locator('canvas[data-drawn="yes"]').count()).toBe(2);
      const width = await page.locator('[data-testid="video-frame-1"]').evaluate((canvas: HTMLCanvasElement) => canvas.width);
      expect(width).toBeGreaterThan(300);
      for (const frame of frames) expect(frame.sd).toBeGreaterThan(12);
      expect(frames[0].hash).not.toBe(frames[1].hash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
