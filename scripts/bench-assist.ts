/**
 * Assisted morphometry: time to screen a 512 × 512 × 500 CT (goal under 2 s in Node) and one-click proposal
 * latency (goal under 50 ms), each beside a floor measured in the same run — a plain pass over the volume's
 * voxels, and one over the plane's pixels — since timings vary from run to run on a shared machine. Then the
 * accuracy on the sample cases against their ground truth (CT one-click, radiograph and MR snapping).
 *
 *   npx tsx scripts/bench-assist.ts
 */
import { performance } from 'node:perf_hooks';
import { proposeSixPoints } from '../shared/assist/ct-proposal';
import { snapSixPoints } from '../shared/assist/edge-snap';
import { screenSpine, type SpineScreening } from '../shared/assist/spine-screen';
import type { PlaneImage } from '../shared/assist/types';
import { buildVolume, isVolume, type Volume } from '../shared/volume/volume';
import { proposeOnSampleCases } from '../tests/unit/assist/proposal-sample-cases';
import { sampleCases } from '../tests/unit/assist/sample-cases';
import { snapSampleCases } from '../tests/unit/assist/snap-sample-cases';
import { syntheticSpine } from '../tests/unit/assist/synthetic-spine';
import { median } from '../shared/statistics';

const SCREEN_RUNS = 3;
const CLICK_RUNS = 20;
const PERTURBATION_REPEATS = 6;


