import { describe, expect, it } from 'vitest';
import { UNCALIBRATED } from '../../../shared/calibration';
import {
  angleLabel,
  describeCurvature,
  endplateAngle,
  endplateLine,
  localKyphosis,
  measureAngle,
  signedAngleDeg,
  vertebralWedgeAngleDeg,
  wedgeAngleFromHeightsDeg,
} from '../../../shared/measure/angles';
import type { ImageOrientation, Line, Vec2 } from '../../../shared/measure/types';
import {
  FACING_LEFT,
  NON_SQUARE,
  SQUARE_MM,
  bodyMm,
  degreesToRadians,
  flipHorizontally,
  lineToPixels,
  pointsToPixels,
  reversed,
  tiltedLineMm,
} from './fixtures';

const FACING_RIGHT: ImageOrientation = { anterior: { x: 1, y: 0 }, superior: { x: 0, y: -1 } };
const atanDeg = (x: number) => (Math.atan(x) * 180) / Math.PI;

// Upper endplate tilted anterior-down 10°, lower anterior-up 5°: wedged in front → kyphosis 15°.
const UPPER_KYPHOTIC = tiltedLineMm({ x: 100, y: 100 }, -10);
const LOWER_KYPHOTIC = tiltedLineMm({ x: 100, y: 190 }, 5);

describe('signedAngleDeg: kyphosis positive, lordosis negative', () => {
  it('is positive for an anteriorly wedged segment and negative for a posteriorly wedged one', () => {
    expect(signedAngleDeg(UPPER_KYPHOTIC, LOWER_KYPHOTIC, SQUARE_MM, FACING_LEFT)).toBeCloseTo(15, 10);
    const upperLordotic = tiltedLineMm({ x: 100, y: 100 }, 10);
    const lowerLordotic = tiltedLineMm({ x: 100, y: 190 }, -10);
    expect(signedAngleDeg(upperLordotic, lowerLordotic, SQUARE_MM, FACING_LEFT)).toBeCloseTo(-20, 10);
  });

  it('does not depend on click order within a line or on the order of the lines', () => {
    const variants: [Line, Line][] = [
      [UPPER_KYPHOTIC, LOWER_KYPHOTIC],
      [LOWER_KYPHOTIC, UPPER_KYPHOTIC],
      [reversed(UPPER_KYPHOTIC), LOWER_KYPHOTIC],
      [UPPER_KYPHOTIC, reversed(LOWER_KYPHOTIC)],
      [reversed(LOWER_KYPHOTIC), reversed(UPPER_KYPHOTIC)],
    ];
    for (const [a, b] of variants) expect(signedAngleDeg(a, b, SQUARE_MM, FACING_LEFT)).toBeCloseTo(15, 10);
  });

  it('stays kyphotic on a horizontally flipped image when the anterior vector flips with it', () => {
    const upper = flipHorizontally(UPPER_KYPHOTIC, 512);
    const lower = flipHorizontally(LOWER_KYPHOTIC, 512);
    expect(signedAngleDeg(upper, lower, SQUARE_MM, FACING_RIGHT)).toBeCloseTo(15, 10);
    expect(signedAngleDeg(reversed(lower), upper, SQUARE_MM, FACING_RIGHT)).toBeCloseTo(15, 10);
    // the orientation is what defines the sign: a wrong anterior side reads lordosis
    expect(signedAngleDeg(upper, lower, SQUARE_MM, FACING_LEFT)).toBeCloseTo(-15, 10);
  });

  it('stays kyphotic on a vertically flipped image when the superior vector flips with it', () => {
    const flipY = (l: Line): Line => ({ from: { x: l.from.x, y: 512 - l.from.y }, to: { x: l.to.x, y: 512 - l.to.y } });
    const upsideDown: ImageOrientation = { anterior: { x: -1, y: 0 }, superior: { x: 0, y: 1 } };
    expect(signedAngleDeg(flipY(UPPER_KYPHOTIC), flipY(LOWER_KYPHOTIC), SQUARE_MM, upsideDown)).toBeCloseTo(15, 10);
  });

  it('is unchanged when the whole image and its orientation are rotated', () => {
    const t = degreesToRadians(30);
    const rot = (p: Vec2): Vec2 => ({ x: p.x * Math.cos(t) - p.y * Math.sin(t), y: p.x * Math.sin(t) + p.y * Math.cos(t) });
    const rotLine = (l: Line): Line => ({ from: rot(l.from), to: rot(l.to) });
    const rotated: ImageOrientation = { anterior: rot(FACING_LEFT.anterior), superior: rot(FACING_LEFT.superior) };
    expect(signedAngleDeg(rotLine(UPPER_KYPHOTIC), rotLine(LOWER_KYPHOTIC), SQUARE_MM, rotated)).toBeCloseTo(15, 10);
  });

  it('is computed in mm: non-square pixels give the mm angle, not the pixel-space one', () => {
    const upper = lineToPixels(UPPER_KYPHOTIC, NON_SQUARE);
    const lower = lineToPixels(LOWER_KYPHOTIC, NON_SQUARE);
    expect(signedAngleDeg(upper, lower, NON_SQUARE, FACING_LEFT)).toBeCloseTo(15, 10);
    // the same pixels read as square pixels would give a different, wrong angle
    expect(signedAngleDeg(upper, lower, UNCALIBRATED, FACING_LEFT)).not.toBeCloseTo(15, 0);
  });

  it('keeps Cobb angles beyond 90° (severe gibbus) and parallel lines straight', () => {
    const upper = tiltedLineMm({ x: 100, y: 100 }, -50);
    const lower = tiltedLineMm({ x: 100, y: 300 }, 50);
    expect(signedAngleDeg(upper, lower, SQUARE_MM, FACING_LEFT)).toBeCloseTo(100, 10);
    const parallel = tiltedLineMm({ x: 100, y: 300 }, -50);
    expect(signedAngleDeg(upper, parallel, SQUARE_MM, FACING_LEFT)).toBeCloseTo(0, 10);
  });

  it('refuses a line without length or an orientation without two directions', () => {
    const dot: Line = { from: { x: 1, y: 1 }, to: { x: 1, y: 1 } };
    expect(() => signedAngleDeg(dot, LOWER_KYPHOTIC, SQUARE_MM, FACING_LEFT)).toThrow(RangeError);
    const degenerate: ImageOrientation = { anterior: { x: -1, y: 0 }, superior: { x: 1, y: 0 } };
    expect(() => signedAngleDeg(UPPER_KYPHOTIC, LOWER_KYPHOTIC, SQUARE_MM, degenerate)).toThrow(RangeError);
  });
});

