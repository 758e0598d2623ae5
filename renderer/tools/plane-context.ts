import type { PixelSpacing } from '../../shared/calibration';
import type { InstanceHeader } from '../../shared/dicom/header';
import { anatomicalDirections, type OrientedImage } from '../../shared/measure/anatomical-directions';
import { spacingOnPlane, type MeasuredPlane } from '../../shared/measure/plane-measurements';
import { annotationsOnPlane } from '../../shared/model/plane';
import type { AnnotationPlane, ReformatPlane, StudyAnnotations } from '../../shared/model/types';
import type { AnatomicalPlane, ImageGeometry } from '../../shared/volume/reslice';
import { headerGeometry } from '../viewer/image-geometry';
import type { Stack } from '../viewer/stack';

/** Everything the tools need to know about the image on screen. */
export interface PlaneContext extends MeasuredPlane {
  readonly studyInstanceUid: string;
  readonly plane: AnnotationPlane;
  readonly header: InstanceHeader;
  /** The file's spacing, or the reader's calibration of this image when there is one. */
  readonly spacing: PixelSpacing;
  readonly orientation: OrientedImage;
}

/**
 * Where annotations on this image live: the acquired frame, or for a reformat its geometry in patient
 * space, so they come back on the same anatomy however the plane is rebuilt. The reformat origin is the
 * top-left corner of the first pixel, matching cornerstone's image coordinates.
 */
export function planeOf(stack: Stack, slice: number): AnnotationPlane {
  const header = stack.headers[slice];
  const geometry = stack.reformat && headerGeometry(header);
  if (stack.reformat && geometry) return reformatPlane(header.seriesInstanceUid, stack.reformat.orientation, geometry);
  return { kind: 'image', seriesInstanceUid: header.seriesInstanceUid, sopInstanceUid: header.sopInstanceUid, frameIndex: stack.frameIndices[slice] };
}

/** The annotation plane of a reformat from its geometry (origin at the centre of the first pixel, as in DICOM). */
export function reformatPlane(seriesInstanceUid: string, orientation: AnatomicalPlane, geometry: ImageGeometry): ReformatPlane {
  const [r, c] = [geometry.rowDirection, geometry.columnDirection];
  const corner = geometry.origin.map((o, i) => o - 0.5 * geometry.columnSpacingMm * r[i] - 0.5 * geometry.rowSpacingMm * c[i]);
  return {
    kind: 'reformat',
    seriesInstanceUid,
    orientation,
    origin: { x: corner[0], y: corner[1], z: corner[2] },
    rowDirection: { x: r[0], y: r[1], z: r[2] },
    columnDirection: { x: c[0], y: c[1], z: c[2] },
    rowSpacingMm: geometry.rowSpacingMm,
    columnSpacingMm: geometry.columnSpacingMm,
  };
}

export function planeContext(stack: Stack, slice: number, doc: StudyAnnotations | undefined): PlaneContext {
  const header = stack.headers[slice];
  const plane = planeOf(stack, slice);
  const annotations = doc ? annotationsOnPlane(doc, plane) : [];
  const spacing = spacingOnPlane(annotations, header.spacing);
  return { studyInstanceUid: header.studyInstanceUid, plane, header, spacing, orientation: anatomicalDirections(header), annotations };
}

/**
 * The measured plane of a reformat known only from the annotations on it (it need not be on screen): its
 * pixel spacing is the volume's patient spacing, and its row and column directions say where anterior and
 * superior lie, as Image Orientation (Patient) does for an acquired image.
 */
export function reformatMeasuredPlane(doc: StudyAnnotations, plane: ReformatPlane): MeasuredPlane {
  const annotations = annotationsOnPlane(doc, plane);
  const { rowDirection: r, columnDirection: c } = plane;
  const fileSpacing: PixelSpacing = { rowMm: plane.rowSpacingMm, columnMm: plane.columnSpacingMm, source: 'calibrated', note: `Pixel Spacing of the ${plane.orientation} reformat` };
  return { annotations, spacing: spacingOnPlane(annotations, fileSpacing), orientation: anatomicalDirections({ imageOrientationPatient: [r.x, r.y, r.z, c.x, c.y, c.z] }) };
}
