/**
 * Level proposal by counting from T12, the lowest rib-bearing vertebra (DOMAIN.md teaching: "count the
 * levels from the lowest rib-bearing vertebra", case 01). Numbering variants — 11 or 13 rib pairs,
 * lumbosacral transitional vertebrae — are common enough to misnumber levels (Carrino et al., Radiology
 * 2011;259:196), so the levels are a proposal and say what they were counted from.
 */
import { VERTEBRAL_LEVELS, levelIndex } from '../measure/levels';
import type { VertebralLevel } from '../measure/types';
import { patientToImagePoint, reslice, resliceGeometry } from '../volume/reslice';
import { dot, type Vec3 } from '../volume/vec3';
import type { Volume } from '../volume/volume';
import { BONE_MIN_HU } from './body-mask';

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

/** Whether the axial image through `centre` (a body's centre, patient mm) shows bone on both sides where ribs run. */
export function bearsRibs(volume: Volume, centre: Vec3): boolean {
  const normal = resliceGeometry(volume, 'axial', { index: 0 }).normal;
  let image;
  try {
    image = reslice(volume, 'axial', { positionMm: dot(centre, normal) });
  } catch {
    return false;
  }
  const c = patientToImagePoint(image, centre);
  const area = [0, 0];
  const pixelArea = image.columnSpacingMm * image.rowSpacingMm;
  // Axial display: image x runs towards the patient's left, y towards posterior.
  const rowFrom = Math.max(0, Math.floor(c.y - RIB_FRONT_MM / image.rowSpacingMm));
  const rowTo = Math.min(image.height - 1, Math.ceil(c.y + RIB_BACK_MM / image.rowSpacingMm));
  for (let row = rowFrom; row <= rowTo; row++) {
    for (let column = 0; column < image.width; column++) {
      const lateral = (column - c.x) * image.columnSpacingMm;
      const distance = Math.abs(lateral);
      if (distance < RIB_FROM_MM || distance > RIB_TO_MM) continue;
      if (image.pixels[row * image.width + column] >= BONE_MIN_HU) area[lateral < 0 ? 0 : 1] += pixelArea;
    }
  }
  return area[0] >= RIB_MIN_AREA_MM2 && area[1] >= RIB_MIN_AREA_MM2;
}

export type LevelProposal =
  | { readonly anchored: true; readonly levels: readonly (VertebralLevel | undefined)[]; readonly explanation: string }
  | { readonly anchored: false; readonly explanation: string };

/**
 * Levels for bodies listed head to tail (`ribs[i]`: body i bears ribs). T12 is the lowest rib-bearing body
 * that has a body without ribs directly below it on the scan; bodies beyond T1–L5 get no level.
 */
export function levelsFromRibs(ribs: readonly boolean[]): LevelProposal {
  let t12 = -1;
  for (let i = 0; i + 1 < ribs.length; i++) if (ribs[i] && !ribs[i + 1]) t12 = i;
  if (t12 < 0) {
    const why = ribs.every(Boolean) ? 'every body shown bears ribs, so the lowest rib-bearing vertebra is not on the scan' : ribs.some(Boolean) ? 'no rib-bearing body is followed by one without ribs' : 'no body shown bears ribs, so T12 is not on the scan';
    return { anchored: false, explanation: `Levels not anchored: ${why}. Count from a vertebra you can identify (the sacrum, or T12 on a scan that shows the ribs).` };
  }
  const base = levelIndex('T12');
  const levels = ribs.map((_, i) => VERTEBRAL_LEVELS[base + i - t12] as VertebralLevel | undefined);
  return {
    anchored: true,
    levels,
    explanation: 'Levels counted from T12, taken as the lowest vertebra bearing ribs: verify on a scan that shows the whole spine, since 11 or 13 rib pairs and transitional vertebrae occur.',
  };
}
