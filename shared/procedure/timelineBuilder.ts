import type { Caption, Language } from '../i18n/phrasebook';
import type { AnimatedValues, CameraPreset, PatientSpineShape, Procedure, Step, StepSwitches, Timeline } from './types';

/** What one step changes; everything it does not name carries over from the step before. */
export interface StepSpec {
  id: string;
  words: Caption;
  /** Long enough for the step's motions; a long caption makes the step longer still (see readingSeconds). */
  durationS: number;
  clinicianDetail: string;
  camera: CameraPreset;
  /** Where the camera comes from; the step before's camera unless told. */
  cameraFrom?: CameraPreset;
  targets?: Partial<AnimatedValues>;
  switches?: Partial<StepSwitches>;
}

export function initialValues(shape: PatientSpineShape): AnimatedValues {
  return {
    proneBlend: 0,
    needleDepth: 0,
    balloonRadiusMm: 0,
    cavityRadiusMm: 0,
    cementFill: 0,
    cementSet: 0,
    anteriorMm: shape.heightsMm.anterior,
    middleMm: shape.heightsMm.middle,
    posteriorMm: shape.heightsMm.posterior,
    kyphosisDeg: shape.localKyphosisDeg,
    boneOpacity: 1,
    numbing: 0,
    screwDepth: 0,
    rodProgress: 0,
    fractureHighlight: 0,
  };
}

const INITIAL_SWITCHES: StepSwitches = {
  fluoroscopy: false,
  needleSides: [],
  balloonVisible: false,
  screwsVisible: false,
  rodsVisible: false,
};

/**
 * Reading pace for captions: 2.5 words a second (150 a minute). Subtitling guidance puts a
 * comfortable adult pace at 160–180 words a minute (BBC Subtitle Guidelines, 2019, §4.1) and asks
 * for slower text for older viewers; patients here are mostly older and may read in a second language.
 */
export const CAPTION_WORDS_PER_SECOND = 2.5;

/** A moment to look at the picture before and after reading. */
const LOOK_SECONDS = 1.5;

/** How long a caption takes to read at the reading pace, with a moment to look. */
export function readingSeconds(caption: string): number {
  return caption.split(/\s+/).filter(Boolean).length / CAPTION_WORDS_PER_SECOND + LOOK_SECONDS;
}

/** Lays the steps end to end and resolves each one's start and end states. */
export function assembleTimeline(
  procedure: Procedure,
  shape: PatientSpineShape,
  bipedicular: boolean,
  language: Language,
  specs: StepSpec[],
): Timeline {
  const steps: Step[] = [];
  let clock = 0;
  let values = initialValues(shape);
  let switches = INITIAL_SWITCHES;
  for (const spec of specs) {
    const to = { ...values, ...spec.targets };
    switches = { ...switches, ...spec.switches };
    const duration = Math.max(spec.durationS, readingSeconds(spec.words.caption));
    steps.push({
      id: spec.id,
      title: spec.words.title,
      start: clock,
      end: clock + duration,
      caption: spec.words.caption,
      clinicianDetail: spec.clinicianDetail,
      camera: spec.camera,
      cameraFrom: spec.cameraFrom ?? steps.at(-1)?.camera ?? spec.camera,
      from: values,
      to,
      switches,
    });
    clock += duration;
    values = to;
  }
  return { procedure, language, shape, bipedicular, duration: clock, steps };
}
