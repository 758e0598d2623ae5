/**
 * Data types of the procedure explainer. Everything here is plain data so that timelines can be
 * built, inspected and tested without a renderer.
 */

import type { Language } from '../i18n/phrasebook';
import type { VertebralLevel } from '../measure/types';

/** Vertebral levels the explainer can draw: the thoracic and lumbar levels the measurements name. */
export type SpineLevel = VertebralLevel;

export interface VertebralHeightsMm {
  anterior: number;
  middle: number;
  posterior: number;
}

/** The patient's fractured vertebra as measured on their study, or as chosen by hand. */
export interface PatientSpineShape {
  fracturedLevel: SpineLevel;
  heightsMm: VertebralHeightsMm;
  /** The heights this vertebra would have without the fracture (neighbours or own posterior wall). */
  normalHeightsMm: VertebralHeightsMm;
  /** Local kyphosis, superior endplate above to inferior endplate below; kyphosis positive. */
  localKyphosisDeg: number;
  /** Only a measured shape may be described to the patient as theirs. */
  source: 'measured' | 'manual';
  /** The image a measured shape was measured on, e.g. "LAT SPINE, image 1": named whenever the shape is called the patient's. */
  measuredOn?: string;
}

export type Procedure = 'vertebroplasty' | 'kyphoplasty' | 'fusion';

export type CameraPreset = 'side' | 'back' | 'oblique' | 'closeUp';

export type NeedleSide = 'left' | 'right';

/**
 * Every quantity that moves. Inside a step each one eases from its value at the step's start to its
 * value at the step's end, so the scene at time t is a pure function of t.
 */
export interface AnimatedValues {
  /** 0 = standing model, 1 = lying on the tummy with the back up. */
  proneBlend: number;
  /** 0 = needle tip at the skin, 1 = tip in the anterior third of the vertebral body. */
  needleDepth: number;
  balloonRadiusMm: number;
  /** Radius of the space the balloon leaves in the bone. */
  cavityRadiusMm: number;
  /** Fraction of the planned cement volume injected. */
  cementFill: number;
  /** 0 = liquid cement, 1 = hardened. */
  cementSet: number;
  anteriorMm: number;
  middleMm: number;
  posteriorMm: number;
  kyphosisDeg: number;
  /** Opacity of the bone the step works inside (the broken one, or fusion's screwed ones): lowered where the instruments inside must be seen. */
  boneOpacity: number;
  /** Glow of the numbed skin at the entry points. */
  numbing: number;
  /** Pedicle screws: 0 = at the bone surface, 1 = fully inserted. */
  screwDepth: number;
  /** Rods: 0 = not placed, 1 = joining all screws. */
  rodProgress: number;
  /** Emphasis of the fractured vertebra (0..1). */
  fractureHighlight: number;
}

/** States that switch at the start of a step rather than easing. */
export interface StepSwitches {
  fluoroscopy: boolean;
  needleSides: NeedleSide[];
  balloonVisible: boolean;
  screwsVisible: boolean;
  rodsVisible: boolean;
}

export interface Step {
  id: string;
  title: string;
  /** Seconds from the start of the timeline. */
  start: number;
  end: number;
  /** Plain language for the patient: short sentences, everyday words. */
  caption: string;
  /** An optional line for the clinician or an interested patient. */
  clinicianDetail: string;
  camera: CameraPreset;
  /** The camera moves from this preset to `camera` at the start of the step. */
  cameraFrom: CameraPreset;
  from: AnimatedValues;
  to: AnimatedValues;
  switches: StepSwitches;
}

export interface Timeline {
  procedure: Procedure;
  language: Language;
  shape: PatientSpineShape;
  bipedicular: boolean;
  duration: number;
  steps: Step[];
}

export interface TimelineOptions {
  /** Needles through both pedicles; defaults to true for kyphoplasty, false for vertebroplasty. */
  bipedicular?: boolean;
  /** The language of the titles and captions; English unless told. */
  language?: Language;
}

export interface NeedleState {
  side: NeedleSide;
  depth: number;
}

/** The whole scene at one instant, as plain data for the renderer and for tests. */
export interface SceneState {
  procedure: Procedure;
  t: number;
  stepIndex: number;
  stepId: string;
  stepTitle: string;
  /** 0..1 through the current step. */
  stepProgress: number;
  caption: string;
  clinicianDetail: string;
  camera: { from: CameraPreset; to: CameraPreset; blend: number };
  fluoroscopy: boolean;
  proneBlend: number;
  needles: NeedleState[];
  /** Sides where needles go in during this procedure, for marking the skin before they appear. */
  entrySides: NeedleSide[];
  balloon: { visible: boolean; radiusMm: number };
  cavityRadiusMm: number;
  cementFill: number;
  cementSet: number;
  vertebraHeightsMm: VertebralHeightsMm;
  kyphosisDeg: number;
  boneOpacity: number;
  numbing: number;
  screws: { visible: boolean; depth: number };
  rods: { visible: boolean; progress: number };
  fractureHighlight: number;
}
