import { yourSpineStep } from './openingSteps';
import { assembleTimeline } from './timelineBuilder';
import type { PatientSpineShape, Timeline } from './types';

/** Short-segment posterior fusion: screws in the vertebrae above and below, rods joining them. */
export function fusionTimeline(shape: PatientSpineShape): Timeline {
  return assembleTimeline('fusion', shape, true, [
    yourSpineStep(shape),
    {
      id: 'asleep-prone',
      title: 'Asleep, on your tummy',
      durationS: 5,
      caption: 'For this operation you are fully asleep. You lie on your tummy.',
      clinicianDetail: 'General anaesthesia, prone; open or percutaneous posterior approach under fluoroscopy.',
      camera: 'back',
      targets: { proneBlend: 1, fractureHighlight: 0.4 },
    },
    {
      id: 'screws',
      title: 'Screws',
      durationS: 8,
      caption: 'Screws go through a narrow part of the bone above and the bone below the broken one.',
      clinicianDetail: 'Pedicle screws one level above and one below the fracture (short-segment fixation); longer constructs in weak bone.',
      camera: 'oblique',
      targets: { screwDepth: 1, boneOpacity: 0.55 },
      switches: { screwsVisible: true },
    },
    {
      id: 'rods',
      title: 'Rods join the screws',
      durationS: 6,
      caption: 'Two metal rods join the screws. They hold this part of the spine still while it heals.',
      clinicianDetail: 'Contoured rods locked to the screw heads; bone graft if fusion rather than fixation alone is intended.',
      camera: 'back',
      targets: { rodProgress: 1 },
      switches: { rodsVisible: true },
    },
    {
      id: 'what-to-expect',
      title: 'What to expect',
      durationS: 9,
      caption: 'This is a bigger operation, with a few days in hospital. This part of the spine will bend less. Risks include infection, bleeding, nerve injury and screws loosening in weak bone.',
      clinicianDetail: 'Reserved for instability, neurological deficit or progressive deformity; osteoporotic bone may need cement-augmented screws.',
      camera: 'oblique',
      targets: { proneBlend: 0, boneOpacity: 1, fractureHighlight: 0 },
    },
  ]);
}
