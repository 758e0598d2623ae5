/**
 * Edge snapping measured on the sample cases: every radiograph and MR vertebra's ground-truth points moved
 * 2–3 mm in seeded random directions, snapped back, and compared with the truth (tests and bench-assist).
 */
import { snapSixPoints, type CortexAppearance } from '../../../shared/assist/edge-snap';
import type { PlaneImage } from '../../../shared/assist/types';
import { anatomicalDirections } from '../../../shared/measure/anatomical-directions';
import { vertebralWedgeAngleDeg } from '../../../shared/measure/angles';
import { measureHeights } from '../../../shared/measure/morphometry';
import { SIX_POINT_NAMES } from '../../../shared/measure/six-points';
import type { SixPoints } from '../../../shared/measure/types';
import { createRandom } from '../../../samples/random';
import { loadSeries, sampleCases } from './sample-cases';

const cases = sampleCases();

/** Each point moved 2–3 mm in a random direction, from a seeded generator. */
function perturbed(points: SixPoints, image: PlaneImage, seed: number): SixPoints {
  const random = createRandom(seed);
  return Object.fromEntries(
    SIX_POINT_NAMES.map((name) => {
      const angle = random.next() * 2 * Math.PI;
      const distance = 2 + random.next();
      return [name, { x: points[name].x + (distance * Math.cos(angle)) / image.spacing.columnMm, y: points[name].y + (distance * Math.sin(angle)) / image.spacing.rowMm }];
    }),
  ) as unknown as SixPoints;
}

export interface SnapErrors {
  readonly label: string;
  readonly heightMm: number;
  readonly angleDeg: number;
  readonly meanPointMmBefore: number;
  readonly meanPointMmAfter: number;
}

const pointDistance = (a: SixPoints, b: SixPoints, image: PlaneImage) =>
  SIX_POINT_NAMES.reduce((sum, n) => sum + Math.hypot((a[n].x - b[n].x) * image.spacing.columnMm, (a[n].y - b[n].y) * image.spacing.rowMm), 0) / 6;

function errorsOf(label: string, snapped: SixPoints, rough: SixPoints, truth: SixPoints, image: PlaneImage): SnapErrors {
  const a = measureHeights(snapped, image.spacing);
  const b = measureHeights(truth, image.spacing);
  return {
    label,
    heightMm: Math.max(Math.abs(a.ha.value - b.ha.value), Math.abs(a.hm.value - b.hm.value), Math.abs(a.hp.value - b.hp.value)),
    angleDeg: Math.abs(vertebralWedgeAngleDeg(snapped, image.spacing, image.orientation) - vertebralWedgeAngleDeg(truth, image.spacing, image.orientation)),
    meanPointMmBefore: pointDistance(rough, truth, image),
    meanPointMmAfter: pointDistance(snapped, truth, image),
  };
}

export interface SnappedVertebra {
  readonly modality: string;
  readonly errors: SnapErrors;
  readonly image: PlaneImage;
  readonly truth: SixPoints;
  readonly rough: SixPoints;
  readonly snapped: SixPoints;
}

/**
 * Snaps perturbed ground truth on every radiograph and MR image of the sample cases; vertebrae are perturbed
 * with seeds from `firstSeed` on (the tests use the default).
 */
export async function snapSampleCases(firstSeed = 1): Promise<SnappedVertebra[]> {
  const all: SnappedVertebra[] = [];
  let seed = firstSeed;
  for (const entry of cases) {
    for (const study of entry.details.studies) {
      for (const truthImage of study.images) {
        if (truthImage.kind !== 'pixels') continue;
        const loaded = (await loadSeries(entry.id, truthImage.seriesInstanceUid)).find((s) => s.header.sopInstanceUid === truthImage.sopInstanceUid)!;
        const { header, frame } = loaded;
        const image: PlaneImage = { width: frame.columns, height: frame.rows, pixels: frame.pixels, spacing: header.spacing, orientation: anatomicalDirections(header) };
        const cortex: CortexAppearance = header.modality === 'MR' ? 'dark-line' : header.photometricInterpretation === 'MONOCHROME1' ? 'dark-bone' : 'bright-bone';
        for (const v of truthImage.vertebrae) {
          const rough = perturbed(v.points, image, seed++);
          const { points } = snapSixPoints(image, rough, cortex);
          all.push({
            modality: `${header.modality}${header.seriesDescription ? ` ${header.seriesDescription}` : ''}`,
            errors: errorsOf(`${entry.id} ${header.modality} ${v.level}`, points, rough, v.points, image),
            image,
            truth: v.points,
            rough,
            snapped: points,
          });
        }
      }
    }
  }
  return all;
}

