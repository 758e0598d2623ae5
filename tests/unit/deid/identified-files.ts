// Builds DICOM files in memory with every identifying attribute filled, a private block, an overlay
// plane and nested references: the worst case de-identification has to clean.
import dcmjs from 'dcmjs';
import type { DicomElements } from '../../../shared/deid/deidentify';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const DX_FOR_PRESENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.1.1';

/** Values that must not survive anywhere in a de-identified file. */
export const IDENTIFYING = {
  patientName: 'Doe^Jane^Q',
  patientId: 'MRN-4711-0815',
  birthDate: '19471103',
  studyDate: '20240115',
  institution: 'St Elsewhere General',
  referringPhysician: 'House^Gregory',
  privateText: 'PRIVATE-CARD-9931',
  overlayComment: 'BED 12 WARD B',
};

export const STUDY_UID = '1.2.826.0.1.3680043.8.498.10000000000000000001';
export const SERIES_UID = '1.2.826.0.1.3680043.8.498.10000000000000000002';
export const FRAME_OF_REFERENCE_UID = '1.2.826.0.1.3680043.8.498.10000000000000000003';

/** Attribute keyword → original value, for the identifying attributes listed in the brief. */
export const IDENTIFYING_ATTRIBUTES: Record<string, string | number> = {
  PatientName: IDENTIFYING.patientName,
  PatientID: IDENTIFYING.patientId,
  PatientBirthDate: IDENTIFYING.birthDate,
  PatientSex: 'F',
  PatientAge: '076Y',
  PatientSize: 1.62,
  PatientWeight: 58,
  OtherPatientIDs: 'OLD-MRN-1234',
  OtherPatientNames: 'Roe^Jane',
  PatientAddress: '12 Harbour Road, Portsmouth',
  PatientComments: 'Lives alone, daughter Anna',
  PatientTelephoneNumbers: '555-0199',
  InstitutionName: IDENTIFYING.institution,
  InstitutionAddress: '1 Hospital Way',
  InstitutionalDepartmentName: 'Radiology East',
  ReferringPhysicianName: IDENTIFYING.referringPhysician,
  PerformingPhysicianName: 'Cuddy^Lisa',
  PhysiciansOfRecord: 'Wilson^James',
  NameOfPhysiciansReadingStudy: 'Foreman^Eric',
  OperatorsName: 'Chase^Robert',
  RequestingPhysician: 'Cameron^Allison',
  AccessionNumber: 'ACC-20240115-77',
  StudyID: 'STUDY-77',
  StudyDate: IDENTIFYING.studyDate,
  StudyTime: '101112',
  SeriesDate: IDENTIFYING.studyDate,
  SeriesTime: '101213',
  AcquisitionDate: IDENTIFYING.studyDate,
  AcquisitionTime: '101314',
  ContentDate: IDENTIFYING.studyDate,
  ContentTime: '101415',
  InstanceCreationDate: IDENTIFYING.studyDate,
  DeviceSerialNumber: 'SN-98765',
  StationName: 'CTSCAN-ROOM3',
  StudyDescription: 'Spine Jane Doe follow-up',
  SeriesDescription: 'Sagittal recon for Doe',
  ImageComments: 'Patient Jane Doe fell at home',
  ProtocolName: 'SPINE Doe special',
};

/** Geometry and image attributes that must survive unchanged. */
const GEOMETRY = {
  ImageOrientationPatient: [0, 1, 0, 0, 0, -1],
  PixelSpacing: [0.7, 0.7],
  SliceThickness: 1.25,
  Rows: 4,
  Columns: 4,
  SamplesPerPixel: 1,
  PhotometricInterpretation: 'MONOCHROME2',
  BitsAllocated: 16,
  BitsStored: 12,
  HighBit: 11,
  PixelRepresentation: 0,
};

export interface FileSpec {
  sopClassUid: string;
  sopInstanceUid: string;
  modality: string;
  /** Slice position along x, so that two files of one series differ. */
  position: number;
  referencedSopInstanceUid?: string;
  burnedInAnnotation?: 'YES' | 'NO';
  extra?: Record<string, unknown>;
}

