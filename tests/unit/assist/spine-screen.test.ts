import { describe, expect, it } from 'vitest';
import { screenSpine, type SpineScreening } from '../../../shared/assist/spine-screen';
import { SIX_POINT_NAMES } from '../../../shared/measure/six-points';
import { buildVolume, isVolume, type Volume } from '../../../shared/volume/volume';
import { loadCtVolume, sampleCases } from './sample-cases';
import { syntheticSpine, syntheticSpineTruth, type SyntheticSpineSpec } from './synthetic-spine';

const cases = sampleCases();

function screened(volume: Volume): SpineScreening {
  const result = screenSpine(volume);
  if ('error' in result) throw new Error(result.error);
  return result;
}

function volumeOf(spec: SyntheticSpineSpec): Volume {
  const built = buildVolume(syntheticSpine(spec));
  if (!isVolume(built)) throw new Error(built.error);
  return built;
}

const SPEC: SyntheticSpineSpec = { columns: 200, rows: 200, slices: 200, pixelMm: 1, sliceMm: 1, bodies: 5, ribBearing: 2, wedge: { body: 3, anteriorFraction: 0.6 }, firstTopMm: 20 };

describe.skipIf(cases.length === 0)('screening the sample CTs', () => {
  for (const entry of cases) {
    for (const study of entry.details.studies) {
      for (const truthImage of study.images) {
        if (truthImage.kind !== 'patient') continue;
        it(`${entry.id}: finds every vertebra on the CT and flags exactly the fractured ones`, async () => {
          const result = screened(await loadCtVolume(entry.id, truthImage.seriesInstanceUid));
          expect(result.vertebrae.length).toBe(truthImage.vertebrae.length);
          for (const v of truthImage.vertebrae) {
            // Matched by position: the phantom has no ribs, so levels cannot be anchored.
            const found = result.vertebrae.find((s) => Math.abs(s.patientPoints.middleSuperior[2] - v.points.middleSuperior[2]) < 5);
            expect(found, v.level).toBeDefined();
            for (const name of SIX_POINT_NAMES) {
              const p = found!.patientPoints[name];
              expect(Math.hypot(p[0] - v.points[name][0], p[1] - v.points[name][1], p[2] - v.points[name][2]), `${v.level} ${name}`).toBeLessThan(2);
            }
            const truth = study.vertebrae.find((t) => t.level === v.level)!;
            expect(found!.proposedFracture, `${v.level} flagged`).toBe(truth.fractured);
          }
          expect(result.levels.anchored).toBe(false);
          expect(result.vertebrae.every((v) => v.level === undefined)).toBe(true);
        });
      }
    }
  }
});

describe('screening a synthetic CT', () => {
  it('counts levels from T12, the lowest rib-bearing body, and flags the wedged body', () => {
    const result = screened(volumeOf(SPEC));
    expect(result.levels.anchored).toBe(true);
    expect(result.vertebrae.map((v) => v.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
    expect(result.vertebrae.map((v) => v.proposedFracture)).toEqual(syntheticSpineTruth(SPEC).map((t) => t.fractured));
    const l2 = result.vertebrae[3];
    expect(l2.heights.ha.value / l2.heights.hp.value).toBeCloseTo(0.6, 1);
    expect(l2.loss.referenceDetail).toContain('L1');
  });

  it('leaves the levels unanchored when no body bears ribs, and says so without naming levels', () => {
    const result = screened(volumeOf({ ...SPEC, ribBearing: 0 }));
    expect(result.levels.anchored).toBe(false);
    expect(result.levels.explanation).toMatch(/not anchored/);
    expect(result.vertebrae).toHaveLength(5);
    expect(result.vertebrae.every((v) => v.level === undefined)).toBe(true);
    expect(result.vertebrae[2].loss.referenceDetail).not.toMatch(/\b[TL]\d/);
  });

  it('counts levels up from S1 where the scan shows the sacrum, and leaves the sacrum unmeasured', () => {
    const result = screened(volumeOf({ ...SPEC, slices: 220, bodies: 6, ribBearing: 0, sacrum: true, wedge: { body: 4, anteriorFraction: 0.6 } }));
    expect(result.levels.anchored).toBe(true);
    expect(result.levels.explanation).toMatch(/counted up from S1/);
    expect(result.vertebrae.map((v) => v.level)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(result.vertebrae.map((v) => v.proposedFracture)).toEqual([false, false, false, false, true]);
    expect(result.warnings.join(' ')).toMatch(/sacrum is on the scan/);
  });

  it('prefers S1 to the ribs, and says when the two counts disagree', () => {
    const agreeing = screened(volumeOf({ ...SPEC, slices: 280, bodies: 8, ribBearing: 2, sacrum: true, wedge: undefined }));
    expect(agreeing.vertebrae.map((v) => v.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']);
    expect(agreeing.levels.explanation).not.toMatch(/not 5/);
    // One rib-bearing body above six lumbar-looking ones: a transitional vertebra or a missing rib pair.
    const disagreeing = screened(volumeOf({ ...SPEC, slices: 280, bodies: 8, ribBearing: 1, sacrum: true, wedge: undefined }));
    expect(disagreeing.vertebrae.map((v) => v.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']);
    expect(disagreeing.levels.explanation).toMatch(/gives 6 lumbar bodies, not 5/);
  });

  it('refuses a volume without a spinal canal', () => {
    const result = screenSpine(volumeOf({ ...SPEC, bodies: 0, ribBearing: 0, wedge: undefined }));
    expect('error' in result && result.error).toMatch(/canal was not found/);
  });
});
