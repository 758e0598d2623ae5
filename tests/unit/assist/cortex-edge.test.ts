import { describe, expect, it } from 'vitest';
import { fitBoxSampledDarkLine } from '../../../shared/assist/cortex-edge';

const PIXEL_MM = 0.9;
const STEP_MM = PIXEL_MM / 2;

/**
 * A profile as MR records it across an endplate: marrow, a 1 mm dark cortex ending at `surfaceMm`, a thin
 * annulus and then the bright nucleus `nucleusMm` further out; each pixel averages its footprint, and the
 * profile is read between pixel centres by linear interpolation, every half pixel.
 */
function mrProfile(surfaceMm: number, phaseMm: number, levels: { marrow: number; cortex: number; annulus: number; nucleus: number }, nucleusMm: number): Float64Array {
  const truth = (t: number) => (t < surfaceMm - 1 ? levels.marrow : t < surfaceMm ? levels.cortex : t < surfaceMm + nucleusMm ? levels.annulus : levels.nucleus);
  const pixel = (centre: number) => {
    let sum = 0;
    for (let k = 0; k < 90; k++) sum += truth(centre - PIXEL_MM / 2 + ((k + 0.5) * PIXEL_MM) / 90);
    return sum / 90;
  };
  return Float64Array.from({ length: 24 }, (_, i) => {
    const t = i * STEP_MM;
    const below = Math.floor((t - phaseMm) / PIXEL_MM);
    const a = phaseMm + below * PIXEL_MM;
    return pixel(a) + ((pixel(a + PIXEL_MM) - pixel(a)) * (t - a)) / PIXEL_MM;
  });
}

const darkestOf = (profile: Float64Array) => profile.indexOf(Math.min(...profile));

describe('fitBoxSampledDarkLine', () => {
  // STIR-like levels (the sample phantom's tissue table): dark marrow, an annulus barely brighter than it.
  const stir = { marrow: 110, cortex: 30, annulus: 150, nucleus: 520 };
  const t1 = { marrow: 620, cortex: 40, annulus: 260, nucleus: 320 };

  it.each([
    ['STIR', stir],
    ['T1', t1],
  ])('places the outer surface of a 1 mm dark cortex within 0.25 mm at every sub-pixel phase, the outside stepping up again into the nucleus 2 mm out (%s)', (_, levels) => {
    // The model's kernel (box ⊗ triangle) is the pixel footprint averaged over phases: at one phase it is off
    // by up to 0.2 mm. A nucleus nearer than about 1.5 mm falls inside the fitted flank and pulls the surface out.
    for (let phase = 0; phase < PIXEL_MM; phase += 0.15) {
      const surface = 5.3;
      const profile = mrProfile(surface, phase, levels, 2);
      const fitted = fitBoxSampledDarkLine(profile, STEP_MM, darkestOf(profile), PIXEL_MM);
      expect(fitted).toBeDefined();
      expect(Math.abs(fitted! * STEP_MM - surface), `phase ${phase.toFixed(2)}`).toBeLessThan(0.25);
    }
  });

  // Behind a STIR posterior wall: 1.5 mm of epidural fat (70) between the cortex and the canal's fluid (900).
  it('stops a posterior wall at the canal: the surface within 0.3 mm at every phase with canalOutside, pulled out towards the fluid without', () => {
    const wall = { marrow: 110, cortex: 30, annulus: 70, nucleus: 900 };
    let worstWithout = 0;
    for (let phase = 0; phase < PIXEL_MM; phase += 0.15) {
      const surface = 5.3;
      const profile = mrProfile(surface, phase, wall, 1.5);
      const fitted = fitBoxSampledDarkLine(profile, STEP_MM, darkestOf(profile), PIXEL_MM, true);
      expect(fitted).toBeDefined();
      expect(Math.abs(fitted! * STEP_MM - surface), `phase ${phase.toFixed(2)}`).toBeLessThan(0.3);
      const unstopped = fitBoxSampledDarkLine(profile, STEP_MM, darkestOf(profile), PIXEL_MM);
      worstWithout = Math.max(worstWithout, unstopped === undefined ? Infinity : unstopped * STEP_MM - surface);
    }
    expect(worstWithout).toBeGreaterThan(0.5);
  });

  it('finds no band where the profile holds no dark line', () => {
    const ramp = Float64Array.from({ length: 24 }, (_, i) => 100 + 10 * i);
    expect(fitBoxSampledDarkLine(ramp, STEP_MM, 0, PIXEL_MM)).toBeUndefined();
  });
});
