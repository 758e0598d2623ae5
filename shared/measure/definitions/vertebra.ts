/** Six-point morphometry of one vertebral body (DOMAIN.md §1): the points, their prompts, checks and SR group. */
import { calibrationBadge, calibrationBadgeShort } from '../../calibration';
import { VERTEBRAL_LEVELS } from '../levels';
import { SIX_POINT_NAMES, sixPointsFromList } from '../six-points';
import type { ReaderGenantGrade, SixPoints, VertebralLevel } from '../types';
import { lengthOf } from '../units';
import type { Checker } from '../../model/checker';
import { CODES, UNITS, genantCode, gradeOfGenantCode, levelOfVertebraCode, vertebraCode } from '../../report/sr-codes';
import { code, conceptCode, find, lengthNum, num, text } from '../../report/sr-items';
import { fixed } from '../../report/csv-cell';
import { ANGLE_CSV_COLUMNS, type MeasurementDefinition } from './definition';

/** What the guided tool asks for, point by point (DOMAIN.md §1); it asks in SIX_POINT_NAMES order. */
export const SIX_POINT_PROMPTS: Readonly<Record<keyof SixPoints, string>> = {
  anteriorSuperior: 'anterior-superior corner',
  middleSuperior: 'middle of the superior endplate',
  posteriorSuperior: 'posterior-superior corner',
  anteriorInferior: 'anterior-inferior corner',
  middleInferior: 'middle of the inferior endplate',
  posteriorInferior: 'posterior-inferior corner',
};

const READER_GRADES: readonly ReaderGenantGrade[] = [0, 0.5, 1, 2, 3];

function validateSixPoints(check: Checker, value: unknown, path: string): SixPoints | undefined {
  const o = check.object(value, path, SIX_POINT_NAMES);
  if (!o) return undefined;
  const entries = SIX_POINT_NAMES.map((name) => [name, check.vec2(o[name], `${path}.${name}`)] as const);
  if (entries.some(([, p]) => p === undefined)) return undefined;
  return Object.fromEntries(entries) as unknown as SixPoints;
}

const VERTEBRA_CSV_COLUMNS: readonly string[] = [
  'Ha',
  'Hm',
  'Hp',
  'Unit',
  'Calibration',
  'Ha/Hp',
  'Hm/Hp',
  'Anterior loss %',
  'Middle loss %',
  'Loss measured against',
  'Suggested Genant grade',
  'Final Genant grade (reader)',
  'Shape',
  ...ANGLE_CSV_COLUMNS,
];

