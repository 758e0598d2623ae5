/** Public API of the exports: CSV, DICOM SR (TID 1500) and PDF, all built from the model and the results. */
export type { ReportInput, StudyInfo } from './study-info';
export { buildResultsCsv } from './csv';
export { buildSr, uuidDerivedUid, type SourceImage, type SrOptions, type SrResult } from './sr';
export { readSr } from './sr-read';
export { GRADE_COLOURS, buildPdfReport, type KeyImage, type PdfOptions } from './pdf';
export { GENANT_GRADE_NAMES, angleRows, gradeText, vertebraRows, type AngleRow, type VertebraRow } from './results-table';
