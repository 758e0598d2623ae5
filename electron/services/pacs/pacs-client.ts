import type { PacsQuery, PacsSeriesResult, PacsStudyResult } from '../../../shared/pacs/query';

export interface RetrieveTarget {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/** What both protocols offer: DICOMweb (QIDO/WADO/STOW-RS) and DIMSE (C-ECHO/FIND/GET or MOVE/STORE). */
export interface PacsClient {
  /** Proves the server answers; resolves with a short description of what answered. */
  echo(): Promise<string>;
  search(query: PacsQuery): Promise<PacsStudyResult[]>;
  seriesOf(studyInstanceUid: string): Promise<PacsSeriesResult[]>;
  /** Retrieves one series, handing each instance's bytes (a DICOM Part 10 file) on as it arrives. */
  retrieve(target: RetrieveTarget, onInstance: (bytes: Uint8Array) => Promise<void>, signal: AbortSignal): Promise<void>;
  /** Stores DICOM Part 10 files on the server. */
  store(instances: readonly Uint8Array[]): Promise<void>;
}