describe('describeCurvature', () => {
  it('says the words for the sign, with 0.0° as straight', () => {
    expect(describeCurvature(15)).toBe('kyphosis');
    expect(describeCurvature(-20)).toBe('lordosis');
    expect(describeCurvature(0.04)).toBe('straight');
    expect(describeCurvature(-0.04)).toBe('straight');
    expect(describeCurvature(0.05)).toBe('kyphosis');
  });
});

describe('vertebral wedge angle', () => {
  it('is 16.8° for the DOMAIN.md reference body (Hp 30.8, Ha 20.2, 35 mm deep), matching atan((Hp − Ha)/depth)', () => {
    const body = bodyMm({ ha: 20.2, hp: 30.8, depth: 35 });
    const measured = vertebralWedgeAngleDeg(body, SQUARE_MM, FACING_LEFT);
    expect(measured).toBeCloseTo(atanDeg(10.6 / 35), 10);
    expect(measured.toFixed(1)).toBe('16.8');
    expect(wedgeAngleFromHeightsDeg(20.2, 30.8, 35).toFixed(1)).toBe('16.8');
  });

  it('does not depend on how the body is tilted, nor on non-square pixels', () => {
    const body = bodyMm({ ha: 20.2, hp: 30.8, depth: 35, tiltDeg: -12 });
    expect(vertebralWedgeAngleDeg(body, SQUARE_MM, FACING_LEFT)).toBeCloseTo(atanDeg(10.6 / 35), 10);
    expect(vertebralWedgeAngleDeg(pointsToPixels(body, NON_SQUARE), NON_SQUARE, FACING_LEFT)).toBeCloseTo(
      atanDeg(10.6 / 35),
      10,
    );
  });

  it('is negative (lordotic) for a body taller in front, like L5 (Ha 30.3, Hp 26.3)', () => {
    const l5 = bodyMm({ ha: 30.3, hp: 26.3, depth: 35 });
    const deg = vertebralWedgeAngleDeg(l5, SQUARE_MM, FACING_LEFT);
    expect(deg).toBeCloseTo(-atanDeg(4 / 35), 10);
    expect(describeCurvature(deg)).toBe('lordosis');
    expect(wedgeAngleFromHeightsDeg(30.3, 26.3, 35)).toBeCloseTo(deg, 10);
  });
});

