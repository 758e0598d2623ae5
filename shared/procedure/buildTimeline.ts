import { fusionTimeline } from './fusion';
import { kyphoplastyTimeline } from './kyphoplasty';
import type { PatientSpineShape, Procedure, Timeline, TimelineOptions } from './types';
import { vertebroplastyTimeline } from './vertebroplasty';

/** The step-by-step story of one procedure, shaped to the patient's vertebra. */
export function buildTimeline(procedure: Procedure, shape: PatientSpineShape, options: TimelineOptions = {}): Timeline {
  const language = options.language ?? 'en';
  switch (procedure) {
    case 'vertebroplasty':
      return vertebroplastyTimeline(shape, options.bipedicular ?? false, language);
    case 'kyphoplasty':
      return kyphoplastyTimeline(shape, options.bipedicular ?? true, language);
    case 'fusion':
      return fusionTimeline(shape, language);
  }
}