function timed(run: () => void, runs: number): number {
  run();
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The floor: every voxel read once and rescaled, as any analysis of the whole volume must at least do. */
function passOverVoxels(volume: Volume): number {
  let sum = 0;
  for (let k = 0; k < volume.slices.length; k++) {
    const slice = volume.slices[k];
    let s = 0;
    for (let i = 0; i < slice.length; i++) s += slice[i];
    sum += s * volume.slopes[k] + slice.length * volume.intercepts[k];
  }
  return sum;
}

function passOverPixels(pixels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += pixels[i];
  return sum;
}

const row = (name: string, ms: number, floorMs: number) => console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / floorMs).toFixed(1).padStart(6)} × floor`);

function timing(): void {
  const started = performance.now();
  const built = buildVolume(
    syntheticSpine({ columns: 512, rows: 512, slices: 500, pixelMm: 0.7, sliceMm: 0.8, bodies: 12, ribBearing: 6, wedge: { body: 8, anteriorFraction: 0.6 }, firstTopMm: 8 }),
  );
  if (!isVolume(built)) throw new Error(built.error);
  console.log(`synthetic CT 512 × 512 × 500 (0.7 mm pixels, 0.8 mm slices, 12 bodies, ribs on 6) built in ${(performance.now() - started).toFixed(0)} ms`);
  const volume = built;
  let sink = 0;
  const voxelFloor = timed(() => (sink += passOverVoxels(volume)), SCREEN_RUNS);
  let screening: SpineScreening | undefined;
  const screenMs = timed(() => {
    const result = screenSpine(volume);
    if ('error' in result) throw new Error(result.error);
    screening = result;
  }, SCREEN_RUNS);
  const s = screening!;
  console.log(`median of ${SCREEN_RUNS} runs; floor = one plain pass over the ${(volume.slices.length * volume.slices[0].length / 1e6).toFixed(0)} M voxels`);
  row('floor: plain pass over the voxels', voxelFloor, voxelFloor);
  row(`screen the spine (${s.vertebrae.length} bodies, levels ${s.levels.anchored ? 'anchored' : 'unanchored'})`, screenMs, voxelFloor);
  console.log(`   found: ${s.vertebrae.map((v) => `${v.level ?? v.order}${v.proposedFracture ? `(grade ${v.suggestedGrade})` : ''}`).join(' ')}`);

  const image: PlaneImage = { width: s.plane.width, height: s.plane.height, pixels: s.plane.pixels, spacing: s.spacing, orientation: s.orientation };
  const clicks = s.vertebrae.map((v) => ({ x: (v.points.middleSuperior.x + v.points.posteriorInferior.x) / 2, y: (v.points.middleSuperior.y + v.points.middleInferior.y) / 2 }));
  let next = 0;
  const planeFloor = timed(() => (sink += passOverPixels(s.plane.pixels)), CLICK_RUNS);
  const clickMs = timed(() => {
    const result = proposeSixPoints(image, clicks[next++ % clicks.length]);
    if (!result.ok) throw new Error(result.reason);
  }, CLICK_RUNS);
  console.log(`median of ${CLICK_RUNS} clicks over the bodies; floor = one plain pass over the ${s.plane.width} × ${s.plane.height} plane`);
  row('floor: plain pass over the plane', planeFloor, planeFloor);
  row('one-click six-point proposal', clickMs, planeFloor);
  if (sink === 0.5) console.log('');
}

async function accuracy(): Promise<void> {
  if (sampleCases().length === 0) {
    console.log('no sample cases (npm run samples): accuracy not measured');
    return;
  }
  const share = (values: boolean[]) => `${values.filter(Boolean).length}/${values.length} (${Math.round((100 * values.filter(Boolean).length) / values.length)} %)`;
  const ct = await proposeOnSampleCases();
  console.log('\nCT one-click on the sample cases (largest of |ΔHa|, |ΔHm|, |ΔHp|; |Δ wedge angle|):');
  for (const e of ct) console.log(`   ${e.label.padEnd(40)} ${e.failure ?? `${e.heightMm.toFixed(2)} mm  ${e.angleDeg.toFixed(2)}°`}`);
  console.log(`   within 1 mm: ${share(ct.map((e) => e.heightMm <= 1))}; within 2°: ${share(ct.map((e) => e.angleDeg <= 2))}; both: ${share(ct.map((e) => e.heightMm <= 1 && e.angleDeg <= 2))}`);
  const snaps = await snapSampleCases();
  console.log('\nSnapping ground truth perturbed 2–3 mm (seeded), by series:');
  for (const modality of [...new Set(snaps.map((r) => r.modality))]) {
    const errors = snaps.filter((r) => r.modality === modality).map((r) => r.errors);
    const mean = (pick: (e: (typeof errors)[number]) => number) => (errors.reduce((sum, e) => sum + pick(e), 0) / errors.length).toFixed(2);
    console.log(
      `   ${modality.padEnd(28)} heights ≤ 1 mm and angle ≤ 2°: ${share(errors.map((e) => e.heightMm <= 1 && e.angleDeg <= 2))}; mean point error ${mean((e) => e.meanPointMmBefore)} → ${mean((e) => e.meanPointMmAfter)} mm; mean largest height error ${mean((e) => e.heightMm)} mm`,
    );
  }
  // Eight MR vertebrae a series make one perturbation fragile (one vertebra is 12 %): the same over more.
  const repeats = await Promise.all(Array.from({ length: PERTURBATION_REPEATS }, (_, r) => snapSampleCases(1 + (r + 1) * 1000)));
  console.log(`\nThe same over ${PERTURBATION_REPEATS} further perturbations (seeds from 1001, 2001, …):`);
  for (const modality of [...new Set(snaps.map((r) => r.modality))]) {
    const errors = repeats.flat().filter((r) => r.modality === modality).map((r) => r.errors);
    const mean = (pick: (e: (typeof errors)[number]) => number) => (errors.reduce((sum, e) => sum + pick(e), 0) / errors.length).toFixed(2);
    console.log(`   ${modality.padEnd(28)} heights ≤ 1 mm and angle ≤ 2°: ${share(errors.map((e) => e.heightMm <= 1 && e.angleDeg <= 2))}; mean point error ${mean((e) => e.meanPointMmAfter)} mm; mean largest height error ${mean((e) => e.heightMm)} mm`);
  }
  // Latency of snapping one vertebra's six rough points, per series (the first vertebra of each, repeated).
  for (const modality of [...new Set(snaps.map((r) => r.modality))]) {
    const { image, rough } = snaps.find((r) => r.modality === modality)!;
    const cortex = modality.startsWith('MR') ? 'dark-line' : 'bright-bone';
    console.log(`   snap six points, ${modality.padEnd(28)} ${timed(() => snapSixPoints(image, rough, cortex), CLICK_RUNS).toFixed(1).padStart(6)} ms (median of ${CLICK_RUNS})`);
  }
}

timing();
await accuracy();
