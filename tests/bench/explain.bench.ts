import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '../e2e/fixtures';

const MEASURE_MS = 5000;

/**
 * CPU time, ms, of this test's process and its descendants: the browser, and the GPU process whose threads
 * SwiftShader draws on. On a machine shared with other users it follows a change in the drawing's cost far
 * better than wall time does. Linux's /proc only (clock ticks of USER_HZ, 100 a second); undefined elsewhere.
 */
function cpuMs(): number | undefined {
  try {
    const parent = new Map<number, number>(), ticks = new Map<number, number>();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name's closing bracket: state, ppid, ... utime (14th field), stime (15th).
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(pid), Number(fields[1]));
        ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]));
      } catch {
        // The process ended while being read.
      }
    }
    let sum = 0;
    for (const [pid, t] of ticks) for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) { sum += t; break; }
    return sum * 10;
  } catch {
    return undefined;
  }
}

/**
 * The 3D explainer playing at 1280×720 in headless Chromium with software WebGL (SwiftShader): frames per
 * second from a requestAnimationFrame counter while the kyphoplasty timeline plays, beside a floor measured
 * in the same page (an empty requestAnimationFrame loop), with the scene's draw calls and triangles.
 */
// Tall enough that the canvas itself is about 1280×720 below the app's bars and controls.
test.use({ viewport: { width: 1280, height: 1055 } });

test('explainer: frame rate, draw calls, triangles, build time', async ({ app }) => {
  const { page } = app;
  // The sample study decodes in workers as the app opens; measured beside that, the frame rate is the two
  // sharing the cores, not the explainer's.
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await page.getByRole('button', { name: 'Explain procedure' }).click();
  await expect(page.getByTestId('explain-canvas')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => window.__explain !== undefined && window.__explain.info().buildMs > 0, undefined, { timeout: 60_000 });
  await page.getByTestId('explain-procedure-kyphoplasty').click();
  const size = await page.getByTestId('explain-canvas').evaluate((c) => `${(c as HTMLCanvasElement).width}×${(c as HTMLCanvasElement).height}`);
  // Frames the page actually paints per second, counted with requestAnimationFrame.
  const framesPerSecond = (ms: number) =>
    page.evaluate(
      (duration) =>
        new Promise<number>((resolve) => {
          let n = 0;
          const start = performance.now();
          const tick = () => {
            n++;
            if (performance.now() - start < duration) requestAnimationFrame(tick);
            else resolve(n / ((performance.now() - start) / 1000));
          };
          requestAnimationFrame(tick);
        }),
      ms,
    );
  // Played from the start of the opening, the instrument and the balloon steps: the far view and the close-ups with see-through bone.
  const rates: string[] = [], costs: string[] = [], cpu: string[] = [];
  for (const id of ['your-spine', 'tube-in', 'balloon-inflate']) {
    await page.evaluate((stepId) => window.__explain!.seek(window.__explain!.steps.find((s) => s.id === stepId)!.start), id);
    await page.getByTestId('explain-play').click();
    const fps = await framesPerSecond(MEASURE_MS);
    const share = await page.evaluate(() => window.__explain!.info().pixelRatio);
    rates.push(`${id} ${fps.toFixed(1)} (at ${share.toFixed(2)} of the resolution)`);
    // The cost of one frame at the playing resolution, the least of five tries: less bound to the machine's load than frames/s.
    costs.push(`${id} ${(await page.evaluate(() => Math.min(...[0, 1, 2, 3, 4].map(() => window.__explain!.frameMs(6))))).toFixed(1)} ms`);
    const before = cpuMs();
    await page.evaluate(() => window.__explain!.frameMs(30));
    const after = cpuMs();
    cpu.push(`${id} ${before === undefined || after === undefined ? 'n/a' : `${((after - before) / 30).toFixed(1)} ms`}`);
    await page.getByTestId('explain-play').click();
  }
  const floor = await framesPerSecond(2000);
  const info = await page.evaluate(() => window.__explain!.info());
  console.log(`\n== Explainer (kyphoplasty playing, canvas ${size}, SwiftShader)`);
  console.log(`frames/s while playing: ${rates.join(' · ')}; idle page ${floor.toFixed(1)}/s`);
  console.log(`a frame drawn and waited for, playing resolution (least of 5): ${costs.join(' · ')}`);
  console.log(`CPU time of a frame, browser and SwiftShader's threads together, playing resolution (30 frames): ${cpu.join(' · ')}`);
  console.log(`scene: ${info.calls} draw calls, ${info.triangles} triangles, built in ${info.buildMs.toFixed(0)} ms`);
});
