import type { Procedure } from '../procedure/types';

/** Languages the patient-facing text exists in. */
export type Language = 'en' | 'es';

/** A step's words for the patient: a short title and a plain-language caption. */
export interface Caption {
  title: string;
  caption: string;
}

/** Which wall of the vertebral body lost most height: anterior, middle or posterior (DOMAIN.md §1). */
export type BodyPart = 'front' | 'middle' | 'back';

/** A fracture as the words need it; `lossPercent` against the heights the bone should have. */
export interface FractureFacts {
  level: string;
  part: BodyPart;
  lossPercent: number;
}

/** A fracture measured on this patient's study: its height and the image it was measured on. */
export interface MeasuredFractureFacts extends FractureFacts {
  heightMm: number;
  /** The image the measurement was made on, e.g. "LAT SPINE, image 1". */
  where: string;
}

/** What the cannula or needle is called for the patient. */
export type InstrumentNoun = 'needle' | 'tube';

export type OptionKind = 'non-surgical' | 'procedure' | 'operation';

export interface TreatmentOptionWords {
  name: string;
  whatItIs: string;
  goodPoints: string[];
  downsides: string[];
}

/**
 * Every word the patient sees in the explainer, its handout and its video, for one language. Only
 * the `measured` wording may say "your": it is used only with a fracture measured on this study,
 * and it names the level and the image the measurement came from. Text for clinicians (the
 * clinician detail line and the controls) stays in English.
 */
export interface Phrasebook {
  language: Language;
  /** The language's own name, for the language picker. */
  languageName: string;
  /** Matches a claim that something belongs to the patient ("your", "yours"): never allowed in example wording. */
  possessive: RegExp;
  procedureName: Record<Procedure, string>;
  allOptions: string;
  spine: {
    measured(f: MeasuredFractureFacts): Caption;
    example(f: FractureFacts): Caption;
  };
  lyingProne: Caption;
  xrayGuidance: Caption;
  numbing: Caption;
  instrumentIn(noun: InstrumentNoun, bipedicular: boolean): Caption;
  instrumentOut(noun: InstrumentNoun, bipedicular: boolean): Caption;
  cementSets: Caption;
  vertebroplasty: { cement: Caption; expect: Caption };
  kyphoplasty: { balloonInflate(bipedicular: boolean): Caption; balloonOut: Caption; cement: Caption; expect: Caption };
  fusion: { asleep: Caption; screws: Caption; rods: Caption; expect: Caption };
  handout: {
    title(procedureName: string): string;
    boneMeasured(f: MeasuredFractureFacts): string;
    boneExample(f: FractureFacts): string;
    stepHeading(number: number, count: number, title: string): string;
    page(number: number, count: number): string;
  };
  screen: {
    liveXray: string;
    disclaimer: string;
    language: string;
    /** Said while the model of the patient's own CT is being built, and why the drawn model is shown instead. */
    ownModelBuilding(percent: number): string;
    ownModelShown(level: string): string;
    ownModelFallback(reason: OwnModelRefusal): string;
  };
  overview: {
    heading: string;
    lead: string;
    kinds: Record<OptionKind, string>;
    options: Record<TreatmentOptionId, TreatmentOptionWords>;
  };
}

export type TreatmentOptionId = 'rest' | 'pain-medicine' | 'bone-strengthening' | 'brace' | 'vertebroplasty' | 'kyphoplasty' | 'fusion';

/** Why a model of the patient's own CT could not be shown, in terms the words can explain. */
export type OwnModelRefusal = 'too-coarse' | 'level-not-covered' | 'segmentation-failed';
