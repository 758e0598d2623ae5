import type { Language } from '../i18n/phrasebook';
import { phrasebook } from '../i18n';
import { augmentationOpeningSteps, cementSetsStep, instrumentInStep, instrumentOutStep } from './openingSteps';
import { assembleTimeline } from './timelineBuilder';
import type { PatientSpineShape, Timeline } from './types';

/** Vertebroplasty as in DOMAIN.md §6: cement is injected straight into the broken bone, which keeps its shape. */
export function vertebroplastyTimeline(shape: PatientSpineShape, bipedicular: boolean, language: Language): Timeline {
  const words = phrasebook(language);
  return assembleTimeline('vertebroplasty', shape, bipedicular, language, [
    ...augmentationOpeningSteps(shape, words),
    instrumentInStep({
      id: 'needle-in',
      noun: 'needle',
      bipedicular,
      clinicianDetail: `11–13 G needle${bipedicular ? 's, bipedicular' : ', unipedicular'}, transpedicular; tip in the anterior third near the midline, checked in AP and lateral views.`,
    }, words),
    {
      id: 'cement',
      words: words.vertebroplasty.cement,
      durationS: 8,
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
    }, words),
    cementSetsStep(words),
    {
      id: 'what-to-expect',
      words: words.vertebroplasty.expect,
      durationS: 9,
      clinicianDetail: 'Height and kyphosis change little (kyphosis about −1.7°). Cement leakage on imaging 9–40%, mostly asymptomatic; adjacent-level fracture about 12% within a year; bleeding and infection are rare.',
      // Near the treated bone with its cement showing: the picture the patient should take away.
      camera: 'closeUp',
      targets: { boneOpacity: 0.6, fractureHighlight: 0 },
    },
  ]);
}
