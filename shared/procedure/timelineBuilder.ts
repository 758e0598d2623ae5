import type { AnimatedValues, CameraPreset, PatientSpineShape, Procedure, Step, StepSwitches, Timeline } from './types';

/** What one step changes; everything it does not name carries over from the step before. */
export interface StepSpec {
  id: string;
  title: string;
  durationS: number;
  caption: string;
  clinicianDetail: string;
  camera: CameraPreset;
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

/** Lays the steps end to end and resolves each one's start and end states. */
export function assembleTimeline(
  procedure: Procedure,
  shape: PatientSpineShape,
  bipedicular: boolean,
  specs: StepSpec[],
): Timeline {
  const steps: Step[] = [];
  let clock = 0;
  let values = initialValues(shape);
  let switches = INITIAL_SWITCHES;
  for (const spec of specs) {
    const to = { ...values, ...spec.targets };
    switches = { ...switches, ...spec.switches };
    steps.push({
      id: spec.id,
      title: spec.title,
      start: clock,
      end: clock + spec.durationS,
      caption: spec.caption,
      clinicianDetail: spec.clinicianDetail,
      camera: spec.camera,
      from: values,
      to,
      switches,
    });
    clock += spec.durationS;
    values = to;
  }
  return { procedure, shape, bipedicular, duration: clock, steps };
}
