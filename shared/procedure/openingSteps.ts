import type { InstrumentNoun, Phrasebook } from '../i18n/phrasebook';
import { degrees, fractureFacts, measuredFacts, mm, needleSidesFor } from './captionWords';
import type { StepSpec } from './timelineBuilder';
import type { PatientSpineShape } from './types';

/**
 * "This is the spine, this is the broken bone": shared by every procedure. It is "your spine" only
 * for a fracture measured on this study, naming the image; any other shape is told as an example.
 */
export function spineStep(shape: PatientSpineShape, words: Phrasebook): StepSpec {
  const h = shape.heightsMm;
  const measured = measuredFacts(shape);
  return {
    id: 'your-spine',
    words: measured ? words.spine.measured(measured) : words.spine.example(fractureFacts(shape)),
    durationS: 6,
    clinicianDetail: `${shape.fracturedLevel} (${measured ? `measured on ${measured.where}` : 'example, chosen by hand'}): Ha ${mm(h.anterior)}, Hm ${mm(h.middle)}, Hp ${mm(h.posterior)}; local kyphosis ${degrees(shape.localKyphosisDeg)}.`,
    // The picture turns towards the side view as play starts, so it is seen to move at once.
    cameraFrom: 'oblique',
    camera: 'side',
    targets: { fractureHighlight: 1 },
  };
}

/** The common start of vertebroplasty and kyphoplasty (DOMAIN.md §6). */
export function augmentationOpeningSteps(shape: PatientSpineShape, words: Phrasebook): StepSpec[] {
  return [
    spineStep(shape, words),
    {
      id: 'lying-prone',
      words: words.lyingProne,
      durationS: 5,
      clinicianDetail: 'Prone positioning; conscious sedation or general anaesthesia; level confirmed on MRI (bone oedema).',
      camera: 'side',
      targets: { proneBlend: 1, fractureHighlight: 0.4 },
    },
    {
      id: 'xray-guidance',
      words: words.xrayGuidance,
      durationS: 6,
      clinicianDetail: `AP and lateral fluoroscopy; ${shape.fracturedLevel} and its pedicles identified.`,
      camera: 'back',
      switches: { fluoroscopy: true },
    },
    {
      id: 'numbing',
      words: words.numbing,
      durationS: 5,
      clinicianDetail: 'Local anaesthetic to skin, soft tissue and periosteum at the pedicle entry points.',
      camera: 'oblique',
      targets: { numbing: 1 },
      switches: { fluoroscopy: false },
    },
  ];
}

/** After either augmentation the cement hardens and the patient recovers the same way (DOMAIN.md §6). */
export function cementSetsStep(words: Phrasebook): StepSpec {
  return {
    id: 'cement-sets',
    words: words.cementSets,
    durationS: 6,
    clinicianDetail: 'PMMA polymerises in about 10–20 minutes; supine bed rest for about an hour; often a same-day discharge.',
    camera: 'side',
    targets: { cementSet: 1, proneBlend: 0, boneOpacity: 0.45 },
    switches: { needleSides: [] },
  };
}

export interface InstrumentStepOptions {
  id: string;
  noun: InstrumentNoun;
  /** Two instruments, one through each pedicle, rather than one. */
  bipedicular: boolean;
  clinicianDetail: string;
}

/** The instruments pass through the pedicles into the front of the body; the words agree with how many there are. */
export function instrumentInStep({ id, noun, bipedicular, clinicianDetail }: InstrumentStepOptions, words: Phrasebook): StepSpec {
  return {
    id,
    words: words.instrumentIn(noun, bipedicular),
    durationS: 8,
    clinicianDetail,
    camera: 'closeUp',
    targets: { needleDepth: 1, boneOpacity: 0.35, numbing: 0 },
    switches: { needleSides: needleSidesFor(bipedicular) },
  };
}

/** The instruments come out and the cuts are covered; the words agree with how many there are. */
export function instrumentOutStep({ id, noun, bipedicular, clinicianDetail }: InstrumentStepOptions, words: Phrasebook): StepSpec {
  return {
    id,
    words: words.instrumentOut(noun, bipedicular),
    durationS: 5,
    clinicianDetail,
    camera: 'closeUp',
    targets: { needleDepth: 0 },
  };
}
