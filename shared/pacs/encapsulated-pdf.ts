/**
 * The measurement report PDF wrapped as a DICOM Encapsulated PDF instance (PS3.3 §A.45.1), so it can be
 * stored on the PACS beside the SR and the images: same Study Instance UID, patient and study modules
 * copied from the study, a series of its own (Modality DOC).
 */
import { dicomDate, dicomTime, newInstanceInStudy, part10Bytes, uuidDerivedUid } from '../report/new-instance';
import type { StudyInfo } from '../report/study-info';

/** Encapsulated PDF Storage (PS3.4 Annex B.5, Table B.5-1). */
export const ENCAPSULATED_PDF_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';

export interface EncapsulatedPdfOptions {
  readonly now: Date;
  readonly documentTitle?: string;
  /** Defaults to UUID-derived UIDs (PS3.5 B.2). */
  readonly newUid?: () => string;
  readonly seriesNumber?: number;
}

export interface EncapsulatedPdf {
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
}

export function buildEncapsulatedPdf(pdf: Uint8Array, study: StudyInfo, options: EncapsulatedPdfOptions): EncapsulatedPdf {
  const { now } = options;
  const newUid = options.newUid ?? uuidDerivedUid;
  const sopInstanceUid = newUid();
  // OB values are padded to an even length (PS3.5 §7.1.1); Encapsulated Document Length keeps the
  // PDF's own length so a reader can drop the pad byte (PS3.3 §C.24.2.1).
  const padded = new Uint8Array(pdf.length + (pdf.length % 2));
  padded.set(pdf);
  const dataset = {
    ...newInstanceInStudy(study, ENCAPSULATED_PDF_SOP_CLASS, sopInstanceUid, now),
    // Encapsulated Document Series module (PS3.3 §C.24.1).
    Modality: 'DOC',
    SeriesInstanceUID: newUid(),
    SeriesNumber: options.seriesNumber ?? 9902,
    SeriesDescription: 'SpineLab report PDF (education and research, not for diagnosis)',
    // General Equipment and SC Equipment modules: a workstation-made document (ConversionType WSD, PS3.3 §C.8.6.1).
    Manufacturer: 'SpineLab',
    ConversionType: 'WSD',
    // Encapsulated Document module (PS3.3 §C.24.2).
    InstanceNumber: 1,
    ContentDate: dicomDate(now),
    ContentTime: dicomTime(now),
    AcquisitionDateTime: '',
    BurnedInAnnotation: 'YES',
    DocumentTitle: options.documentTitle ?? 'SpineLab vertebral morphometry report',
    ConceptNameCodeSequence: [],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: padded.buffer,
    EncapsulatedDocumentLength: pdf.length,
  };
  return { bytes: part10Bytes(dataset, ENCAPSULATED_PDF_SOP_CLASS, sopInstanceUid), sopInstanceUid };
}

