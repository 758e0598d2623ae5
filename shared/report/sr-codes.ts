/**
 * The coded vocabulary of SpineLab's TID 1500 measurement reports, shared by the writer and the reader.
 * Standard codes where DICOM (PS3.16) or SNOMED CT has one; private codes (scheme 99SPINELAB, declared in
 * the Coding Scheme Identification Sequence) for morphometry concepts that have none.
 */
import type { ReaderGenantGrade, VertebralLevel } from '../measure/types';
import { GENANT_GRADE_NAMES } from '../measure/genant';

export interface Code {
  readonly CodeValue: string;
  readonly CodingSchemeDesignator: string;
  readonly CodeMeaning: string;
}

export const PRIVATE_SCHEME = '99SPINELAB';

const dcm = (value: string, meaning: string): Code => ({ CodeValue: value, CodingSchemeDesignator: 'DCM', CodeMeaning: meaning });
const sct = (value: string, meaning: string): Code => ({ CodeValue: value, CodingSchemeDesignator: 'SCT', CodeMeaning: meaning });
const ucum = (value: string, meaning: string): Code => ({ CodeValue: value, CodingSchemeDesignator: 'UCUM', CodeMeaning: meaning });
const own = (value: string, meaning: string): Code => ({ CodeValue: value, CodingSchemeDesignator: PRIVATE_SCHEME, CodeMeaning: meaning });

export const CODES = {
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  english: { CodeValue: 'en', CodingSchemeDesignator: 'RFC5646', CodeMeaning: 'English' },
  observerType: dcm('121005', 'Observer Type'),
  device: dcm('121007', 'Device'),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: sct('363679005', 'Imaging procedure'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  findingSite: sct('363698007', 'Finding Site'),
  finding: dcm('121071', 'Finding'),
  valueUnknown: dcm('114010', 'Value unknown'),
  cobbAngle: sct('285285000', 'Cobb angle'),
  length: sct('410668003', 'Length'),
  anteriorHeight: own('anterior-height', 'Anterior vertebral body height (Ha)'),
  middleHeight: own('middle-height', 'Middle vertebral body height (Hm)'),
  posteriorHeight: own('posterior-height', 'Posterior vertebral body height (Hp)'),
  anteriorLoss: own('anterior-height-loss', 'Anterior height loss'),
  middleLoss: own('middle-height-loss', 'Middle height loss'),
  lossReference: own('height-loss-reference', 'Height loss measured against'),
  wedgeAngle: own('vertebral-wedge-angle', 'Vertebral wedge angle'),
  localKyphosis: own('local-kyphotic-angle', 'Local kyphotic angle'),
  angle: own('angle', 'Angle'),
  calibrationLength: own('calibration-length', 'Known length used for calibration'),
  calibration: own('calibration', 'Where the millimetres come from'),
  suggestedGrade: own('genant-grade-suggested', 'Genant grade suggested by morphometry'),
  cobbLineFollows: own('cobb-line-endplate', 'Cobb line follows the endplate of'),
  angleLabel: own('angle-label', 'Angle between'),
  patientPosition: own('patient-position', 'Patient position'),
  reformattedPlane: own('reformatted-plane', 'Drawn on the reformatted plane'),
} as const;

export const UNITS = {
  mm: ucum('mm', 'millimeter'),
  deg: ucum('deg', 'degree'),
  percent: ucum('%', 'percent'),
  pixels: ucum('{pixels}', 'pixels'),
} as const;

/** SNOMED CT body structures of the vertebrae, as DICOM's anatomic code list uses them. */
const VERTEBRA_SCT: Readonly<Record<VertebralLevel, string>> = {
  T1: '64864005',
  T2: '53733008',
  T3: '1626008',
  T4: '73071006',
  T5: '56401006',
  T6: '45296009',
  T7: '62487009',
  T8: '11068009',
  T9: '82687006',
  T10: '7610001',
  T11: '12989004',
  T12: '23215003',
  L1: '66794005',
  L2: '14293000',
  L3: '36470004',
  L4: '11994002',
  L5: '49668003',
};

export function vertebraCode(level: VertebralLevel): Code {
  return sct(VERTEBRA_SCT[level], `${level} vertebra`);
}

export function levelOfVertebraCode(code: { CodeValue?: unknown; CodingSchemeDesignator?: unknown }): VertebralLevel | undefined {
  if (code.CodingSchemeDesignator !== 'SCT') return undefined;
  return (Object.keys(VERTEBRA_SCT) as VertebralLevel[]).find((level) => VERTEBRA_SCT[level] === code.CodeValue);
}

export function genantCode(grade: ReaderGenantGrade): Code {
  return own(`genant-${grade}`, `Genant grade ${grade} (${GENANT_GRADE_NAMES[grade]})`);
}

export function gradeOfGenantCode(code: { CodeValue?: unknown; CodingSchemeDesignator?: unknown }): ReaderGenantGrade | undefined {
  if (code.CodingSchemeDesignator !== PRIVATE_SCHEME || typeof code.CodeValue !== 'string') return undefined;
  const grade = Number(code.CodeValue.replace(/^genant-/, ''));
  return ([0, 0.5, 1, 2, 3] as const).find((g) => g === grade);
}

export function sameCode(a: { CodeValue?: unknown; CodingSchemeDesignator?: unknown } | undefined, b: Code): boolean {
  return a?.CodeValue === b.CodeValue && a?.CodingSchemeDesignator === b.CodingSchemeDesignator;
}

export const SOP_CLASS = {
  comprehensiveSr: '1.2.840.10008.5.1.4.1.1.88.33',
  /** Needed as soon as one SCOORD3D is present (PS3.3 A.35.13): measurements drawn on reformats. */
  comprehensive3dSr: '1.2.840.10008.5.1.4.1.1.88.34',
} as const;