export function pixelsFor(position: number): Uint16Array {
  return Uint16Array.from({ length: 16 }, (_, i) => (i * 97 + position * 13) & 0x0fff);
}

export function buildIdentifiedFile(spec: FileSpec): ArrayBuffer {
  const natural: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: spec.sopClassUid,
    SOPInstanceUID: spec.sopInstanceUid,
    Modality: spec.modality,
    StudyInstanceUID: STUDY_UID,
    SeriesInstanceUID: SERIES_UID,
    FrameOfReferenceUID: FRAME_OF_REFERENCE_UID,
    ImagePositionPatient: [spec.position, -120.5, 88.25],
    ...IDENTIFYING_ATTRIBUTES,
    ...GEOMETRY,
    ...(spec.burnedInAnnotation ? { BurnedInAnnotation: spec.burnedInAnnotation } : {}),
    ...(spec.referencedSopInstanceUid
      ? { ReferencedImageSequence: [{ ReferencedSOPClassUID: spec.sopClassUid, ReferencedSOPInstanceUID: spec.referencedSopInstanceUid }] }
      : {}),
    RequestAttributesSequence: [{ RequestedProcedureID: 'RP-555', ScheduledProcedureStepID: 'SPS-556' }],
    ...spec.extra,
  };
  const elements = DicomMetaDictionary.denaturalizeDataset(natural) as DicomElements;

  // A private block with identifying text, at the top level and inside a kept sequence item.
  elements['00090010'] = { vr: 'LO', Value: ['ACME MEDICAL'] };
  elements['00091001'] = { vr: 'LO', Value: [IDENTIFYING.privateText] };
  const referenced = elements['00081140']?.Value?.[0] as DicomElements | undefined;
  if (referenced) {
    referenced['00190010'] = { vr: 'LO', Value: ['ACME MEDICAL'] };
    referenced['00191001'] = { vr: 'LO', Value: [IDENTIFYING.privateText] };
  }

  // An overlay plane whose comment names the ward.
  elements['60000010'] = { vr: 'US', Value: [4] };
  elements['60000011'] = { vr: 'US', Value: [4] };
  elements['60000040'] = { vr: 'CS', Value: ['G'] };
  elements['60000050'] = { vr: 'SS', Value: [1, 1] };
  elements['60000100'] = { vr: 'US', Value: [1] };
  elements['60000102'] = { vr: 'US', Value: [0] };
  elements['60003000'] = { vr: 'OW', Value: [new Uint8Array([0xff, 0x00, 0xff, 0x00]).buffer] };
  elements['60004000'] = { vr: 'LT', Value: [IDENTIFYING.overlayComment] };

  elements['7FE00010'] = { vr: 'OW', Value: [pixelsFor(spec.position).buffer] };

  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: spec.sopClassUid,
    MediaStorageSOPInstanceUID: spec.sopInstanceUid,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '1.2.826.0.1.3680043.8.498.1',
    SourceApplicationEntityTitle: 'ELSEWHERE_PACS',
  });
  const dict = new DicomDict(meta);
  dict.dict = elements;
  return dict.write();
}

export function buildCtFile(sopInstanceUid: string, position: number, referencedSopInstanceUid?: string): ArrayBuffer {
  return buildIdentifiedFile({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid, modality: 'CT', position, referencedSopInstanceUid });
}

export function buildDxFile(sopInstanceUid: string, burnedInAnnotation?: 'YES' | 'NO'): ArrayBuffer {
  return buildIdentifiedFile({
    sopClassUid: DX_FOR_PRESENTATION_STORAGE,
    sopInstanceUid,
    modality: 'DX',
    position: 0,
    burnedInAnnotation,
    extra: { ImagerPixelSpacing: [0.15, 0.15], EstimatedRadiographicMagnificationFactor: 1.12 },
  });
}
