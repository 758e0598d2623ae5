import { buildStudyIndex } from '../../shared/dicom/series-index';
import type { LoadedInstance } from '../app/study-store';
import { imageIdFor } from './cornerstone-image';
import type { Stack } from './stack';

/** Flattens the patient → study → series index into the stacks the viewer shows, frames in order. */
export function buildStacks(instances: readonly LoadedInstance[]): Stack[] {
  const byKey = new Map(instances.map((i) => [i.key, i]));
  const stacks: Stack[] = [];
  for (const patient of buildStudyIndex(instances.map((i) => ({ fileId: i.key, header: i.header })))) {
    for (const study of patient.studies) {
      for (const series of study.series) {
        const imageIds: string[] = [];
        const headers: Stack['headers'][number][] = [];
        const frameIndices: number[] = [];
        for (const image of series.images) {
          const instance = byKey.get(image.fileId)!;
          for (let f = 0; f < instance.frames.length; f++) {
            imageIds.push(imageIdFor(instance.key, f));
            headers.push(instance.header);
            frameIndices.push(f);
          }
        }
        stacks.push({
          key: series.key,
          seriesInstanceUid: series.seriesInstanceUid,
          studyInstanceUid: study.studyInstanceUid,
          description: series.seriesDescription ?? '',
          modality: series.modality,
          seriesNumber: series.seriesNumber,
          imageIds,
          headers,
          frameIndices,
          note: series.splitReason,
        });
      }
    }
  }
  return stacks;
}
