import type { BodyPart, FractureFacts, MeasuredFractureFacts } from '../i18n/phrasebook';
import type { NeedleSide, PatientSpineShape, VertebralHeightsMm } from './types';

export function mm(value: number): string {
  return `${value.toFixed(1)} mm`;
}

export function degrees(value: number): string {
  return `${Math.round(value)}°`;
}

/** Which sides the needles go in, for the procedure's options. */
export function needleSidesFor(bipedicular: boolean): NeedleSide[] {
  return bipedicular ? ['left', 'right'] : ['left'];
}

const HEIGHT_OF: Record<BodyPart, keyof VertebralHeightsMm> = { front: 'anterior', middle: 'middle', back: 'posterior' };

/**
 * The wall that lost most height against the heights the bone should have (the lowest ratio names
 * the shape: wedge, biconcave or crush, DOMAIN.md §1), and by how much, rounded to whole percent.
 */
export function fractureFacts(shape: PatientSpineShape): FractureFacts & { heightMm: number } {
  let worst: BodyPart = 'front';
  let worstLoss = -Infinity;
  for (const part of ['front', 'middle', 'back'] as const) {
    const key = HEIGHT_OF[part];
    const loss = 1 - shape.heightsMm[key] / shape.normalHeightsMm[key];
    if (loss > worstLoss + 1e-9) {
      worst = part;
      worstLoss = loss;
    }
  }
  return { level: shape.fracturedLevel, part: worst, lossPercent: Math.round(100 * Math.max(0, worstLoss)), heightMm: shape.heightsMm[HEIGHT_OF[worst]] };
}

/**
 * The facts that may be told as the patient's own: only a fracture measured on this study, with the
 * image it was measured on. A hand-set or example shape gives none, so its words stay an example.
 */
export function measuredFacts(shape: PatientSpineShape): MeasuredFractureFacts | undefined {
  if (shape.source !== 'measured' || !shape.measuredOn) return undefined;
  return { ...fractureFacts(shape), where: shape.measuredOn };
}
