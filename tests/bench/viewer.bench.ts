import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { writeCtSeries } from '../fixtures/ct-series';

const SLICES = Number(process.env.BENCH_SLICES ?? 500);
const SCROLL_MS = 4000;

/**
 * Resident memory of Chromium's renderer processes (Linux /proc), in MB: the decode workers are threads of
 * the page's renderer, so this counts the pixels wherever they live. Only this benchmark's browser runs.
 */
function rendererRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('--type=renderer')) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
    } catch {
      // The process ended while we looked.
    }
  }
  return kb / 1024;
}

/**
 * Scrolling a 512×512×N CT in the real viewer, beside a floor: the same page drawing frames of the
 * same size with putImageData as fast as requestAnimationFrame allows. Reported as a ratio, since
 * timings on this kind of machine vary by 30–50% from run to run.
 */
test('viewer: scroll speed, reformat time and heap', async ({ app }) => {
  const { page } = app;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-bench-'));
  const files = writeCtSeries(dir, { slices: SLICES, size: 512, sliceSpacingMm: 1 });
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
  const rssBefore = rendererRssMb();
  const loadStart = Date.now();
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-slices', String(SLICES), { timeout: 300_000 });
  await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 300_000 });
  const loadMs = Date.now() - loadStart;
  const rssLoaded = rendererRssMb();
  const pixelMb = (SLICES * 512 * 512 * 2) / 2 ** 20;
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));

  await page.getByTestId('viewport').hover();
  // Scroll by key repeat for a fixed time, counting frames the viewport actually rendered.
  const viewer = await page.evaluate(async (ms) => {
    const element = document.querySelector('[data-testid="viewport"]')!;
    let rendered = 0;
    element.addEventListener('cornerstoneimagerendered', () => rendered++);
    const start = performance.now();
    let direction = 'ArrowDown';
    let i = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (performance.now() - start > ms) return resolve();
        if (i++ % 400 === 399) direction = direction === 'ArrowDown' ? 'ArrowUp' : 'ArrowDown';
        window.dispatchEvent(new KeyboardEvent('keydown', { key: direction }));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const seconds = (performance.now() - start) / 1000;
    return { fps: rendered / seconds };
  }, SCROLL_MS);

  const floor = await page.evaluate(async (ms) => {
    const canvas = document.createElement('canvas');
    const element = document.querySelector('[data-testid="viewport"]') as HTMLElement;
    canvas.width = element.clientWidth;
    canvas.height = element.clientHeight;
    canvas.style.cssText = 'position:fixed;left:0;top:0;z-index:99';
    document.body.appendChild(canvas);
    const g = canvas.getContext('2d')!;
    const frames = Array.from({ length: 8 }, (_, k) => {
      const f = new ImageData(512, 512);
      for (let i = 0; i < f.data.length; i += 4) f.data[i] = f.data[i + 1] = f.data[i + 2] = (i / 4 + k * 31) & 255;
      return f;
    });
    let drawn = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (performance.now() - start > ms) return resolve();
        g.putImageData(frames[drawn % frames.length], 0, 0);
        drawn++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    canvas.remove();
    return { fps: drawn / ((performance.now() - start) / 1000) };
  }, SCROLL_MS);

  const planes: Record<string, number> = {};
  for (const plane of ['sagittal', 'coronal', 'axial'] as const) {
    const t0 = Date.now();
    await page.getByTestId(`plane-${plane}`).click();
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-plane', plane);
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-transform', /\d/);
    planes[plane] = Date.now() - t0;
  }
  await page.getByTestId('plane-acquired').click();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
  const heapBefore = await heap();
  for (let pass = 0; pass < 10; pass++) {
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    for (let i = 0; i < 20; i++) await page.keyboard.press('PageDown');
  }
  const heapAfter = await heap();

  console.log(`\n== Viewer, ${SLICES} slices 512×512 int16 (headless Chromium, software rendering)`);
  console.log(`load: first image ${(marks['spinelab:first-image'] - marks['spinelab:progress-shown']).toFixed(0)} ms after the load began; whole series ${loadMs} ms`);
  console.log(`scroll: ${viewer.fps.toFixed(1)} frames/s (${(1000 / viewer.fps).toFixed(1)} ms/frame); floor putImageData ${floor.fps.toFixed(1)} frames/s; ratio floor/viewer ${(floor.fps / viewer.fps).toFixed(2)}`);
  console.log(`reformat shown (click to image, includes volume build on first): ${Object.entries(planes).map(([p, ms]) => `${p} ${ms} ms`).join(', ')}`);
  console.log(`JS heap: ${heapBefore.toFixed(0)} MB before, ${heapAfter.toFixed(0)} MB after 10 scroll passes`);
  const rssGrowth = rssLoaded - rssBefore;
  console.log(`memory: renderer RSS +${rssGrowth.toFixed(0)} MB for ${pixelMb.toFixed(0)} MB of decoded pixels (ratio ${(rssGrowth / pixelMb).toFixed(2)}); +${(rendererRssMb() - rssBefore).toFixed(0)} MB after the reformats and scrolling`);
  rmSync(dir, { recursive: true, force: true });
});
