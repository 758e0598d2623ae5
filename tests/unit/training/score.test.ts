import { describe, expect, it } from 'vitest';
import { assessSpine } from '../../../shared/measure/spine';
import type { SixPoints, VertebralLevel } from '../../../shared/measure/types';
import { readCaseDetails, type StudyTruth } from '../../../shared/training/case-truth';
import { scoreAttempt } from '../../../shared/training/score';

const mm = { rowMm: 1, columnMm: 1, source: 'calibrated' as const, note: '' };
const orientation = { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } };

/** A body 35 mm deep with the given heights, its top at y = top (1 px = 1 mm). */
function body(top: number, ha: number, hm: number, hp: number): SixPoints {
  return {
    anteriorSuperior: { x: 0, y: top },
    middleSuperior: { x: 17.5, y: top },
    posteriorSuperior: { x: 35, y: top },
    anteriorInferior: { x: 0, y: top + ha },
    middleInferior: { x: 17.5, y: top + hm },
    posteriorInferior: { x: 35, y: top + hp },
  };
}

const truth: StudyTruth = {
  label: 'test',
  studyInstanceUid: '1.2.3',
  vertebrae: [
    { level: 'T12', fractured: false, genantGrade: 0, haMm: 28, hmMm: 28, hpMm: 28 },
    { level: 'L1', fractured: true, genantGrade: 2, haMm: 20.2, hmMm: 24, hpMm: 30.8 },
    { level: 'L2', fractured: false, genantGrade: 0, haMm: 30, hmMm: 30, hpMm: 30 },
  ],
  angles: [],
  images: [],
};

function measure(l1: [number, number, number]) {
  const vertebrae: { level: VertebralLevel; points: SixPoints }[] = [
    { level: 'T12', points: body(0, 28, 28, 28) },
    { level: 'L1', points: body(40, ...l1) },
    { level: 'L2', points: body(85, 30, 30, 30) },
  ];
  return assessSpine({ vertebrae, spacing: mm, orientation });
}

describe('trainee scoring', () => {
  it('gives full marks to exact measurements', () => {
    const score = scoreAttempt(truth, measure([20.2, 24, 30.8]));
    expect(score.percent).toBe(100);
    expect(score.items.map((i) => i.metric)).toEqual(['L1 Ha', 'L1 Hm', 'L1 Hp', 'L1 Genant grade']);
  });

  it('accepts a height 0.9 mm off and refuses one 1.5 mm off, saying which way', () => {
    const score = scoreAttempt(truth, measure([21.1, 22.5, 30.8]));
    const [ha, hm] = score.items;
    expect(ha.points).toBe(1);
    expect(hm.points).toBe(0);
    expect(hm.feedback).toMatch(/Too short by 1\.5 mm/);
  });

  it('gives half credit for a reader grade one off and none for two off', () => {
    const results = measure([20.2, 24, 30.8]);
    expect(scoreAttempt(truth, results, { L1: 1 }).items[3].points).toBe(0.5);
    expect(scoreAttempt(truth, results, { L1: 0 }).items[3].points).toBe(0);
  });

  it('scores an unmeasured fracture as missed', () => {
    const score = scoreAttempt(truth, undefined);
    expect(score.points).toBe(0);
    expect(score.items[0].feedback).toMatch(/not measured/);
  });

  it('scores angles within ±3°', () => {
    const withAngle: StudyTruth = {
      ...truth,
      angles: [{ label: 'T12 sup – L2 inf', degrees: 10, first: { level: 'T12', endplate: 'superior' }, second: { level: 'L2', endplate: 'inferior' } }],
    };
    // The case says "sup"/"inf" as cases generated before did; the engine names the endplates in words.
    const near = scoreAttempt(withAngle, undefined, {}, [{ label: 'T12 superior – L2 inferior', signedDeg: 12.5 }]);
    expect(near.items.at(-1)).toMatchObject({ metric: 'Angle T12 superior – L2 inferior', points: 1 });
    const far = scoreAttempt(withAngle, undefined, {}, [{ label: 'T12 superior – L2 inferior', signedDeg: 14 }]);
    expect(far.items.at(-1)!.points).toBe(0);
  });

  it('reads the endplates of a case angle in words or in the short form of older cases', () => {
    const angles = (label: string) =>
      readCaseDetails({ groundTruth: { studies: [{ angles: [{ label, degrees: 5 }] }] } }).studies[0].angles;
    const expected = { first: { level: 'T11', endplate: 'superior' }, second: { level: 'L1', endplate: 'inferior' } };
    expect(angles('T11 superior – L1 inferior')).toMatchObject([expected]);
    expect(angles('T11 sup – L1 inf')).toMatchObject([expected]);
    expect(angles('T11 top – L1 inf')).toEqual([]);
  });
});
