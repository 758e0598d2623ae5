/**
 * The annotation document: what the reader drew on one study, saved to disk and exchanged over IPC.
 * Plain data only. Points are image pixels of the plane they were drawn on; the plane says where that is.
 */
import type { Endplate, ReaderGenantGrade, SixPoints, Vec2, VertebralLevel } from '../measure/types';

/** Bump with a new step in migrate.ts; files with a larger number open read-only. */
export const SCHEMA_VERSION = 1;

/** A point or direction in patient coordinates, DICOM LPS, millimetres (PS3.3 C.7.6.2.1.1). */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export type PatientPosition = 'standing' | 'sitting' | 'supine' | 'prone' | 'unknown';

/** An acquired image (one frame of one SOP instance): pixel coordinates are that frame's own. */
export interface ImagePlane {
  readonly kind: 'image';
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** 0-based; 0 for single-frame images. */
  readonly frameIndex: number;
}

export type ReformatOrientation = 'sagittal' | 'coronal' | 'axial';

/**
 * A plane reformatted from a volume. It has no SOP instance, so it is described by its geometry in
 * patient coordinates, the same way Image Position/Orientation (Patient) describe an acquired slice;
 * annotations then reappear on the same anatomy however the viewport rebuilds the reformat.
 */
export interface ReformatPlane {
  readonly kind: 'reformat';
  readonly seriesInstanceUid: string;
  readonly orientation: ReformatOrientation;
  /** Patient position of image point (0, 0) of this plane, like Image Position (Patient). */
  readonly origin: Vec3;
  /** Unit vector along a row (increasing x), like the first half of Image Orientation (Patient). */
  readonly rowDirection: Vec3;
  /** Unit vector down a column (increasing y), like the second half of Image Orientation (Patient). */
  readonly columnDirection: Vec3;
  /** Distance between adjacent rows (a step in y), first value of Pixel Spacing. */
  readonly rowSpacingMm: number;
  /** Distance between adjacent columns (a step in x), second value of Pixel Spacing. */
  readonly columnSpacingMm: number;
}

export type AnnotationPlane = ImagePlane | ReformatPlane;

interface AnnotationBase {
  readonly id: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly plane: AnnotationPlane;
}

/** Six-point morphometry of one vertebral body (DOMAIN.md §1). */
export interface VertebraAnnotation extends AnnotationBase {
  readonly type: 'vertebra';
  readonly level: VertebralLevel;
  readonly points: SixPoints;
  /** The reader's Genant grade. The computed suggestion is never stored here, so the two stay apart. */
  readonly finalGrade?: ReaderGenantGrade;
}

/** A Cobb line drawn by hand. */
export interface DrawnCobbLine {
  readonly kind: 'drawn';
  readonly from: Vec2;
  readonly to: Vec2;
}

/** A Cobb line that follows an endplate of a vertebra annotation, so it moves when its points move. */
export interface EndplateCobbLine {
  readonly kind: 'endplate';
  readonly annotationId: string;
  readonly endplate: Endplate;
}

export type CobbLine = DrawnCobbLine | EndplateCobbLine;

export interface CobbAnnotation extends AnnotationBase {
  readonly type: 'cobb';
  readonly lines: readonly [CobbLine, CobbLine];
}

export interface LengthAnnotation extends AnnotationBase {
  readonly type: 'length';
  readonly points: readonly [Vec2, Vec2];
}

/** Three points; the angle is at the middle one. */
export interface AngleAnnotation extends AnnotationBase {
  readonly type: 'angle';
  readonly points: readonly [Vec2, Vec2, Vec2];
}

/** A line across an object of known size, from which the reader calibrates an image ('user' badge). */
export interface CalibrationAnnotation extends AnnotationBase {
  readonly type: 'calibration';
  readonly points: readonly [Vec2, Vec2];
  readonly knownLengthMm: number;
}

export type Annotation = VertebraAnnotation | CobbAnnotation | LengthAnnotation | AngleAnnotation | CalibrationAnnotation;
export type AnnotationType = Annotation['type'];

export interface StudyAnnotations {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly studyInstanceUid: string;
  /** Heights and angles change with position (DOMAIN.md §1, JOSR 2020), so it travels with them. */
  readonly patientPosition?: PatientPosition;
  /** ISO 8601, from an injected clock. */
  readonly updatedAt: string;
  readonly annotations: readonly Annotation[];
}
