import type { Language } from '../i18n/phrasebook';
import { phrasebook } from '../i18n';
import { degrees, mm } from './captionWords';
import { augmentationOpeningSteps, cementSetsStep, instrumentInStep, instrumentOutStep } from './openingSteps';
import { kyphoplastyOutcome } from './patientShape';
import { assembleTimeline } from './timelineBuilder';
import type { PatientSpineShape, Timeline } from './types';

/** Largest balloon radius: typical inflatable bone tamps reach 6–8 mm in radius. */
const MAX_BALLOON_RADIUS_MM = 7;

/** The inflated balloon fills a bit over half of the body's height at its middle. */
export function balloonRadiusFor(shape: PatientSpineShape): number {
  return Math.min(MAX_BALLOON_RADIUS_MM, 0.28 * kyphoplastyOutcome(shape).heightsMm.middle);
}

/** Kyphoplasty as in DOMAIN.md §6: a balloon makes a space and lifts the bone a little, then cement fills the space. */
export function kyphoplastyTimeline(shape: PatientSpineShape, bipedicular: boolean, language: Language): Timeline {
  const words = phrasebook(language);
  const outcome = kyphoplastyOutcome(shape);
  const radius = balloonRadiusFor(shape);
  return assembleTimeline('kyphoplasty', shape, bipedicular, language, [
    ...augmentationOpeningSteps(shape, words),
    instrumentInStep({
      id: 'tube-in',
      noun: 'tube',
      bipedicular,
      clinicianDetail: `Working cannula${bipedicular ? 's, bipedicular' : ', unipedicular'}, transpedicular; tip in the anterior third, checked in AP and lateral views.`,
    }, words),
    {
      id: 'balloon-inflate',
      words: words.kyphoplasty.balloonInflate(bipedicular),
      durationS: 9,
      clinicianDetail: `Inflatable bone tamp under fluoroscopy to about ${mm(2 * radius)} across; anterior height ${mm(shape.heightsMm.anterior)} → ${mm(outcome.heightsMm.anterior)}, local kyphosis ${degrees(shape.localKyphosisDeg)} → ${degrees(outcome.kyphosisDeg)} (±5° typical measurement error).`,
      camera: 'closeUp',
      targets: {
        balloonRadiusMm: radius,
        cavityRadiusMm: radius,
        anteriorMm: outcome.heightsMm.anterior,
        middleMm: outcome.heightsMm.middle,
        posteriorMm: outcome.heightsMm.posterior,
        kyphosisDeg: outcome.kyphosisDeg,
      },
      switches: { balloonVisible: true },
    },
    {
      id: 'balloon-out',
      words: words.kyphoplasty.balloonOut,
      durationS: 5,
      clinicianDetail: 'Tamp deflated and withdrawn; the cavity keeps the restored height while cement goes in.',
      camera: 'closeUp',
      targets: { balloonRadiusMm: 0 },
    },
    {
      id: 'cement',
      words: words.kyphoplasty.cement,
      durationS: 8,
      clinicianDetail: `Viscous PMMA at low pressure into the cavity under lateral fluoroscopy; about ${bipedicular ? '4.9 mL bipedicular' : '4.1 mL unipedicular'} on average.`,
      camera: 'closeUp',
      targets: { cementFill: 1 },
      switches: { balloonVisible: false },
    },
    instrumentOutStep({
      id: 'tube-out',
      noun: 'tube',
      bipedicular,
      clinicianDetail: bipedicular ? 'Cannulas withdrawn; pressure and dressings.' : 'Cannula withdrawn; pressure and a dressing.',
    }, words),
    cementSetsStep(words),
    {
      id: 'what-to-expect',
      words: words.kyphoplasty.expect,
      durationS: 9,
      clinicianDetail: 'Kyphosis correction about 4.8° vs 1.7° for vertebroplasty; height gain does not track pain relief. Leakage on imaging 9–40%, mostly asymptomatic; new fractures about 11%.',
      // Near the treated bone with its cement showing: the picture the patient should take away.
      camera: 'closeUp',
      targets: { boneOpacity: 0.6, fractureHighlight: 0 },
    },
  ]);
}
