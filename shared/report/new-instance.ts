/** Writing an instance SpineLab makes in a study (the SR, the encapsulated report PDF): its UIDs, first attributes and Part 10 bytes. */
import dcmjs from 'dcmjs';
import type { StudyInfo } from './study-info';

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
export function newInstanceInStudy(study: StudyInfo, sopClassUid: string, sopInstanceUid: string, now: Date): Record<string, unknown> {
  return {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: 'ISO_IR 192',
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

/** A naturalised dataset as a Part 10 file (PS3.10 §7.1) in Explicit VR Little Endian; DicomDict.write() needs no Node Buffer. */
export function part10Bytes(dataset: Record<string, unknown>, sopClassUid: string, sopInstanceUid: string): Uint8Array {
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
