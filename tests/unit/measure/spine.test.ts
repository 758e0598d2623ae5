import { describe, expect, it } from 'vitest';
import { UNCALIBRATED } from '../../../shared/calibration';
import { assessSpine } from '../../../shared/measure/spine';
import type { SixPoints, SpineInput, VertebralLevel } from '../../../shared/measure/types';
import { FACING_LEFT, NON_SQUARE, SQUARE_MM, bodyMm, pointsToPixels } from './fixtures';

const atanDeg = (x: number) => (Math.atan(x) * 180) / Math.PI;

// T12 normal, leaning forward 10°; L1 the DOMAIN.md reference wedge; L2 normal, leaning back 5°.
const T12 = bodyMm({ ha: 28, hm: 27.5, hp: 29, origin: { x: 100, y: 100 }, tiltDeg: -10 });
const L1 = bodyMm({ ha: 20.2, hm: 27, hp: 30.8, origin: { x: 100, y: 145 } });
const L2 = bodyMm({ ha: 30, hm: 29.5, hp: 31, origin: { x: 100, y: 190 }, tiltDeg: 5 });
// Local kyphosis T12 superior – L2 inferior: L2 inferior tilt +5° minus T12 superior tilt (−10° − atan(1/35)).
const LOCAL_KYPHOSIS_DEG = 15 + atanDeg(1 / 35);

function input(bodies: [VertebralLevel, SixPoints][], extra: Partial<SpineInput> = {}): SpineInput {
  return {
    vertebrae: bodies.map(([level, points]) => ({ level, points })),
    spacing: SQUARE_MM,
    orientation: FACING_LEFT,
    ...extra,
  };
}

const wedgeCase = input([
  ['L2', L2],
  ['T12', T12],
  ['L1', L1],
]);

