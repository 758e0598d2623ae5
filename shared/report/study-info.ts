/** What the report builders need besides the annotations and their measurements. */
import type { AngleMeasurement, Length, SpineResults } from '../measure/types';
import type { StudyAnnotations } from '../model/types';

/** Patient and study attributes, copied from the source images (DICOM values, e.g. dates as YYYYMMDD). */
export interface StudyInfo {
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly studyTime?: string;
  readonly studyId?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
  readonly studyDescription: string;
  readonly modality: string;
}

export interface ReportInput {
  readonly doc: StudyAnnotations;
  readonly results: SpineResults;
  readonly study: StudyInfo;
  /**
   * Values of the free-hand annotations (drawn Cobb lines, angles, lengths) by annotation id, as the viewer
   * measured them with the image's spacing and orientation; the morphometry itself comes from `results`.
   */
  readonly annotationMeasurements?: Readonly<Record<string, AngleMeasurement | Length>>;
}