export const vertebraDefinition: MeasurementDefinition<'vertebra'> = {
  type: 'vertebra',
  tool: { name: 'vertebra', label: '6-point vertebra', key: 'v', help: '6-point vertebra (names each point in turn)' },
  pointsNeeded: 6,
  takesLevel: true,

  prompt({ points, level }, spacing) {
    const n = points.length;
    const badge = calibrationBadgeShort(spacing.source);
    let prompt = `${level}: click the ${SIX_POINT_PROMPTS[SIX_POINT_NAMES[n]]} (${n + 1}/6)`;
    // The anterior and middle heights as soon as their points are in, so a misplaced point shows before the last click.
    if (n >= 4) {
      prompt += ` · Ha ${lengthOf(points[0], points[3], spacing).value.toFixed(1)} ${badge}`;
      if (n >= 5) prompt += ` · Hm ${lengthOf(points[1], points[4], spacing).value.toFixed(1)} ${badge}`;
    }
    return prompt;
  },

  build: ({ level, points }) => ({ level, points: sixPointsFromList(points) }),
  // One measurement per level on a plane: measuring a level again corrects it.
  replaces: { inPlace: true, matches: (made, existing) => existing.type === 'vertebra' && existing.level === made.level },

  handles: (a) => SIX_POINT_NAMES.map((name) => a.points[name]),
  withHandleMoved: (a, index, to) => ({ ...a, points: { ...a.points, [SIX_POINT_NAMES[index]]: to } }),

  validation: {
    required: ['level', 'points'],
    optional: ['finalGrade'],
    fields(check, o, path) {
      const level = check.oneOf<VertebralLevel>(o.level, `${path}.level`, VERTEBRAL_LEVELS);
      const points = validateSixPoints(check, o.points, `${path}.points`);
      const finalGrade = o.finalGrade === undefined ? undefined : check.oneOf(o.finalGrade, `${path}.finalGrade`, READER_GRADES);
      if (level === undefined || points === undefined || (o.finalGrade !== undefined && finalGrade === undefined)) return undefined;
      return { level, points, ...(finalGrade === undefined ? {} : { finalGrade }) };
    },
  },

  // The angles the engine derives from the measured endplates come with the vertebrae they are measured on.
  csv: {
    columns: VERTEBRA_CSV_COLUMNS,
    rows: (_own, { vertebrae, engineAngles, angleRecord }) => [
      ...vertebrae.map((row) => ({
        type: 'vertebra',
        label: row.level,
        cells: {
          Ha: fixed(row.ha.value, 1),
          Hm: fixed(row.hm.value, 1),
          Hp: fixed(row.hp.value, 1),
          Unit: row.ha.unit,
          Calibration: row.calibrationBadge,
          'Ha/Hp': fixed(row.wedgeRatio, 2),
          'Hm/Hp': fixed(row.biconcaveRatio, 2),
          'Anterior loss %': fixed(row.anteriorLossPercent, 1),
          'Middle loss %': fixed(row.middleLossPercent, 1),
          'Loss measured against': row.lossReference,
          'Suggested Genant grade': fixed(row.suggestedGrade, 0),
          'Final Genant grade (reader)': row.finalGrade === undefined ? null : fixed(row.finalGrade, row.finalGrade === 0.5 ? 1 : 0),
          Shape: row.shape,
          'Angle (deg)': fixed(row.wedgeAngleDeg, 1),
          'Angle meaning': 'vertebral wedge angle (positive = anterior wedging)',
        },
      })),
      ...engineAngles.map(angleRecord),
    ],
  },

  sr: {
    concept: CODES.anteriorHeight,
    write(a, plane, { tracking, scoord, vertebraMeasurement }) {
      const p = a.points;
      const m = vertebraMeasurement(a.level);
      return [
        ...tracking(a.id),
        code('HAS CONCEPT MOD', CODES.findingSite, vertebraCode(a.level)),
        ...(a.finalGrade === undefined ? [] : [code('CONTAINS', CODES.finding, genantCode(a.finalGrade))]),
        ...(m ? [code('CONTAINS', CODES.suggestedGrade, genantCode(m.suggestedGrade))] : []),
        lengthNum(CODES.anteriorHeight, m?.heights.ha, [scoord(plane, [p.anteriorSuperior, p.anteriorInferior])]),
        lengthNum(CODES.middleHeight, m?.heights.hm, [scoord(plane, [p.middleSuperior, p.middleInferior])]),
        lengthNum(CODES.posteriorHeight, m?.heights.hp, [scoord(plane, [p.posteriorSuperior, p.posteriorInferior])]),
        ...(m
          ? [
              num(CODES.anteriorLoss, m.loss.anterior * 100, UNITS.percent),
              num(CODES.middleLoss, m.loss.middle * 100, UNITS.percent),
              text('CONTAINS', CODES.lossReference, m.loss.referenceDetail),
              num(CODES.wedgeAngle, m.wedgeAngleDeg, UNITS.deg),
              text('CONTAINS', CODES.calibration, calibrationBadge(m.heights.ha.calibration)),
            ]
          : []),
      ];
    },
    read(group, { geometryOf }) {
      const siteCode = find(group, CODES.findingSite);
      const level = siteCode && levelOfVertebraCode(conceptCode(siteCode) ?? {});
      const [ha, hm, hp] = [CODES.anteriorHeight, CODES.middleHeight, CODES.posteriorHeight].map((c) => geometryOf(find(group, c)));
      if (!level || !ha || !hm || !hp) return undefined;
      const points: SixPoints = {
        anteriorSuperior: ha.points[0],
        anteriorInferior: ha.points[1],
        middleSuperior: hm.points[0],
        middleInferior: hm.points[1],
        posteriorSuperior: hp.points[0],
        posteriorInferior: hp.points[1],
      };
      const findingCode = find(group, CODES.finding);
      const finalGrade = findingCode ? gradeOfGenantCode(conceptCode(findingCode) ?? {}) : undefined;
      return { plane: ha.plane, fields: { level, points, ...(finalGrade === undefined ? {} : { finalGrade }) } };
    },
  },
};
