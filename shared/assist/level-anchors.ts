/**
 * Level proposal by counting bodies from an anchor the CT shows: up from S1, the first sacral body (known
 * by its alae), or down from T12, the lowest rib-bearing vertebra (DOMAIN.md teaching: "count the levels
 * from the lowest rib-bearing vertebra", case 01). S1 is preferred where both show, as lumbar levels are
 * numbered from the sacrum. Numbering variants — 11 or 13 rib pairs, lumbosacral transitional vertebrae —
 * are common enough to misnumber levels (Carrino et al., Radiology 2011;259:196), so the levels are a
 * proposal, say what they were counted from, and say when the two anchors disagree.
 */
import { VERTEBRAL_LEVELS, levelIndex } from '../measure/levels';
import type { VertebralLevel } from '../measure/types';
import { patientToImagePoint, reslice, resliceGeometry, type ResliceImage } from '../volume/reslice';
import { dot, type Vec3 } from '../volume/vec3';
import type { Volume } from '../volume/volume';
import { BONE_MIN_HU } from './body-mask';
import type { Vec2 } from './types';

/**
 * Transverse processes end within about 45 mm of the midline (lumbar ones are the longest); ribs run on
 * laterally to the chest wall. Bone this far out beside a thoracic body is rib.
 */
const RIB_FROM_MM = 50;
const RIB_TO_MM = 120;
/** From a little in front of the body's centre to well behind the canal, where ribs meet the spine. */
const RIB_FRONT_MM = 20;
const RIB_BACK_MM = 60;
/** Each side must show at least this much rib in cross-section (a rib is about 10 × 5 mm). */
const RIB_MIN_AREA_MM2 = 12;

/**
 * The sacral alae join S1's body to the iliac bones: beside the body itself, not behind it, bone runs out
 * some 40–50 mm each side. L5's transverse processes reach as far but are slender (about 10 mm front to
 * back) and lie at the pedicles, behind the body; the iliac wings beside L5 are apart from the spine.
 */
const ALA_FROM_MM = 25;
const ALA_TO_MM = 45;
const ALA_FRONT_MM = 10;
const ALA_BACK_MM = 15;
/** Each side must be mostly bone: an ala fills this box, a transverse process crosses less than half of it. */
const ALA_MIN_AREA_MM2 = 250;

/** Bone area (mm²) each side of `c` (pixel) on the axial `image`, between `lateralMm` from it and from `frontMm` in front to `backMm` behind. */
function boneBeside(image: ResliceImage, c: Vec2, lateralMm: readonly [number, number], frontMm: number, backMm: number): [number, number] {
  const area: [number, number] = [0, 0];
  const pixelArea = image.columnSpacingMm * image.rowSpacingMm;
  // Axial display: image x runs towards the patient's left, y towards posterior.
  const rowFrom = Math.max(0, Math.floor(c.y - frontMm / image.rowSpacingMm));
  const rowTo = Math.min(image.height - 1, Math.ceil(c.y + backMm / image.rowSpacingMm));
  const [near, far] = lateralMm.map((mm) => mm / image.columnSpacingMm);
  for (const [side, from, to] of [
    [0, Math.ceil(c.x - far), Math.floor(c.x - near)],
    [1, Math.ceil(c.x + near), Math.floor(c.x + far)],
  ] as const) {
    for (let row = rowFrom; row <= rowTo; row++) {
      for (let column = Math.max(0, from); column <= Math.min(image.width - 1, to); column++) {
        if (image.pixels[row * image.width + column] >= BONE_MIN_HU) area[side] += pixelArea;
      }
    }
  }
  return area;
}

/** What lies beside a body on the axial image through its centre (patient mm), read once for both anchors. */
export interface BesideBody {
  /** Bone on both sides where ribs run. */
  readonly ribs: boolean;
  /** Sacral alae: bone filling both sides of the body. */
  readonly alae: boolean;
}

export function besideBody(volume: Volume, centre: Vec3): BesideBody {
  const normal = resliceGeometry(volume, 'axial', { index: 0 }).normal;
  let image: ResliceImage;
  try {
    image = reslice(volume, 'axial', { positionMm: dot(centre, normal) });
  } catch {
    return { ribs: false, alae: false };
  }
  const c = patientToImagePoint(image, centre);
  const ribs = boneBeside(image, c, [RIB_FROM_MM, RIB_TO_MM], RIB_FRONT_MM, RIB_BACK_MM);
  const alae = boneBeside(image, c, [ALA_FROM_MM, ALA_TO_MM], ALA_FRONT_MM, ALA_BACK_MM);
  return { ribs: ribs[0] >= RIB_MIN_AREA_MM2 && ribs[1] >= RIB_MIN_AREA_MM2, alae: alae[0] >= ALA_MIN_AREA_MM2 && alae[1] >= ALA_MIN_AREA_MM2 };
}

export type LevelProposal =
  | { readonly anchored: true; readonly levels: readonly (VertebralLevel | undefined)[]; readonly explanation: string }
  | { readonly anchored: false; readonly explanation: string };

const VERIFY = 'verify on a scan that shows the whole spine, since 11 or 13 rib pairs and transitional vertebrae occur.';

/** Index of T12 among bodies listed head to tail (`ribs[i]`: body i bears ribs): the lowest rib-bearing body with one without ribs directly below it. */
function t12Index(ribs: readonly boolean[]): number {
  let t12 = -1;
  for (let i = 0; i + 1 < ribs.length; i++) if (ribs[i] && !ribs[i + 1]) t12 = i;
  return t12;
}

/**
 * Levels for the lumbar and thoracic bodies listed head to tail (`ribs[i]`: body i bears ribs), when
 * `sacrumBelow` says the first sacral body lies directly below the last of them (which is then L5). Bodies
 * beyond T1–L5 get no level.
 */
export function proposeLevels(ribs: readonly boolean[], sacrumBelow: boolean): LevelProposal {
  const t12 = t12Index(ribs);
  const levelsFrom = (index: number, level: VertebralLevel) => ribs.map((_, i) => VERTEBRAL_LEVELS[levelIndex(level) + i - index] as VertebralLevel | undefined);
  if (sacrumBelow) {
    const l5 = ribs.length - 1;
    const disagree = t12 >= 0 && l5 - t12 !== levelIndex('L5') - levelIndex('T12');
    return {
      anchored: true,
      levels: levelsFrom(l5, 'L5'),
      explanation: `Levels counted up from S1, the first sacral body (known by its alae): ${VERIFY}${
        disagree ? ` Counting down from the lowest rib-bearing vertebra gives ${l5 - t12} lumbar bodies, not 5: look for a transitional vertebra or an extra or missing rib pair.` : ''
      }`,
    };
  }
  if (t12 < 0) {
    const why = ribs.every(Boolean) ? 'every body shown bears ribs, so the lowest rib-bearing vertebra is not on the scan' : ribs.some(Boolean) ? 'no rib-bearing body is followed by one without ribs' : 'no body shown bears ribs, so T12 is not on the scan';
    return { anchored: false, explanation: `Levels not anchored: ${why}, and the sacrum is not on the scan. Count from a vertebra you can identify.` };
  }
  return { anchored: true, levels: levelsFrom(t12, 'T12'), explanation: `Levels counted from T12, taken as the lowest vertebra bearing ribs: ${VERIFY}` };
}
