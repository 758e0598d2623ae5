import { describe, expect, it } from 'vitest';
import { snapPoint, snapSixPoints } from '../../../shared/assist/edge-snap';
import { measureHeights } from '../../../shared/measure/morphometry';
import { SIX_POINT_NAMES } from '../../../shared/measure/six-points';
import type { SixPoints } from '../../../shared/measure/types';
import { createRandom } from '../../../samples/random';
import { sampleCases } from './sample-cases';
import { snapSampleCases } from './snap-sample-cases';
import { MR_STIR_VALUES, MR_T1_VALUES, syntheticPlane, syntheticTruth } from './synthetic-plane';

const cases = sampleCases();

describe.skipIf(cases.length === 0)('edge snapping on the sample radiographs and MR', () => {
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

  it('brings radiograph points perturbed by 2–3 mm back close to the ground truth', async () => {
    const errors = (await snapSampleCases()).filter((r) => r.modality.startsWith('DX')).map((r) => r.errors);
    expect(errors.length).toBeGreaterThan(30);
    // The goal: heights within 1 mm and the wedge angle within 2° for at least 90 % of vertebrae (36 of 37 now).
    const within = errors.filter((e) => e.heightMm <= 1 && e.angleDeg <= 2).length / errors.length;
    expect(within, JSON.stringify(errors.filter((e) => e.heightMm > 1 || e.angleDeg > 2))).toBeGreaterThanOrEqual(0.9);
    expect(mean(errors.map((e) => e.meanPointMmAfter))).toBeLessThan(mean(errors.map((e) => e.meanPointMmBefore)) / 3);
  });

  // One perturbation of 37 vertebrae moves by a vertebra (3 %) with small changes: the goal also over the six
  // further perturbations of bench-assist (215 of 222 now; about 8 s).
  it('brings radiograph points back close to the ground truth over six further perturbations', async () => {
    const seeds = [1001, 2001, 3001, 4001, 5001, 6001];
    const errors = (await Promise.all(seeds.map((seed) => snapSampleCases(seed)))).flat().filter((r) => r.modality.startsWith('DX')).map((r) => r.errors);
    expect(errors.length).toBeGreaterThan(6 * 30);
    expect(errors.filter((e) => e.heightMm <= 1 && e.angleDeg <= 2).length / errors.length).toBeGreaterThanOrEqual(0.9);
  }, 30_000);

  // Issue 14's goal for every series: heights within 1 mm and the wedge angle within 2° for at least 90 % of
  // vertebrae (all 8 here). Met on T1, T2 and STIR (8/8 each, npx tsx scripts/bench-assist.ts).
  const reachesGoal = async (sequence: string) => {
    const errors = (await snapSampleCases()).filter((r) => r.modality.startsWith(`MR SAG ${sequence}`)).map((r) => r.errors);
    expect(errors.length).toBeGreaterThanOrEqual(8);
    expect(errors.filter((e) => e.heightMm <= 1 && e.angleDeg <= 2).length / errors.length).toBeGreaterThanOrEqual(0.9);
  };
  it.each(['T1', 'T2', 'STIR'])('reaches the goal on MR %s: heights within 1 mm and angle within 2° for ≥ 90 % of vertebrae', reachesGoal);

  // The same over bench-assist's six further perturbations (T1 48, T2 47, STIR 46 of 48 now; STIR was 36).
  it('reaches the goal on every MR series over six further perturbations', async () => {
    const seeds = [1001, 2001, 3001, 4001, 5001, 6001];
    const all = (await Promise.all(seeds.map((seed) => snapSampleCases(seed)))).flat();
    for (const sequence of ['T1', 'T2', 'STIR']) {
      const errors = all.filter((r) => r.modality.startsWith(`MR SAG ${sequence}`)).map((r) => r.errors);
      expect(errors.length).toBe(6 * 8);
      expect(errors.filter((e) => e.heightMm <= 1 && e.angleDeg <= 2).length / errors.length, sequence).toBeGreaterThanOrEqual(0.9);
    }
  }, 30_000);

  // Measured (mean point error, mm, before → after; mean of each vertebra's largest height error; share within
  // 1 mm and 2°): T1 2.41 → 0.30, 0.49 mm, 8/8; T2 2.52 → 0.30, 0.48 mm, 8/8; STIR 2.55 → 0.48, 0.51 mm, 8/8.
  // Eight vertebrae per series make these fragile (one vertebra is 12 %): six further perturbations (in
  // bench-assist) give T1 48/48, T2 47/48, STIR 46/48.
  it.each([
    ['T1', 6, 0.7, 0.85],
    ['T2', 5, 0.6, 0.85],
    ['STIR', 4, 0.7, 0.85],
  ])('brings %s points closer to the truth: mean point error divided by at least %s, heights within %s mm on average, a share of %s within 1 mm and 2°', async (sequence, factor, heightMm, share) => {
    const errors = (await snapSampleCases()).filter((r) => r.modality.startsWith(`MR SAG ${sequence}`)).map((r) => r.errors);
    expect(errors.length).toBeGreaterThanOrEqual(8);
    expect(mean(errors.map((e) => e.meanPointMmAfter))).toBeLessThan(mean(errors.map((e) => e.meanPointMmBefore)) / factor);
    expect(mean(errors.map((e) => e.heightMm))).toBeLessThan(heightMm);
    expect(errors.filter((e) => e.heightMm <= 1 && e.angleDeg <= 2).length / errors.length).toBeGreaterThanOrEqual(share);
  });
});

