import type { Language } from '../i18n/phrasebook';
import { phrasebook } from '../i18n';
import { spineStep } from './openingSteps';
import { assembleTimeline } from './timelineBuilder';
import type { PatientSpineShape, Timeline } from './types';

/** Short-segment posterior fusion: screws in the vertebrae above and below, rods joining them. */
export function fusionTimeline(shape: PatientSpineShape, language: Language): Timeline {
  const words = phrasebook(language);
  return assembleTimeline('fusion', shape, true, language, [
    spineStep(shape, words),
    {
      id: 'asleep-prone',
      words: words.fusion.asleep,
      durationS: 5,
      clinicianDetail: 'General anaesthesia, prone; open or percutaneous posterior approach under fluoroscopy.',
      camera: 'back',
      targets: { proneBlend: 1, fractureHighlight: 0.4 },
    },
    {
      id: 'screws',
      words: words.fusion.screws,
      durationS: 8,
      clinicianDetail: 'Pedicle screws one level above and one below the fracture (short-segment fixation); longer constructs in weak bone.',
      camera: 'oblique',
      targets: { screwDepth: 1, boneOpacity: 0.55 },
      switches: { screwsVisible: true },
    },
    {
      id: 'rods',
      words: words.fusion.rods,
      durationS: 6,
      clinicianDetail: 'Contoured rods locked to the screw heads; bone graft if fusion rather than fixation alone is intended.',
      camera: 'back',
      targets: { rodProgress: 1 },
      switches: { rodsVisible: true },
    },
    {
      id: 'what-to-expect',
      words: words.fusion.expect,
      durationS: 9,
      clinicianDetail: 'Reserved for instability, neurological deficit or progressive deformity; osteoporotic bone may need cement-augmented screws.',
      camera: 'oblique',
      targets: { proneBlend: 0, boneOpacity: 1, fractureHighlight: 0 },
    },
  ]);
}