describe('assessSpine', () => {
  it('measures every vertebra, head to tail, whatever the input order', () => {
    const r = assessSpine(wedgeCase);
    expect(r.vertebrae.map((v) => v.level)).toEqual(['T12', 'L1', 'L2']);
    expect(r.vertebrae.map((v) => v.suggestedGrade)).toEqual([0, 2, 0]);
    expect(r.vertebrae.map((v) => v.shape)).toEqual(['normal', 'wedge', 'normal']);
    expect(r.calibration).toBe('calibrated');
  });

  it('grades the wedge L1 with the RadElement default: its own Hp 30.8 beats the neighbours', () => {
    const l1 = assessSpine(wedgeCase).vertebrae[1];
    expect(l1.loss.reference).toBe('radelement');
    expect(l1.loss.anterior).toBeCloseTo(1 - 20.2 / 30.8, 10); // neighbours' mean Ha is 29
    expect(l1.loss.middle).toBeCloseTo(1 - 27 / 30.8, 10); // neighbours' mean Hm is 28.5
    expect(l1.loss.posterior).toBeCloseTo(1 - 30.8 / 30, 10);
    expect(l1.ratios.crushAbove).toBeCloseTo(30.8 / 29, 10);
    expect(l1.ratios.crushBelow).toBeCloseTo(30.8 / 31, 10);
    expect(l1.wedgeAngleDeg.toFixed(1)).toBe('16.8');
  });

  it('adds the local kyphosis around the most severe fracture, labelled by its endplates', () => {
    const r = assessSpine(wedgeCase);
    expect(r.mostSevereLevel).toBe('L1');
    expect(r.angles).toHaveLength(1);
    expect(r.angles[0]).toMatchObject({ kind: 'local-kyphosis', label: 'T12 superior – L2 inferior', description: 'kyphosis' });
    expect(r.angles[0].signedDeg).toBeCloseTo(LOCAL_KYPHOSIS_DEG, 10);
  });

  it('estimates total anterior height lost as reference minus Ha over graded levels', () => {
    expect(assessSpine(wedgeCase).totalAnteriorHeightLoss).toEqual({
      value: expect.closeTo(30.8 - 20.2, 10),
      unit: 'mm',
      calibration: 'calibrated',
    });
    // against the adjacent reference (mean Ha of T12 and L2 = 29) the loss and estimate change
    const adjacent = assessSpine({ ...wedgeCase, heightLossReference: 'adjacent' });
    expect(adjacent.vertebrae[1].loss.anterior).toBeCloseTo(1 - 20.2 / 29, 10);
    expect(adjacent.vertebrae[1].suggestedGrade).toBe(2);
    expect(adjacent.totalAnteriorHeightLoss.value).toBeCloseTo(29 - 20.2, 10);
  });

  it('finds a crush fracture against the neighbours that its own posterior wall misses', () => {
    const crushed = bodyMm({ ha: 21, hm: 20.5, hp: 21.5, origin: { x: 100, y: 145 } });
    const bodies: [VertebralLevel, SixPoints][] = [
      ['T12', T12],
      ['L1', crushed],
      ['L2', L2],
    ];
    const l1 = assessSpine(input(bodies)).vertebrae[1];
    expect(l1.loss.posterior).toBeCloseTo(1 - 21.5 / 30, 10); // 28 %
    expect(l1.suggestedGrade).toBe(2);
    expect(l1.shape).toBe('crush');
    const ownWall = assessSpine(input(bodies, { heightLossReference: 'own-posterior' })).vertebrae[1];
    expect(ownWall.suggestedGrade).toBe(0);
    expect(ownWall.shape).toBe('normal');
  });

  it('ranks the most severe fracture by grade, then by loss (JOSR 2023: G3 T12 13.6/28.3 over G1 L1 23.8/30.9)', () => {
    const t12 = bodyMm({ ha: 13.6, hp: 28.3, origin: { x: 100, y: 100 } });
    const l1 = bodyMm({ ha: 23.8, hp: 30.9, origin: { x: 100, y: 145 } });
    const r = assessSpine(input([['T11', bodyMm({ ha: 27, hp: 28, origin: { x: 100, y: 60 } })], ['T12', t12], ['L1', l1]]));
    expect(r.vertebrae.map((v) => v.suggestedGrade)).toEqual([0, 3, 1]);
    expect(r.mostSevereLevel).toBe('T12');
    expect(r.angles[0].label).toBe('T11 superior – L1 inferior');
    // T12 against own Hp 28.3 (T11 Ha 27 is lower): 28.3 − 13.6; L1 against own Hp 30.9: 30.9 − 23.8
    expect(r.totalAnteriorHeightLoss.value).toBeCloseTo(28.3 - 13.6 + (30.9 - 23.8), 10);
  });

  it('adds no default angle without a fracture or without both neighbours', () => {
    const normal = assessSpine(input([['T12', T12], ['L2', L2]]));
    expect(normal.mostSevereLevel).toBeUndefined();
    expect(normal.angles).toEqual([]);
    expect(normal.totalAnteriorHeightLoss.value).toBe(0);
    const topMost = assessSpine(input([['L1', L1], ['L2', L2]]));
    expect(topMost.mostSevereLevel).toBe('L1');
    expect(topMost.angles).toEqual([]);
  });

  it('adds requested angles between any measured endplates', () => {
    const r = assessSpine({
      ...wedgeCase,
      angleRequests: [
        { kind: 'cobb', first: { level: 'L2', endplate: 'inferior' }, second: { level: 'T12', endplate: 'superior' } },
        { kind: 'wedge', first: { level: 'L1', endplate: 'superior' }, second: { level: 'L1', endplate: 'inferior' } },
      ],
    });
    expect(r.angles.map((a) => a.label)).toEqual(['T12 superior – L2 inferior', 'L2 inferior – T12 superior', 'L1 superior – L1 inferior']);
    expect(r.angles[1].kind).toBe('cobb');
    expect(r.angles[1].signedDeg).toBeCloseTo(LOCAL_KYPHOSIS_DEG, 10);
    expect(r.angles[2].signedDeg).toBeCloseTo(r.vertebrae[1].wedgeAngleDeg, 10);
  });

  it('refuses duplicate levels and angles at unmeasured levels, in words', () => {
    expect(() => assessSpine(input([['L1', L1], ['L1', L1]]))).toThrow('L1 was measured twice');
    expect(() =>
      assessSpine({
        ...wedgeCase,
        angleRequests: [{ kind: 'cobb', first: { level: 'T4', endplate: 'superior' }, second: { level: 'L1', endplate: 'inferior' } }],
      }),
    ).toThrow('T4');
  });

  it('gives the same results from non-square pixels, and px lengths with the same ratios when uncalibrated', () => {
    const mmResult = assessSpine(wedgeCase);
    const toPx = (spacing: typeof NON_SQUARE): SpineInput => ({
      ...wedgeCase,
      vertebrae: wedgeCase.vertebrae.map((v) => ({ level: v.level, points: pointsToPixels(v.points, spacing) })),
    });
    const nonSquare = assessSpine({ ...toPx(NON_SQUARE), spacing: NON_SQUARE });
    expect(nonSquare.totalAnteriorHeightLoss.value).toBeCloseTo(mmResult.totalAnteriorHeightLoss.value, 10);
    expect(nonSquare.angles[0].signedDeg).toBeCloseTo(LOCAL_KYPHOSIS_DEG, 10);
    expect(nonSquare.vertebrae[1].heights.ha.value).toBeCloseTo(20.2, 10);

    const halfMm = { ...SQUARE_MM, rowMm: 0.5, columnMm: 0.5 }; // 2 px per mm
    const uncalibrated = assessSpine({ ...toPx(halfMm), spacing: UNCALIBRATED });
    expect(uncalibrated.calibration).toBe('none');
    expect(uncalibrated.totalAnteriorHeightLoss).toEqual({ value: expect.closeTo(2 * 10.6, 9), unit: 'px', calibration: 'none' });
    expect(uncalibrated.vertebrae[1].heights.ha.unit).toBe('px');
    expect(uncalibrated.vertebrae[1].ratios.wedge).toBeCloseTo(mmResult.vertebrae[1].ratios.wedge, 12);
    expect(uncalibrated.vertebrae.map((v) => v.suggestedGrade)).toEqual([0, 2, 0]);
    expect(uncalibrated.angles[0].signedDeg).toBeCloseTo(LOCAL_KYPHOSIS_DEG, 10);
  });
});
