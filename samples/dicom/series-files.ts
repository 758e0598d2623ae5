import { ctOrigin, ctSliceZ, type CtGeometry, type CtSlice } from '../modalities/ct';
import type { MrGeometry, MrSeriesImages, MrWeighting } from '../modalities/mr';
import type { Radiograph, RadiographGeometry } from '../modalities/radiograph';
import { commonAttributes, pixelAttributes, planeAttributes, roundDs, SOP_CLASS, type SeriesAttributes, type StudyAttributes } from './image-datasets';
import { writePart10, type NaturalDataset } from './part10-writer';
import { deterministicUid } from './uid';

/** One DICOM file of a series: its name inside the series folder and its bytes. */
export interface DicomFile {
  readonly name: string;
  readonly sopInstanceUid: string;
  readonly bytes: Uint8Array;
}

const fileName = (instanceNumber: number): string => `IM${String(instanceNumber).padStart(4, '0')}.dcm`;
const instanceUid = (seed: number, series: SeriesAttributes, instanceNumber: number): string => deterministicUid(seed, `${series.seriesInstanceUid}/instance/${instanceNumber}`);

const AXIAL = [1, 0, 0, 0, 1, 0];
/** Rows go posterior (+y), columns go inferior (−z): anterior on the viewer's left. */
export const SAGITTAL = [0, 1, 0, 0, 0, -1];

/** CT: stored value = HU + 1024 (unsigned), RescaleIntercept −1024, RescaleSlope 1. */
export function ctSeriesFiles(seed: number, study: StudyAttributes, series: SeriesAttributes, geometry: CtGeometry, slices: readonly CtSlice[]): DicomFile[] {
  const origin = ctOrigin(geometry);
  return slices.map((slice, index) => {
    const instanceNumber = index + 1;
    const sopInstanceUid = instanceUid(seed, series, instanceNumber);
    const z = ctSliceZ(geometry, index);
    const dataset = {
      ...commonAttributes(study, series, SOP_CLASS.ct, sopInstanceUid, instanceNumber),
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      ...planeAttributes(series, [origin.x, origin.y, z], AXIAL, geometry.pixelMm, geometry.sliceMm, geometry.sliceMm, z),
      ...pixelAttributes({ rows: geometry.rows, columns: geometry.columns, photometric: 'MONOCHROME2', windowCenter: [400, 40], windowWidth: [1800, 400], windowExplanation: ['BONE', 'SOFT TISSUE'] }),
      KVP: 120,
      ConvolutionKernel: 'BONE',
      DataCollectionDiameter: 500,
      ReconstructionDiameter: roundDs(geometry.columns * geometry.pixelMm),
      RescaleIntercept: -1024,
      RescaleSlope: 1,
      RescaleType: 'HU',
    };
    const stored = new Uint16Array(slice.hu.length);
    for (let i = 0; i < stored.length; i++) stored[i] = Math.round(slice.hu[i]) + 1024;
    return { name: fileName(instanceNumber), sopInstanceUid, bytes: writePart10(dataset, stored) };
  });
}

const MR_PROTOCOL: Readonly<Record<MrWeighting, NaturalDataset>> = {
  t1: { ScanningSequence: 'SE', SequenceVariant: 'SK', SequenceName: '*tse2d1_3', RepetitionTime: 550, EchoTime: 10, EchoTrainLength: 3, FlipAngle: 150 },
  t2: { ScanningSequence: 'SE', SequenceVariant: 'SK', SequenceName: '*tse2d1_17', RepetitionTime: 3500, EchoTime: 100, EchoTrainLength: 17, FlipAngle: 150 },
  // STIR: an inversion time of ~150 ms at 1.5 T nulls fat (DOMAIN.md §4).
  stir: { ScanningSequence: ['IR', 'SE'], SequenceVariant: ['SK', 'MP'], SequenceName: '*tir2d1_13', RepetitionTime: 4000, EchoTime: 60, InversionTime: 150, EchoTrainLength: 13, FlipAngle: 150 },
};

