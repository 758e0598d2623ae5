import { degrees, fractureInWords, mm, needleSidesFor } from './captionWords';
import type { StepSpec } from './timelineBuilder';
import type { PatientSpineShape } from './types';

/** "This is your spine, this is the broken bone": shared by every procedure. */
export function yourSpineStep(shape: PatientSpineShape): StepSpec {
  const h = shape.heightsMm;
  return {
    id: 'your-spine',
    title: 'Your spine',
    durationS: 6,
    caption: `This is your spine, seen from the side. The highlighted bone, ${shape.fracturedLevel}, is broken and squashed. ${fractureInWords(shape)}`,
    clinicianDetail: `${shape.fracturedLevel} (${shape.source === 'measured' ? 'measured' : 'chosen by hand'}): Ha ${mm(h.anterior)}, Hm ${mm(h.middle)}, Hp ${mm(h.posterior)}; local kyphosis ${degrees(shape.localKyphosisDeg)}.`,
    camera: 'side',
    targets: { fractureHighlight: 1 },
  };
}

/** The common start of vertebroplasty and kyphoplasty (DOMAIN.md §6). */
export function augmentationOpeningSteps(shape: PatientSpineShape): StepSpec[] {
  return [
    yourSpineStep(shape),
    {
      id: 'lying-prone',
      title: 'Lying on your tummy',
      durationS: 5,
      caption: 'You lie on your tummy on a padded table. You may get medicine through a drip to help you relax.',
      clinicianDetail: 'Prone positioning; conscious sedation or general anaesthesia; level confirmed on MRI (bone oedema).',
      camera: 'side',
      targets: { proneBlend: 1, fractureHighlight: 0.4 },
    },
    {
      id: 'xray-guidance',
      title: 'X-ray guidance',
      durationS: 6,
      caption: 'Live X-ray pictures show the doctor your bones. They guide every move.',
      clinicianDetail: `AP and lateral fluoroscopy; ${shape.fracturedLevel} and its pedicles identified.`,
      camera: 'back',
      switches: { fluoroscopy: true },
    },
    {
      id: 'numbing',
      title: 'Numbing',
      durationS: 5,
      caption: 'The doctor numbs the skin and the tissue down to the bone. You feel a small sting, then pressure but not pain.',
      clinicianDetail: 'Local anaesthetic to skin, soft tissue and periosteum at the pedicle entry points.',
      camera: 'oblique',
      targets: { numbing: 1 },
      switches: { fluoroscopy: false },
    },
  ];
}

/** After either augmentation the cement hardens and the patient recovers the same way (DOMAIN.md §6). */
export const CEMENT_SETS_STEP: StepSpec = {
  id: 'cement-sets',
  title: 'The cement sets',
  durationS: 6,
  caption: 'The cement hardens within minutes, like a cast inside the bone. You rest on your back for about an hour. Most people go home the same day.',
  clinicianDetail: 'PMMA polymerises in about 10–20 minutes; supine bed rest for about an hour; often a same-day discharge.',
  camera: 'side',
  targets: { cementSet: 1, proneBlend: 0, boneOpacity: 0.45 },
  switches: { needleSides: [] },
};

/** What goes through the pedicle: vertebroplasty's needle or kyphoplasty's working cannula, called a tube for patients. */
export type InstrumentNoun = 'needle' | 'tube';

export interface InstrumentStepOptions {
  id: string;
  noun: InstrumentNoun;
  /** Two instruments, one through each pedicle, rather than one. */
  bipedicular: boolean;
  clinicianDetail: string;
}

/** The instruments pass through the pedicles into the front of the body; the words agree with how many there are. */
export function instrumentInStep({ id, noun, bipedicular, clinicianDetail }: InstrumentStepOptions): StepSpec {
  return {
    id,
    title: bipedicular ? `The ${noun}s go in` : `The ${noun} goes in`,
    durationS: 8,
    caption: bipedicular
      ? `Through tiny cuts, two thin hollow ${noun}s, one on each side, pass through a narrow part of the bone into the broken bone.`
      : `Through a tiny cut, a thin hollow ${noun} passes through a narrow part of the bone into the broken bone.`,
    clinicianDetail,
    camera: 'closeUp',
    targets: { needleDepth: 1, boneOpacity: 0.35, numbing: 0 },
    switches: { needleSides: needleSidesFor(bipedicular) },
  };
}

/** The instruments come out and the cuts are covered; the words agree with how many there are. */
export function instrumentOutStep({ id, noun, bipedicular, clinicianDetail }: InstrumentStepOptions): StepSpec {
  const out = bipedicular ? `The ${noun}s come out` : `The ${noun} comes out`;
  return {
    id,
    title: out,
    durationS: 5,
    caption: `${out}. ${bipedicular ? 'Small plasters cover the cuts' : 'A small plaster covers the cut'}. No stitches are needed.`,
    clinicianDetail,
    camera: 'closeUp',
    targets: { needleDepth: 0 },
  };
}
