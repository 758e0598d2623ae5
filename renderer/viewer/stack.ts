import type { InstanceHeader } from '../../shared/dicom/header';

/** One displayable stack: the ordered frames of a series (or of one orientation of it). */
export interface Stack {
  readonly key: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly description: string;
  readonly modality: string;
  readonly seriesNumber?: number;
  readonly imageIds: readonly string[];
  /** Header of the instance each image id comes from, in the same order. */
  readonly headers: readonly InstanceHeader[];
  readonly frameIndices: readonly number[];
  /** Why the stack was split from its series, or undefined. */
  readonly note?: string;
  /** Set on planes reconstructed from another stack (MPR): which stack, and which plane. */
  readonly reformat?: { readonly sourceKey: string; readonly orientation: 'axial' | 'sagittal' | 'coronal' };
}
