import { effectiveGrade } from '../measure/genant';
import { angleLabel } from '../measure/angles';
import type { ReaderGenantGrade, SpineResults, VertebralLevel } from '../measure/types';
import { genantScaleWords } from '../report/height-loss-words';
import type { StudyTruth } from './case-truth';

/**
 * Scoring a trainee's measurements against a case's ground truth, with the tolerances the course
 * states: heights within ±1 mm, angles within ±3° (about the intra-observer Cobb error, Morrissy 1990),
 * Genant grade exact with half credit one grade off (Genant 1993 grades are read visually and
 * neighbouring grades are a common disagreement).
 */
export const TOLERANCES = { heightMm: 1, angleDeg: 3 } as const;

export interface ScoreItem {
  readonly metric: string;
  readonly level?: VertebralLevel;
  readonly expected: number;
  readonly measured?: number;
  readonly unit: 'mm' | '°' | 'grade';
  readonly points: number;
  readonly maxPoints: number;
  readonly feedback: string;
}

export interface Score {
  readonly items: readonly ScoreItem[];
  readonly points: number;
  readonly maxPoints: number;
  readonly percent: number;
}

const HEIGHT_TIPS: Readonly<Record<'ha' | 'hm' | 'hp', string>> = {
  ha: 'Place the anterior corners on the cortical margin of the body, ignoring osteophytes.',
  hm: 'Place the middle points at the deepest point of each endplate, halfway between the front and back walls.',
  hp: 'Place the posterior corners on the posterior wall of the body, not on the pedicle.',
};

function heightItem(level: VertebralLevel, name: 'ha' | 'hm' | 'hp', expected: number, measured: number | undefined, mmUnits: boolean): ScoreItem {
  const metric = `${level} ${name === 'ha' ? 'Ha' : name === 'hm' ? 'Hm' : 'Hp'}`;
  if (measured === undefined) return { metric, level, expected, unit: 'mm', points: 0, maxPoints: 1, feedback: `${level} was not measured.` };
  const diff = measured - expected;
  const ok = mmUnits && Math.abs(diff) <= TOLERANCES.heightMm + 1e-9;
  const feedback = !mmUnits
    ? 'The image was measured in pixels: calibrate it or use the file’s spacing so heights are in millimetres.'
    : ok
      ? `Within ±${TOLERANCES.heightMm} mm (${diff >= 0 ? '+' : ''}${diff.toFixed(1)} mm).`
      : `${diff > 0 ? 'Too tall' : 'Too short'} by ${Math.abs(diff).toFixed(1)} mm. ${HEIGHT_TIPS[name]}`;
  return { metric, level, expected, measured, unit: 'mm', points: ok ? 1 : 0, maxPoints: 1, feedback };
}

function gradeItem(level: VertebralLevel, expected: number, measured: ReaderGenantGrade | undefined): ScoreItem {
  const metric = `${level} Genant grade`;
  if (measured === undefined) return { metric, level, expected, unit: 'grade', points: 0, maxPoints: 1, feedback: `${level} was not graded.` };
  const off = Math.abs(measured - expected);
  const points = off === 0 ? 1 : off <= 1 ? 0.5 : 0;
  const feedback =
    off === 0
      ? 'Correct grade.'
      : `Expert grade ${expected}. Genant grades by height loss: ${genantScaleWords()}.`;
  return { metric, level, expected, measured, unit: 'grade', points, maxPoints: 1, feedback };
}

function angleItem(label: string, expected: number, measured: number | undefined): ScoreItem {
  const metric = `Angle ${label}`;
  if (measured === undefined) {
    return { metric, expected, unit: '°', points: 0, maxPoints: 1, feedback: `Measure ${label}: place the vertebrae above and below the fracture, or draw a Cobb angle between those endplates.` };
  }
  const diff = measured - expected;
  const ok = Math.abs(diff) <= TOLERANCES.angleDeg + 1e-9;
  return {
    metric,
    expected,
    measured,
    unit: '°',
    points: ok ? 1 : 0,
    maxPoints: 1,
    feedback: ok ? `Within ±${TOLERANCES.angleDeg}°.` : `Off by ${Math.abs(diff).toFixed(1)}°: align each line with the whole endplate, corner to corner.`,
  };
}

/**
 * Scores the fractured levels (heights and grade) and the case's stated angles; on a case without a
 * fracture, every level the trainee graded is scored, so calling a normal spine normal earns credit.
 */
export function scoreAttempt(
  truth: StudyTruth,
  results: SpineResults | undefined,
  finalGrades: Readonly<Partial<Record<VertebralLevel, ReaderGenantGrade>>> = {},
  extraAngles: ReadonlyArray<{ label: string; signedDeg: number }> = [],
): Score {
  const measuredByLevel = new Map(results?.vertebrae.map((v) => [v.level, v]) ?? []);
  const fractured = truth.vertebrae.filter((v) => v.fractured);
  const scored = fractured.length > 0 ? fractured : truth.vertebrae.filter((v) => measuredByLevel.has(v.level));
  const mmUnits = results?.calibration !== 'none';
  const items: ScoreItem[] = [];
  if (scored.length === 0) {
    items.push({ metric: 'Vertebrae measured', expected: 1, measured: 0, unit: 'grade', points: 0, maxPoints: 1, feedback: 'Measure at least one vertebra with the 6-point tool.' });
  }
  for (const v of scored) {
    const m = measuredByLevel.get(v.level);
    items.push(heightItem(v.level, 'ha', v.haMm, m?.heights.ha.value, mmUnits));
    items.push(heightItem(v.level, 'hm', v.hmMm, m?.heights.hm.value, mmUnits));
    items.push(heightItem(v.level, 'hp', v.hpMm, m?.heights.hp.value, mmUnits));
    items.push(gradeItem(v.level, v.genantGrade, m ? effectiveGrade(m.suggestedGrade, finalGrades[v.level]) : undefined));
  }
  const angles = [...(results?.angles ?? []), ...extraAngles];
  for (const a of truth.angles) {
    // By its endplates in the engine's words, so a case written with the short labels ("T12 sup") still matches.
    const label = angleLabel(a.first, a.second);
    items.push(angleItem(label, a.degrees, angles.find((x) => x.label === label)?.signedDeg));
  }
  const points = items.reduce((s, i) => s + i.points, 0);
  const maxPoints = items.reduce((s, i) => s + i.maxPoints, 0);
  return { items, points, maxPoints, percent: maxPoints > 0 ? Math.round((100 * points) / maxPoints) : 0 };
}
