import type { PixelSpacing } from '../../shared/calibration';
import type { InstanceHeader } from '../../shared/dicom/header';
import { anatomicalDirections, type OrientedImage } from '../../shared/measure/anatomical-directions';
import { userCalibratedSpacing } from '../../shared/measure/user-calibration';
import { annotationsOnPlane } from '../../shared/model/plane';
import type { Annotation, ImagePlane, StudyAnnotations } from '../../shared/model/types';
import type { Stack } from '../viewer/stack';

/** Everything the tools need to know about the image on screen. */
export interface PlaneContext {
  readonly studyInstanceUid: string;
  readonly plane: ImagePlane;
  readonly header: InstanceHeader;
  /** The file's spacing, or the reader's calibration of this image when there is one. */
  readonly spacing: PixelSpacing;
  readonly orientation: OrientedImage;
  readonly annotations: readonly Annotation[];
}

export function planeOf(stack: Stack, slice: number): ImagePlane {
  const header = stack.headers[slice];
  return { kind: 'image', seriesInstanceUid: header.seriesInstanceUid, sopInstanceUid: header.sopInstanceUid, frameIndex: stack.frameIndices[slice] };
}

export function planeContext(stack: Stack, slice: number, doc: StudyAnnotations | undefined): PlaneContext {
  const header = stack.headers[slice];
  const plane = planeOf(stack, slice);
  const annotations = doc ? annotationsOnPlane(doc, plane) : [];
  const calibration = annotations.find((a) => a.type === 'calibration');
  let spacing = header.spacing;
  if (calibration?.type === 'calibration') {
    try {
      spacing = userCalibratedSpacing(calibration.points[0], calibration.points[1], calibration.knownLengthMm, header.spacing);
    } catch {
      // A degenerate calibration line leaves the file's own spacing in force.
    }
  }
  return { studyInstanceUid: header.studyInstanceUid, plane, header, spacing, orientation: anatomicalDirections(header), annotations };
}
