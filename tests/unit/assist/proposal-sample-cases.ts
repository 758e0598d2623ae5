/**
 * The one-click proposal measured on the sample CTs: each ground-truth vertebra clicked once in the middle
 * of its posterior half (clear of an anterior gas cleft) on the app's mid-sagittal reformat, and the
 * proposal's heights and wedge angle compared with the truth's (tests and bench-assist).
 */
import { proposeSixPoints } from '../../../shared/assist/ct-proposal';
import type { PlaneImage } from '../../../shared/assist/types';
import { vertebralWedgeAngleDeg } from '../../../shared/measure/angles';
import { measureHeights } from '../../../shared/measure/morphometry';
import type { SixPoints } from '../../../shared/measure/types';
import { reslice } from '../../../shared/volume/reslice';
import { ctTruthOnPlane, loadCtVolume, sampleCases } from './sample-cases';

export interface ProposalErrors {
  readonly label: string;
  /** The largest of the Ha, Hm and Hp differences, mm. */
  readonly heightMm: number;
  readonly angleDeg: number;
  /** The failure's words when no proposal was made. */
  readonly failure?: string;
}

export function compareSixPoints(label: string, proposed: SixPoints, truth: SixPoints, image: PlaneImage): ProposalErrors {
  const a = measureHeights(proposed, image.spacing);
  const b = measureHeights(truth, image.spacing);
  const heightMm = Math.max(Math.abs(a.ha.value - b.ha.value), Math.abs(a.hm.value - b.hm.value), Math.abs(a.hp.value - b.hp.value));
  const angleDeg = Math.abs(vertebralWedgeAngleDeg(proposed, image.spacing, image.orientation) - vertebralWedgeAngleDeg(truth, image.spacing, image.orientation));
  return { label, heightMm, angleDeg };
}

export async function proposeOnSampleCases(): Promise<ProposalErrors[]> {
  const errors: ProposalErrors[] = [];
  for (const entry of sampleCases()) {
    for (const study of entry.details.studies) {
      for (const truthImage of study.images) {
        if (truthImage.kind !== 'patient') continue;
        const volume = await loadCtVolume(entry.id, truthImage.seriesInstanceUid);
        const plane = reslice(volume, 'sagittal', { positionMm: truthImage.sagittalPlaneXmm });
        const image: PlaneImage = {
          width: plane.width,
          height: plane.height,
          pixels: plane.pixels,
          spacing: { rowMm: plane.rowSpacingMm, columnMm: plane.columnSpacingMm, source: 'calibrated', note: 'reformat' },
          orientation: { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } },
        };
        for (const v of truthImage.vertebrae) {
          const truth = ctTruthOnPlane(plane, v.points);
          const click = { x: (truth.middleSuperior.x + truth.posteriorSuperior.x + truth.middleInferior.x + truth.posteriorInferior.x) / 4, y: (truth.middleSuperior.y + truth.middleInferior.y) / 2 };
          const result = proposeSixPoints(image, click);
          const label = `${entry.id} ${v.level}`;
          errors.push(result.ok ? compareSixPoints(label, result.points, truth, image) : { label, heightMm: Infinity, angleDeg: Infinity, failure: result.reason });
        }
      }
    }
  }
  return errors;
}
