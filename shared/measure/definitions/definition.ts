/**
 * What one kind of measurement is, in one place: the points a reader places and what the tool asks for,
 * the annotation built from them, its handles, its value, how a document checks it, and how it goes into
 * and comes back out of a DICOM SR, the results table and the results CSV. The registry (./index.ts)
 * holds one per annotation type; the renderer draws each with its drawing (renderer/tools/drawings).
 */
import type { PixelSpacing } from '../../calibration';
import type { Checker } from '../../model/checker';
import type { Annotation, AnnotationPlane, AnnotationType, CobbLine } from '../../model/types';
import type { CsvCell } from '../../report/csv-cell';
import type { AngleRow, VertebraRow } from '../../report/results-table';
import type { Code } from '../../report/sr-codes';
import type { Item } from '../../report/sr-items';
import type { AngleMeasurement, ImageOrientation, Length, Vec2, VertebraMeasurement, VertebralLevel } from '../types';

export type AnnotationOf<T extends AnnotationType> = Extract<Annotation, { readonly type: T }>;
/** An annotation without what every annotation has (id, time, plane and type). */
export type AnnotationFields<T extends AnnotationType> = Omit<AnnotationOf<T>, 'id' | 'createdAt' | 'plane' | 'type'>;

/** The tools that place annotations, by name (the calibration tool "calibrates"). */
export type MeasurementTool = 'vertebra' | 'cobb' | 'length' | 'angle' | 'calibrate';

/** The value measured from one annotation on its plane. */
export type AnnotationValue = AngleMeasurement | Length;

/** The points placed so far, and what the reader chose around them. */
export interface DraftInput {
  readonly points: readonly Vec2[];
  /** Cobb lines picked from the endplates of measured vertebrae. */
  readonly cobbLines: readonly CobbLine[];
  /** The level the next vertebra is labelled with. */
  readonly level: VertebralLevel;
  /** The reader's known length, for a calibration. */
  readonly knownLengthMm?: number;
}

/** What a plane gives its measurements: what is drawn on it, its spacing and which way the patient faces. */
export interface MeasuredPlane {
  readonly annotations: readonly Annotation[];
  readonly spacing: PixelSpacing;
  readonly orientation: ImageOrientation;
}

/** What the SR writer offers a measurement group. */
export interface SrWriteContext {
  /** SCOORD on the image, or SCOORD3D for a reformat (the writer records the reference). */
  scoord(plane: AnnotationPlane, points: readonly Vec2[]): Item;
  /** Tracking Identifier and Tracking UID (TID 1501). */
  tracking(id: string): Item[];
  /** The annotations of the report, to look up the vertebra a Cobb line follows. */
  readonly annotations: readonly Annotation[];
  vertebraMeasurement(level: VertebralLevel): VertebraMeasurement | undefined;
  angleOf(a: Annotation): AngleMeasurement | undefined;
  lengthOf(a: Annotation): Length | undefined;
}

/** What the SR reader offers. */
export interface SrReadContext {
  /** The geometry under a NUM (SCOORD on an image, or SCOORD3D on the group's reformat). */
  geometryOf(num: Item | undefined): { readonly plane: AnnotationPlane; readonly points: Vec2[] } | undefined;
  /** The id of the report's vertebra of this level on this plane (what a Cobb line follows). */
  vertebraOn(plane: AnnotationPlane, level: VertebralLevel): string | undefined;
}

/** One record of the results CSV: what kind of row it is ("vertebra", "angle", …), its label and its cells by column title. */
export interface CsvRecord {
  readonly type: string;
  readonly label: string;
  /** Only columns its piece declares are written. */
  readonly cells: Readonly<Record<string, CsvCell>>;
}

