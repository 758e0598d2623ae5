import type { NaturalDataset } from './part10-writer';

/**
 * DICOM attributes of the sample images, module by module (PS3.3): Patient, General Study, General
 * Series, Frame of Reference, General Equipment, General Image, Image Plane, Image Pixel and the
 * modality modules (CT Image, MR Image, DX Image/Detector/Positioning).
 */
export const SOP_CLASS = {
  ct: '1.2.840.10008.5.1.4.1.1.2', // CT Image Storage
  mr: '1.2.840.10008.5.1.4.1.1.4', // MR Image Storage
  dx: '1.2.840.10008.5.1.4.1.1.1.1', // Digital X-Ray Image Storage – For Presentation
} as const;

export interface StudyAttributes {
  readonly patientName: string;
  readonly patientId: string;
  readonly patientSex: 'F' | 'M';
  readonly patientBirthDate: string;
  readonly patientAge: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyId: string;
  readonly accessionNumber: string;
  readonly studyDescription: string;
}

export interface SeriesAttributes {
  readonly modality: 'CT' | 'MR' | 'DX';
  readonly seriesInstanceUid: string;
  readonly seriesNumber: number;
  readonly seriesDescription: string;
  readonly frameOfReferenceUid: string;
}

export interface GreyscalePixels {
  readonly rows: number;
  readonly columns: number;
  readonly photometric: 'MONOCHROME1' | 'MONOCHROME2';
  readonly windowCenter: number | number[];
  readonly windowWidth: number | number[];
  readonly windowExplanation: string | string[];
}

export function commonAttributes(study: StudyAttributes, series: SeriesAttributes, sopClassUid: string, sopInstanceUid: string, instanceNumber: number): NaturalDataset {
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY'],
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: study.studyDate,
    SeriesDate: study.studyDate,
    ContentDate: study.studyDate,
    StudyTime: study.studyTime,
    SeriesTime: study.studyTime,
    ContentTime: study.studyTime,
    AccessionNumber: study.accessionNumber,
    Modality: series.modality,
    Manufacturer: 'SpineLab',
    InstitutionName: 'SpineLab synthetic teaching cases',
    ReferringPhysicianName: '',
    StudyDescription: study.studyDescription,
    SeriesDescription: series.seriesDescription,
    ManufacturerModelName: 'Analytic spine phantom',
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: study.patientSex,
    PatientAge: study.patientAge,
    BodyPartExamined: 'TLSPINE',
    StudyInstanceUID: study.studyInstanceUid,
    SeriesInstanceUID: series.seriesInstanceUid,
    StudyID: study.studyId,
    SeriesNumber: series.seriesNumber,
    AcquisitionNumber: 1,
    InstanceNumber: instanceNumber,
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
  };
}

/** Image Pixel module for 16-bit allocated, 12-bit stored unsigned greyscale, plus its VOI window. */
export function pixelAttributes(pixels: GreyscalePixels): NaturalDataset {
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: pixels.photometric,
    Rows: pixels.rows,
    Columns: pixels.columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: pixels.windowCenter,
    WindowWidth: pixels.windowWidth,
    WindowCenterWidthExplanation: pixels.windowExplanation,
  };
}

/** Image Plane module and Frame of Reference for cross-sectional images (CT, MR). */
export function planeAttributes(series: SeriesAttributes, position: readonly number[], orientation: readonly number[], pixelMm: number, sliceThicknessMm: number, sliceSpacingMm: number, sliceLocation: number): NaturalDataset {
  return {
    FrameOfReferenceUID: series.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    PatientPosition: 'HFS',
    ImagePositionPatient: position.map(roundDs),
    ImageOrientationPatient: [...orientation],
    PixelSpacing: [pixelMm, pixelMm],
    SliceThickness: sliceThicknessMm,
    SpacingBetweenSlices: sliceSpacingMm,
    SliceLocation: roundDs(sliceLocation),
  };
}

/** Decimal strings hold at most 16 characters: keep positions to micrometres. */
export function roundDs(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? 0 : rounded;
}
