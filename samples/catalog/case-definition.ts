import type { FractureSpec } from '../phantom/fracture';
import type { Level } from '../phantom/levels';
import type { SegmentAngle, VertebraTruth } from '../phantom/morphometry';

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export type SeriesPlan =
  | { readonly kind: 'radiograph'; readonly folder: string; readonly photometric: 'MONOCHROME1' | 'MONOCHROME2' }
  /** An axial CT centred on the body of `centreLevel`. */
  | { readonly kind: 'ct'; readonly folder: string; readonly centreLevel: Level }
  /** Sagittal T1, T2 and STIR series centred on `centreLevel`, in folders mr-sag-t1, mr-sag-t2, mr-sag-stir. */
  | { readonly kind: 'mr'; readonly centreLevel: Level };

export interface StudyPlan {
  /** Short key used in UIDs and ground truth, e.g. 'main', 'before', 'after'. */
  readonly key: string;
  readonly label: string;
  readonly date: string; // DICOM DA
  readonly time: string; // DICOM TM
  readonly description: string;
  readonly fractures: readonly FractureSpec[];
  readonly series: readonly SeriesPlan[];
  /** Segmental angles to report, as [upper level (its superior endplate), lower level (its inferior endplate)]. */
  readonly angles: readonly (readonly [Level, Level])[];
}

export interface PatientPlan {
  readonly name: string;
  readonly id: string;
  readonly sex: 'F' | 'M';
  readonly birthDate: string;
  readonly age: string;
}

/**
 * One study's truth as the generator knows it, in phantom terms (keyed by the plan's study key); what it
 * writes into case.json is read back by the app as shared/training/case-truth.ts StudyTruth.
 */
export interface PhantomStudyTruth {
  readonly key: string;
  readonly label: string;
  readonly vertebrae: readonly VertebraTruth[];
  readonly angles: readonly SegmentAngle[];
}

export interface TeachingNotes {
  readonly history: string;
  readonly whatToLookAt: string;
  readonly whatToMeasure: string;
  readonly answerExplained: string;
}

export interface CaseDefinition {
  readonly id: string;
  readonly title: string;
  readonly difficulty: Difficulty;
  readonly summary: string;
  /** The level (or region) the case is about. */
  readonly level: string;
  readonly patient: PatientPlan;
  readonly studies: readonly StudyPlan[];
  /** Written from the ground truth, so that every number quoted matches the images. */
  notes(truth: readonly PhantomStudyTruth[]): TeachingNotes;
}