/** What the CSV assembler (shared/report/csv.ts) offers the definitions: the report's rows and values. */
export interface CsvContext {
  /** One per measured level, in the results' order. */
  readonly vertebrae: readonly VertebraRow[];
  /** The angles the engine derived from the measured endplates (local kyphosis, requested Cobb angles). */
  readonly engineAngles: readonly AngleRow[];
  /** The rows of these hand-drawn angles whose label the engine's angles do not already have. */
  angleRowsOf(annotations: readonly Annotation[]): readonly AngleRow[];
  /** The record of an angle, written alike whichever definition measured it. */
  angleRecord(row: AngleRow): CsvRecord;
  valueOf(a: Annotation): AnnotationValue | undefined;
}

/** The columns every angle record fills. */
export const ANGLE_CSV_COLUMNS: readonly string[] = ['Angle (deg)', 'Angle meaning'];

/**
 * What a definition adds to the results CSV: its columns (titles carry units; definitions that name the
 * same title share the column) and its records, from the report's annotations of its type.
 */
export interface CsvPiece<T extends AnnotationType> {
  readonly columns: readonly string[];
  rows(own: readonly AnnotationOf<T>[], context: CsvContext): readonly CsvRecord[];
}

export interface MeasurementDefinition<T extends AnnotationType> {
  readonly type: T;
  /** The tool that places it: its name, its button label, its key and its line in the shortcut help. */
  readonly tool: { readonly name: MeasurementTool; readonly label: string; readonly key: string; readonly help: string };
  /** Clicks that finish it (a Cobb line picked from an endplate counts as two). */
  readonly pointsNeeded: number;
  /** What the tool asks for next, given the points placed so far. */
  prompt(draft: DraftInput, spacing: PixelSpacing): string;
  /** Set when finishing the points asks the reader for a known length before the annotation exists. */
  readonly asksKnownLength?: true;
  /** Set when each one takes the next vertebral level, which then steps on. */
  readonly takesLevel?: true;
  build(draft: DraftInput): AnnotationFields<T>;
  /**
   * An annotation of the same plane that a new one takes the place of: kept in place with its id
   * (`inPlace`), or removed before the new one is added.
   */
  readonly replaces?: { readonly inPlace: boolean; matches(made: AnnotationFields<T>, existing: Annotation): boolean };
  /** The draggable points, in a fixed order so a drag can name one by index. */
  handles(a: AnnotationOf<T>): readonly Vec2[];
  withHandleMoved(a: AnnotationOf<T>, index: number, to: Vec2): AnnotationOf<T>;
  /** Its own value on its plane; `nextNumber` numbers the ones that have no better name. Vertebrae are measured together (assessSpine). */
  measure?(a: AnnotationOf<T>, plane: MeasuredPlane, nextNumber: () => number): AnnotationValue | undefined;
  /** The row it adds to the results table (CSV, PDF) from its measured value. */
  reportRow?(measured: AnnotationValue | undefined): AngleRow | undefined;
  /** The label of the engine angle it stands for, when it measures one (a Cobb angle between two measured endplates). */
  engineAngleLabel?(a: AnnotationOf<T>, annotations: readonly Annotation[]): string | undefined;
  readonly validation: {
    readonly required: readonly string[];
    readonly optional?: readonly string[];
    fields(check: Checker, o: Record<string, unknown>, path: string): AnnotationFields<T> | undefined;
    /** Vertebra annotations it depends on, with the path of each reference. */
    references?(a: AnnotationOf<T>): readonly { readonly path: string; readonly annotationId: string }[];
  };
  /** Required, so that a new kind of measurement cannot be left out of the CSV. */
  readonly csv: CsvPiece<T>;
  readonly sr: {
    /** The concept whose presence in a measurement group makes the group one of these. */
    readonly concept: Code;
    /** The group's content items, or why it cannot be written. */
    write(a: AnnotationOf<T>, plane: AnnotationPlane, context: SrWriteContext): Item[] | string;
    read(group: Item[], context: SrReadContext): { readonly plane: AnnotationPlane; readonly fields: AnnotationFields<T> } | undefined;
  };
}
