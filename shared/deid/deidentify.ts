import dcmjs from 'dcmjs';
import { burnedInAnnotationWarning } from './burned-in-annotation';
import { actionFor } from './confidentiality-profile';
import { isRemovedWithItsGroup } from './removal-groups';
import type { UidMapper } from './uid-mapper';

/** One attribute as dcmjs reads and writes it (the DICOM JSON model, PS3.18 F.2). */
export interface DicomElement {
  vr: string;
  Value?: unknown[];
}

/** Attributes keyed by tag as eight upper-case hexadecimal digits, e.g. "00100010". */
export type DicomElements = Record<string, DicomElement>;

export interface DeidentifyOptions {
  uidMap: UidMapper;
  /** Written as Patient's Name and Patient ID; the same pseudonym for every file of one patient. */
  patientPseudonym: string;
  /**
   * Keep study, series, acquisition and content dates and times (Retain Longitudinal Temporal
   * Information With Full Dates Option, PS3.15 E.3.6). Off by default: dates can identify.
   */
  keepDates?: boolean;
}

export interface DeidentifiedInstance {
  bytes: ArrayBuffer;
  /** Things the user must check by eye, in plain words (for example burned-in text). */
  warnings: string[];
  /** The replacement SOP Instance UID, for naming the file and keying annotations. */
  sopInstanceUid: string;
}

const TAG = {
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  modality: '00080060',
  codeValue: '00080100',
  codingSchemeDesignator: '00080102',
  codeMeaning: '00080104',
  patientIdentityRemoved: '00120062',
  deidentificationMethod: '00120063',
  deidentificationMethodCodeSequence: '00120064',
  burnedInAnnotation: '00280301',
  longitudinalTemporalInformationModified: '00280303',
  fileMetaInformationVersion: '00020001',
  mediaStorageSopClassUid: '00020002',
  mediaStorageSopInstanceUid: '00020003',
  transferSyntaxUid: '00020010',
  implementationClassUid: '00020012',
  implementationVersionName: '00020013',
} as const;

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

/** SpineLab's Implementation Class UID (PS3.7 D.3.3.2), made once from a UUID under 2.25 (PS3.5 B.2). */
const IMPLEMENTATION_CLASS_UID = '2.25.299332285183300765030003154911689876993';
const IMPLEMENTATION_VERSION_NAME = 'SPINELAB';

/** Codes of PS3.16 CID 7050 "De-identification Method". */
const BASIC_PROFILE_CODE = { value: '113100', meaning: 'Basic Application Confidentiality Profile' };
const FULL_DATES_OPTION_CODE = { value: '113106', meaning: 'Retain Longitudinal Temporal Information Full Dates Option' };

/** LO holds at most 64 characters and no backslash (PS3.5 6.2); PN and LO forbid control characters. */
const PSEUDONYM_PATTERN = /^[^\\\p{Cc}]{1,64}$/u;

export function assertValidPseudonym(pseudonym: string): void {
  if (!PSEUDONYM_PATTERN.test(pseudonym)) {
    throw new RangeError('The patient pseudonym must be 1 to 64 characters with no backslash or control characters.');
  }
}

interface CleaningContext {
  uidMap: UidMapper;
  patientPseudonym: string;
  keepDates: boolean;
}

const firstString = (element: DicomElement | undefined): string | undefined => {
  const value = element?.Value?.[0];
  return typeof value === 'string' ? value : undefined;
};

function replaceUids(element: DicomElement, uidMap: UidMapper): DicomElement {
  return { vr: element.vr, Value: (element.Value ?? []).map((v) => (typeof v === 'string' && v !== '' ? uidMap.map(v) : v)) };
}

function pseudonymElement(element: DicomElement, pseudonym: string): DicomElement {
  return { vr: element.vr, Value: [element.vr === 'PN' ? { Alphabetic: pseudonym } : pseudonym] };
}

/**
 * Applies the profile to one data set and, recursively, to every item of every sequence it keeps:
 * Table E.1-1 actions apply wherever the attribute occurs, nested or not (PS3.15 E.1.1).
 */
function cleanDataSet(elements: DicomElements, context: CleaningContext): DicomElements {
  const cleaned: DicomElements = {};
  for (const [tag, element] of Object.entries(elements)) {
    if (isRemovedWithItsGroup(tag)) continue;
    // dcmjs gives an attribute the dictionary's VR even when the file says UN (PS3.5 6.2.2); what stays
    // UN is unknown to the dictionary or an undecodable sequence whose contents cannot be checked.
    if (element.vr === 'UN') continue;
    const action = actionFor(tag, context);
    if (action === 'X') continue;
    if (action === 'Z') {
      cleaned[tag] = { vr: element.vr, Value: [] };
    } else if (action === 'D') {
      cleaned[tag] = pseudonymElement(element, context.patientPseudonym);
    } else if (element.vr === 'SQ') {
      const items = (element.Value ?? []) as DicomElements[];
      cleaned[tag] = { vr: 'SQ', Value: items.map((item) => cleanDataSet(item, context)) };
    } else {
      cleaned[tag] = action === 'U' ? replaceUids(element, context.uidMap) : element;
    }
  }
  return cleaned;
}

