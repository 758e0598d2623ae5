/** The attributes every instance SpineLab makes in a study starts with: the SR and the encapsulated report PDF. */
import type { StudyInfo } from './study-info';

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
