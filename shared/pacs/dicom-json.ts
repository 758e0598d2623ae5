/**
 * Reading the DICOM JSON model (PS3.18 §F.2) that QIDO-RS answers with: each attribute is keyed by
 * its tag (8 upper-case hex digits) and holds `vr` and `Value` (an array), person names as
 * `{ Alphabetic }` objects (§F.2.2).
 */
import type { PacsSeriesResult, PacsStudyResult } from './query';

export type DicomJsonDataset = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

export const TAGS = {
  PatientName: '00100010',
  PatientID: '00100020',
  StudyDate: '00080020',
  AccessionNumber: '00080050',
  StudyDescription: '00081030',
  ModalitiesInStudy: '00080061',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  SeriesDescription: '0008103E',
  SeriesNumber: '00200011',
  NumberOfSeriesRelatedInstances: '00201209',
} as const;

function values(ds: DicomJsonDataset, tag: string): unknown[] {
  const v = ds[tag]?.Value;
  return Array.isArray(v) ? v : [];
}

/** The first value as text; person names by their alphabetic group. */
export function text(ds: DicomJsonDataset, tag: string): string {
  const v = values(ds, tag)[0];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && typeof (v as { Alphabetic?: unknown }).Alphabetic === 'string') return (v as { Alphabetic: string }).Alphabetic;
  return '';
}

export function texts(ds: DicomJsonDataset, tag: string): string[] {
  return values(ds, tag).filter((v): v is string => typeof v === 'string');
}

export function integer(ds: DicomJsonDataset, tag: string): number | undefined {
  const v = values(ds, tag)[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

export function studyFromJson(ds: DicomJsonDataset, series: PacsSeriesResult[]): PacsStudyResult {
  const listed = texts(ds, TAGS.ModalitiesInStudy);
  return {
    studyInstanceUid: text(ds, TAGS.StudyInstanceUID),
    patientName: text(ds, TAGS.PatientName),
    patientId: text(ds, TAGS.PatientID),
    studyDate: text(ds, TAGS.StudyDate),
    accession: text(ds, TAGS.AccessionNumber),
    description: text(ds, TAGS.StudyDescription),
    modalities: listed.length > 0 ? listed : [...new Set(series.map((s) => s.modality).filter(Boolean))],
    series,
  };
}

export function seriesFromJson(ds: DicomJsonDataset): PacsSeriesResult {
  return {
    seriesInstanceUid: text(ds, TAGS.SeriesInstanceUID),
    modality: text(ds, TAGS.Modality),
    description: text(ds, TAGS.SeriesDescription),
    seriesNumber: integer(ds, TAGS.SeriesNumber),
    instanceCount: integer(ds, TAGS.NumberOfSeriesRelatedInstances) ?? 0,
  };
}