const codeItem = (code: { value: string; meaning: string }): DicomElements => ({
  [TAG.codeValue]: { vr: 'SH', Value: [code.value] },
  [TAG.codingSchemeDesignator]: { vr: 'SH', Value: ['DCM'] },
  [TAG.codeMeaning]: { vr: 'LO', Value: [code.meaning] },
});

/** Records what was done, as PS3.15 E.1.1 asks (Patient Identity Removed and the method used). */
function recordDeidentification(cleaned: DicomElements, keepDates: boolean): void {
  const codes = keepDates ? [BASIC_PROFILE_CODE, FULL_DATES_OPTION_CODE] : [BASIC_PROFILE_CODE];
  cleaned[TAG.patientIdentityRemoved] = { vr: 'CS', Value: ['YES'] };
  cleaned[TAG.deidentificationMethod] = { vr: 'LO', Value: [`SpineLab: ${codes.map((c) => c.meaning).join(', ')}`] };
  cleaned[TAG.deidentificationMethodCodeSequence] = { vr: 'SQ', Value: codes.map(codeItem) };
  cleaned[TAG.longitudinalTemporalInformationModified] = { vr: 'CS', Value: [keepDates ? 'UNMODIFIED' : 'REMOVED'] };
}

/**
 * A new file meta group: only what PS3.10 7.1 requires, so that source and sending AE titles and
 * private meta information of the original writer do not travel with the file.
 */
function fileMeta(sopClassUid: string, sopInstanceUid: string, transferSyntaxUid: string): DicomElements {
  return {
    [TAG.fileMetaInformationVersion]: { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    [TAG.mediaStorageSopClassUid]: { vr: 'UI', Value: [sopClassUid] },
    [TAG.mediaStorageSopInstanceUid]: { vr: 'UI', Value: [sopInstanceUid] },
    [TAG.transferSyntaxUid]: { vr: 'UI', Value: [transferSyntaxUid] },
    [TAG.implementationClassUid]: { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
    [TAG.implementationVersionName]: { vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME] },
  };
}

function readDicom(bytes: ArrayBuffer): { meta: DicomElements; dict: DicomElements } {
  try {
    const { meta, dict } = dcmjs.data.DicomMessage.readFile(bytes);
    return { meta: meta as DicomElements, dict: dict as DicomElements };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(`The file cannot be read as DICOM, so it was not de-identified (${detail}).`);
  }
}

/**
 * De-identifies one DICOM file with the Basic Application Level Confidentiality Profile (PS3.15
 * Annex E): identifying attributes are emptied, removed or replaced, UIDs are replaced through the
 * mapper, private and overlay groups are removed, and geometry and pixel data are left untouched.
 */
export function deidentify(bytes: ArrayBuffer, options: DeidentifyOptions): DeidentifiedInstance {
  assertValidPseudonym(options.patientPseudonym);
  const keepDates = options.keepDates ?? false;
  const source = readDicom(bytes);
  const warnings: string[] = [];

  const burnedIn = burnedInAnnotationWarning({
    burnedInAnnotation: firstString(source.dict[TAG.burnedInAnnotation]),
    modality: firstString(source.dict[TAG.modality]),
    sopClassUid: firstString(source.dict[TAG.sopClassUid]),
  });
  if (burnedIn) warnings.push(burnedIn);

  const cleaned = cleanDataSet(source.dict, { uidMap: options.uidMap, patientPseudonym: options.patientPseudonym, keepDates });
  recordDeidentification(cleaned, keepDates);

  const sopInstanceUid = firstString(cleaned[TAG.sopInstanceUid]);
  const sopClassUid = firstString(cleaned[TAG.sopClassUid]) ?? firstString(source.meta[TAG.mediaStorageSopClassUid]);
  if (!sopInstanceUid || !sopClassUid) {
    throw new Error('The file has no SOP Class or SOP Instance UID, so it is not a DICOM object that can be shared.');
  }

  // dcmjs reads a deflated data set but writes it uncompressed; say so in the meta group.
  let transferSyntaxUid = firstString(source.meta[TAG.transferSyntaxUid]) ?? EXPLICIT_VR_LITTLE_ENDIAN;
  if (transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN;

  const output = new dcmjs.data.DicomDict(fileMeta(sopClassUid, sopInstanceUid, transferSyntaxUid));
  output.dict = cleaned;
  // Values kept from the source are written as the source had them: some writers exceed a VR's length
  // (a DS of 17+ characters, such as "-5.3999999999999995"), and refusing those would drop the image.
  return { bytes: output.write({ allowInvalidVRLength: true }), warnings, sopInstanceUid };
}
