import { augmentationOpeningSteps, CEMENT_SETS_STEP, instrumentInStep, instrumentOutStep } from './openingSteps';
import { assembleTimeline } from './timelineBuilder';
import type { PatientSpineShape, Timeline } from './types';

/** Vertebroplasty as in DOMAIN.md §6: cement is injected straight into the broken bone, which keeps its shape. */
export function vertebroplastyTimeline(shape: PatientSpineShape, bipedicular: boolean): Timeline {
  return assembleTimeline('vertebroplasty', shape, bipedicular, [
    ...augmentationOpeningSteps(shape),
    instrumentInStep({
      id: 'needle-in',
      noun: 'needle',
      bipedicular,
      clinicianDetail: `11–13 G needle${bipedicular ? 's, bipedicular' : ', unipedicular'}, transpedicular; tip in the anterior third near the midline, checked in AP and lateral views.`,
    }),
    {
      id: 'cement',
      title: 'Cement fills the bone',
      durationS: 8,
      caption: 'Bone cement, a thick paste, is slowly pushed in. It spreads into the cracks of the broken bone.',
      clinicianDetail: 'PMMA under continuous lateral fluoroscopy, typically 2–5 mL; injection stops if cement nears the posterior wall, a vein or the disc.',
      camera: 'closeUp',
      targets: { cementFill: 1 },
    },
    instrumentOutStep({
      id: 'needle-out',
      noun: 'needle',
      bipedicular,
      clinicianDetail: bipedicular
        ? 'Needles withdrawn with the stylets in place to avoid a cement tail; pressure and dressings.'
        : 'Needle withdrawn with the stylet in place to avoid a cement tail; pressure and a dressing.',
    }),
    CEMENT_SETS_STEP,
    {
      id: 'what-to-expect',
      title: 'What to expect',
      durationS: 9,
      caption: 'Many people have less pain within a day or two. The bone keeps its shape: the aim is less pain and a stable bone. Cement can leak outside the bone, usually without harm. Another bone can break later, so bone-strengthening treatment goes on.',
      clinicianDetail: 'Height and kyphosis change little (kyphosis about −1.7°). Cement leakage on imaging 9–40%, mostly asymptomatic; adjacent-level fracture about 12% within a year; bleeding and infection are rare.',
      // Near the treated bone with its cement showing: the picture the patient should take away.
      camera: 'closeUp',
      targets: { boneOpacity: 0.6, fractureHighlight: 0 },
    },
  ]);
}