describe('endplate angles and labels', () => {
  // T12 leans forward 10° (inferior endplate anterior-down), L2 back 5°; T12 itself slightly wedged (Ha 28, Hp 29).
  const t12 = bodyMm({ ha: 28, hp: 29, origin: { x: 100, y: 100 }, tiltDeg: -10 });
  const l2 = bodyMm({ ha: 30, hp: 31, origin: { x: 100, y: 190 }, tiltDeg: 5 });

  it('measures local kyphosis from the superior endplate above to the inferior endplate below', () => {
    const angle = localKyphosis({ level: 'T12', points: t12 }, { level: 'L2', points: l2 }, SQUARE_MM, FACING_LEFT);
    // T12 superior endplate tilt = −10° − atan(1/35); L2 inferior endplate tilt = +5°
    expect(angle.signedDeg).toBeCloseTo(15 + atanDeg(1 / 35), 10);
    expect(angle).toMatchObject({ kind: 'local-kyphosis', label: 'T12 superior – L2 inferior', description: 'kyphosis' });
  });

  it('measures any two chosen endplates, labelled by both', () => {
    const angle = endplateAngle(
      'cobb',
      { ref: { level: 'T12', endplate: 'inferior' }, points: t12 },
      { ref: { level: 'L2', endplate: 'superior' }, points: l2 },
      SQUARE_MM,
      FACING_LEFT,
    );
    // L2 superior tilt = 5° + atan(−1/35); T12 inferior tilt = −10°
    expect(angle.signedDeg).toBeCloseTo(15 - atanDeg(1 / 35), 10);
    expect(angle.label).toBe('T12 inferior – L2 superior');
    expect(angleLabel({ level: 'T4', endplate: 'superior' }, { level: 'T12', endplate: 'inferior' })).toBe('T4 superior – T12 inferior');
  });

  it('takes endplate lines through the corners', () => {
    expect(endplateLine(t12, 'superior')).toEqual({ from: t12.anteriorSuperior, to: t12.posteriorSuperior });
    expect(endplateLine(t12, 'inferior')).toEqual({ from: t12.anteriorInferior, to: t12.posteriorInferior });
  });

  it('measures hand-drawn Cobb lines with their label', () => {
    const cobb = measureAngle('cobb', 'Cobb T4–T12', UPPER_KYPHOTIC, LOWER_KYPHOTIC, SQUARE_MM, FACING_LEFT);
    expect(cobb).toEqual({ kind: 'cobb', label: 'Cobb T4–T12', signedDeg: expect.closeTo(15, 10), description: 'kyphosis' });
  });

  it('gives the same angle on an uncalibrated image with square pixels', () => {
    const angle = localKyphosis(
      { level: 'T12', points: pointsToPixels(t12, { ...SQUARE_MM, rowMm: 0.2, columnMm: 0.2 }) },
      { level: 'L2', points: pointsToPixels(l2, { ...SQUARE_MM, rowMm: 0.2, columnMm: 0.2 }) },
      UNCALIBRATED,
      FACING_LEFT,
    );
    expect(angle.signedDeg).toBeCloseTo(15 + atanDeg(1 / 35), 10);
  });
});
