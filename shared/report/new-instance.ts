/** Writing an instance SpineLab makes in a study (the SR, the encapsulated report PDF): its UIDs, first attributes and Part 10 bytes. */
import dcmjs from 'dcmjs';
import dicomParser from 'dicom-parser';
import { isAscii } from './ascii-text';
import type { StudyInfo } from './study-info';

type Dataset = Record<string, unknown>;

export const TRANSFER_SYNTAX_EXPLICIT_LITTLE = '1.2.840.10008.1.2.1';
/** SpineLab's implementation class (PS3.7 D.3.3.2), a UUID-derived UID (PS3.5 B.2). */
export const IMPLEMENTATION_CLASS_UID = '2.25.155500511274188535930137337316253138892';
export const IMPLEMENTATION_VERSION_NAME = 'SPINELAB_0_1';

/** "2.25." + the 128 random bits as a decimal integer (PS3.5 B.2). */
export function uuidDerivedUid(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // UUID version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  return `2.25.${bytes.reduce((n, b) => n * 256n + BigInt(b), 0n)}`;
}

/** DICOM DA and TM of a moment in UTC (each instance says so with Timezone Offset From UTC +0000). */
export const dicomDate = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');
export const dicomTime = (d: Date): string => d.toISOString().slice(11, 19).replace(/:/g, '');

/**
 * SOP Common (PS3.3 §C.12.1) with its creation time, then the Patient and General Study modules (§C.7.1.1,
 * §C.7.2.1) copied as the study's images carry them, so that a PACS files the new instance in that study.
 */
export function newInstanceInStudy(study: StudyInfo, sopClassUid: string, sopInstanceUid: string, now: Date): Dataset {
  return {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: dicomDate(now),
    InstanceCreationTime: dicomTime(now),
    TimezoneOffsetFromUTC: '+0000',
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate ?? '',
    PatientSex: study.patientSex ?? '',
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: study.studyTime ?? '',
    StudyID: study.studyId ?? '',
    AccessionNumber: study.accessionNumber ?? '',
    ReferringPhysicianName: study.referringPhysicianName ?? '',
    StudyDescription: study.studyDescription,
  };
}

/** Every string of a naturalised dataset, sequences included. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) return Object.values(value).flatMap(stringsOf);
  return [];
}

const LATIN_1 = /^[\x00-\xff]*$/;

/**
 * The Specific Character Set (0008,0005; PS3.3 C.12.1.1.2) the dataset's text needs, and the top-level
 * attributes to write in Latin-1. SpineLab's own text is ASCII (ascii-text.ts), so only the patient's and
 * study's attributes can need one. None while all is ASCII; ISO_IR 100 when those attributes fit Latin-1,
 * which, with ASCII, is all DCMTK's checker accepts (dsrdump warns on any other); else ISO_IR 192, UTF-8 as
 * dcmjs writes it, read correctly everywhere but unchecked by dsrdump.
 */
function characterSetOf(dataset: Dataset): { readonly term?: 'ISO_IR 100' | 'ISO_IR 192'; readonly latin1: readonly string[] } {
  const nonAscii = Object.keys(dataset).filter((key) => stringsOf(dataset[key]).some((s) => !isAscii(s)));
  if (nonAscii.length === 0) return { latin1: [] };
  const latin1 = nonAscii.every((key) => typeof dataset[key] === 'string' && LATIN_1.test(dataset[key] as string));
  return latin1 ? { term: 'ISO_IR 100', latin1: nonAscii } : { term: 'ISO_IR 192', latin1: [] };
}

/**
 * A naturalised dataset as a Part 10 file (PS3.10 §7.1) in Explicit VR Little Endian; DicomDict.write() needs
 * no Node Buffer. dcmjs writes text as UTF-8 only, so a Latin-1 attribute is written with its non-ASCII
 * characters held by "?" (one byte each, as in Latin-1) and its bytes then put in place.
 */
export function part10Bytes(dataset: Dataset, sopClassUid: string, sopInstanceUid: string): Uint8Array {
  const { term, latin1 } = characterSetOf(dataset);
  const placeholders = Object.fromEntries(latin1.map((key) => [key, (dataset[key] as string).replace(/[^\x00-\x7f]/g, '?')]));
  const bytes = writePart10({ ...dataset, ...(term ? { SpecificCharacterSet: term } : {}), ...placeholders }, sopClassUid, sopInstanceUid);
  if (latin1.length === 0) return bytes;
  const written = dicomParser.parseDicom(bytes);
  for (const key of latin1) {
    const [tag] = Object.keys(dcmjs.data.DicomMetaDictionary.denaturalizeDataset({ [key]: '' }));
    const element = written.elements[`x${tag.toLowerCase()}`];
    const value = dataset[key] as string;
    for (let i = 0; i < value.length; i++) bytes[element.dataOffset + i] = value.charCodeAt(i);
  }
  return bytes;
}

function writePart10(dataset: Dataset, sopClassUid: string, sopInstanceUid: string): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const dict = new DicomDict(
    DicomMetaDictionary.denaturalizeDataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: sopClassUid,
      MediaStorageSOPInstanceUID: sopInstanceUid,
      TransferSyntaxUID: TRANSFER_SYNTAX_EXPLICIT_LITTLE,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
    }),
  );
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