describe('edge snapping on a synthetic plane', () => {
  const body = { front: 20, back: 52, top: 30, bottom: 56 };
  const image = syntheticPlane(80, 90, [body]);
  const truth = syntheticTruth(image, body);

  it('moves a superior point that lies 2.5 mm inside the body up onto the endplate', () => {
    const result = snapPoint(image, { x: truth.middleSuperior.x, y: truth.middleSuperior.y + 5 }, 'middleSuperior', 'bright-bone');
    expect(result.snapped).toBe(true);
    expect(Math.abs(result.point.y - truth.middleSuperior.y) * 0.5).toBeLessThan(0.3);
    expect(result.movedMm).toBeCloseTo(2.5, 0);
  });

  it('snaps a corner in both directions', () => {
    const result = snapPoint(image, { x: truth.anteriorSuperior.x - 4, y: truth.anteriorSuperior.y + 4 }, 'anteriorSuperior', 'bright-bone');
    expect(result.snapped).toBe(true);
    expect(Math.hypot(result.point.x - truth.anteriorSuperior.x, result.point.y - truth.anteriorSuperior.y) * 0.5).toBeLessThan(0.4);
  });

  it('snaps the corner of a body whose endplate lies nearer the image border than the search reaches', () => {
    const high = { front: 20, back: 52, top: 3, bottom: 29 };
    const plane = syntheticPlane(80, 60, [high]);
    const corner = syntheticTruth(plane, high).anteriorSuperior;
    const result = snapPoint(plane, { x: corner.x - 3, y: corner.y - 2 }, 'anteriorSuperior', 'bright-bone');
    expect(result.snapped).toBe(true);
    expect(Math.hypot(result.point.x - corner.x, result.point.y - corner.y) * 0.5).toBeLessThan(0.4);
  });

  it('passes over the top of bright cement inside the body to the endplate above it', () => {
    const plane = syntheticPlane(80, 90, [body]);
    const pixels = Float32Array.from(plane.pixels);
    // Cement (CT numbers of PMMA with barium) from 3.5 mm under the endplate, as after kyphoplasty.
    for (let r = (body.top + 3.5) / 0.5; r < (body.top + 10) / 0.5; r++) for (let c = 26 / 0.5; c < 46 / 0.5; c++) pixels[r * plane.width + c] = 2800;
    const cemented = { ...plane, pixels };
    const result = snapPoint(cemented, { x: truth.middleSuperior.x, y: truth.middleSuperior.y + 5 }, 'middleSuperior', 'bright-bone');
    expect(result.snapped).toBe(true);
    expect(Math.abs(result.point.y - truth.middleSuperior.y) * 0.5).toBeLessThan(0.3);
  });

  it('leaves a point with no edge within reach where it was', () => {
    const far = { x: 10, y: 170 };
    const result = snapPoint(image, far, 'middleInferior', 'bright-bone');
    expect(result).toEqual({ point: far, snapped: false, movedMm: 0 });
  });

  it('takes the outer edge of a dark cortex (MR): the step from the dark line to the brighter tissue outside', () => {
    const mr = syntheticPlane(80, 90, [body], true, MR_T1_VALUES);
    const result = snapPoint(mr, { x: truth.middleSuperior.x, y: truth.middleSuperior.y + 4 }, 'middleSuperior', 'dark-line');
    expect(result.snapped).toBe(true);
    expect(Math.abs(result.point.y - truth.middleSuperior.y) * 0.5).toBeLessThan(0.4);
  });

  it.each([
    ['fatty marrow', MR_T1_VALUES.marrow],
    ['marrow as dark as a fracture band', 170],
  ])('places the outer surface of a dark cortex whatever lies inside it (%s)', (_, marrow) => {
    const mr = syntheticPlane(80, 90, [body], true, { ...MR_T1_VALUES, marrow });
    for (const role of ['middleSuperior', 'middleInferior'] as const) {
      const outward = role === 'middleSuperior' ? -1 : 1;
      const result = snapPoint(mr, { x: truth[role].x, y: truth[role].y - 4 * outward }, role, 'dark-line');
      expect(result.snapped).toBe(true);
      expect(Math.abs(result.point.y - truth[role].y) * 0.5).toBeLessThan(0.25);
    }
  });

  it('finds the endplates and walls of a STIR-like body (dark marrow, dark cortex, faint outside) as whole lines from points 2.5 mm off', () => {
    const plane = syntheticPlane(80, 90, [body], true, MR_STIR_VALUES);
    // Magnitude-image noise as on the sample STIR (14 on its 0–1000 scale).
    const random = createRandom(7);
    const pixels = Float32Array.from(plane.pixels, (v) => Math.hypot(v + 14 * random.gaussian(), 14 * random.gaussian()));
    const stir = { ...plane, pixels };
    // 5 pixels of 0.5 mm, in scattered directions.
    const directions = [0.3, 2.1, 4.0, 5.2, 1.1, 3.3];
    const rough = Object.fromEntries(
      SIX_POINT_NAMES.map((name, k) => [name, { x: truth[name].x + 5 * Math.cos(directions[k]), y: truth[name].y + 5 * Math.sin(directions[k]) }]),
    ) as unknown as SixPoints;
    const snapped = measureHeights(snapSixPoints(stir, rough, 'dark-line').points, stir.spacing);
    const expected = measureHeights(truth, stir.spacing);
    for (const h of ['ha', 'hm', 'hp'] as const) expect(Math.abs(snapped[h].value - expected[h].value), h).toBeLessThan(1);
  });
});