export function mrSeriesFiles(seed: number, study: StudyAttributes, series: SeriesAttributes, geometry: MrGeometry, weighting: MrWeighting, images: MrSeriesImages): DicomFile[] {
  return images.slices.map((slice, index) => {
    const instanceNumber = index + 1;
    const sopInstanceUid = instanceUid(seed, series, instanceNumber);
    // Slice location: position along the slice normal (row × column = −x), i.e. towards patient right.
    const dataset = {
      ...commonAttributes(study, series, SOP_CLASS.mr, sopInstanceUid, instanceNumber),
      ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'NONE'],
      ...planeAttributes(series, slice.position, SAGITTAL, geometry.pixelMm, geometry.sliceThicknessMm, geometry.sliceSpacingMm, -slice.position[0]),
      ...pixelAttributes({ rows: geometry.rows, columns: geometry.columns, photometric: 'MONOCHROME2', windowCenter: images.windowCenter, windowWidth: images.windowWidth, windowExplanation: 'SPINE' }),
      ScanOptions: '',
      MRAcquisitionType: '2D',
      ...MR_PROTOCOL[weighting],
      NumberOfAverages: 2,
      ImagingFrequency: 63.87,
      ImagedNucleus: '1H',
      MagneticFieldStrength: 1.5,
      ReceiveCoilName: 'SPINE',
      AcquisitionMatrix: [0, geometry.columns, geometry.rows, 0],
      InPlanePhaseEncodingDirection: 'ROW',
      PercentSampling: 100,
      PercentPhaseFieldOfView: 100,
    };
    return { name: fileName(instanceNumber), sopInstanceUid, bytes: writePart10(dataset, slice.pixels) };
  });
}

export interface RadiographOptions {
  readonly photometric: 'MONOCHROME1' | 'MONOCHROME2';
}

/**
 * DX For Presentation. MONOCHROME1 stores inverted values (bone dark in the stored data) that the
 * viewer inverts back, so the image looks the same; the window is inverted with the data.
 */
export function radiographFile(seed: number, study: StudyAttributes, series: SeriesAttributes, geometry: RadiographGeometry, image: Radiograph, options: RadiographOptions): DicomFile {
  const sopInstanceUid = instanceUid(seed, series, 1);
  const inverted = options.photometric === 'MONOCHROME1';
  const stored = inverted ? image.pixels.map((value) => 4095 - value) : image.pixels;
  const dataset = {
    ...commonAttributes(study, series, SOP_CLASS.dx, sopInstanceUid, 1),
    ...pixelAttributes({
      rows: geometry.rows,
      columns: geometry.columns,
      photometric: options.photometric,
      windowCenter: inverted ? 4095 - image.windowCenter : image.windowCenter,
      windowWidth: image.windowWidth,
      windowExplanation: 'SPINE',
    }),
    PresentationIntentType: 'FOR PRESENTATION',
    PixelIntensityRelationship: 'LOG',
    // PS3.3 C.8.11.3: +1 when lower stored values mean less X-ray intensity (bone low: MONOCHROME1).
    PixelIntensityRelationshipSign: inverted ? 1 : -1,
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    PresentationLUTShape: inverted ? 'INVERSE' : 'IDENTITY',
    DetectorType: 'SCINTILLATOR',
    ImagerPixelSpacing: [geometry.imagerPixelMm, geometry.imagerPixelMm],
    DistanceSourceToDetector: geometry.sourceToDetectorMm,
    DistanceSourceToPatient: roundDs(geometry.sourceToDetectorMm / geometry.magnification),
    EstimatedRadiographicMagnificationFactor: geometry.magnification,
    ViewPosition: 'LL',
    PatientOrientation: ['P', 'F'],
    ImageLaterality: 'U',
    KVP: 85,
    ExposureTime: 200,
    XRayTubeCurrent: 320,
    Exposure: 64,
    FocalSpots: 1.2,
    Grid: 'FOCUSED',
    PositionerType: 'NONE',
  };
  return { name: fileName(1), sopInstanceUid, bytes: writePart10(dataset, stored) };
}
