import type { FileRef } from '../api';

/** One retrieve in progress on the host, as the renderer polls it. */
export interface RetrieveStatus {
  readonly jobId: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly series: ReadonlyArray<{
    readonly seriesInstanceUid: string;
    readonly description: string;
    readonly modality: string;
    readonly expected: number;
    readonly received: number;
  }>;
  /** Instances received so far, registered with the host's file registry, in arrival order. */
  readonly files: FileRef[];
  readonly error?: string;
}

export interface RetrieveRequest {
  readonly studyInstanceUid: string;
  /** One series of the study, or all of them when absent. */
  readonly seriesInstanceUid?: string;
}

export function expectedInstances(status: RetrieveStatus): number {
  return status.series.reduce((n, s) => n + s.expected, 0);
}
