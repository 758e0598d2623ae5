import type { InstanceHeader, Vec3 } from '../../shared/dicom/header';
import { sliceNormal } from '../../shared/dicom/series-index';
import type { ImageGeometry } from '../../shared/volume/reslice';

/** The plane of an image in patient space from its header (PS3.3 C.7.6.2), or undefined without one. */
export function headerGeometry(h: InstanceHeader): ImageGeometry | undefined {
  const o = h.imageOrientationPatient;
  const p = h.imagePositionPatient;
  if (!o || !p || h.spacing.source === 'none') return undefined;
  const row: Vec3 = [o[0], o[1], o[2]];
  const column: Vec3 = [o[3], o[4], o[5]];
  return {
    origin: p,
    rowDirection: row,
    columnDirection: column,
    normal: sliceNormal(o),
    columnSpacingMm: h.spacing.columnMm,
    rowSpacingMm: h.spacing.rowMm,
    width: h.columns,
    height: h.rows,
  };
}

/**
 * cornerstone measures image points from the top-left corner of the first pixel, DICOM geometry from
 * its centre (PS3.3 C.7.6.2.1.1): the two differ by half a pixel.
 */
export function toCornerstonePoint(p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x + 0.5, y: p.y + 0.5 };
}

export function fromCornerstonePoint(p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x - 0.5, y: p.y - 0.5 };
}
