import type { DataSet } from 'dicom-parser';
import type { PixelSpacing } from '../calibration';
import { chooseSpacing } from './calibration';

export type Vec3 = [number, number, number];
export type Orientation = [number, number, number, number, number, number];

/** Geometry of one frame of an enhanced multi-frame image (PS3.3 C.7.6.16, per-frame functional groups). */
export interface FrameGeometry {
  imagePositionPatient?: Vec3;
  imageOrientationPatient?: Orientation;
}

/** MR acquisition attributes a reader uses to tell sequences apart (PS3.3 C.8.3.1). */
export interface MrAcquisition {
  scanningSequence?: string;
  sequenceVariant?: string;
  scanOptions?: string;
  inversionTime?: number;
  echoTime?: number;
  repetitionTime?: number;
  sequenceName?: string;
}

/** Everything the app needs from one DICOM instance, read once and validated. */
export interface InstanceHeader {
  sopInstanceUid: string;
  sopClassUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  patientName: string;
  patientId: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  seriesDescription?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  modality: string;
  bodyPartExamined?: string;
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  numberOfFrames: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  planarConfiguration?: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  rescaleType?: string;
  windowCenter?: number;
  windowWidth?: number;
  pixelPaddingValue?: number;
  imagePositionPatient?: Vec3;
  imageOrientationPatient?: Orientation;
  sliceThickness?: number;
  spacingBetweenSlices?: number;
  patientPosition?: string;
  patientOrientation?: [string, string];
  viewPosition?: string;
  /** Where the millimetres come from, decided by chooseSpacing (DOMAIN.md §5). */
  spacing: PixelSpacing;
  frameGeometry?: FrameGeometry[];
  mr?: MrAcquisition;
  /** Whether the instance holds an image at all (SR, RT plans and waveforms do not). */
  hasPixelData: boolean;
}

export const PIXEL_DATA_TAGS = ['x7fe00010', 'x7fe00008'] as const;

/**
 * One decoder per encoding, made once: decoding without the stream option keeps no state between calls,
 * and constructing a TextDecoder costs more than reading a whole header's worth of short strings.
 */
const decoders = new Map<string, TextDecoder>();

function decoder(encoding: string): TextDecoder {
  let found = decoders.get(encoding);
  if (!found) {
    found = new TextDecoder(encoding);
    decoders.set(encoding, found);
  }
  return found;
}

/**
 * Text decoding for the character sets SpineLab meets in practice (PS3.3 C.12.1.1.2). Names, descriptions
 * and file names are always shown as text, never as markup; control characters are dropped here.
 */
function textDecoderFor(specificCharacterSet: string | undefined): TextDecoder {
  const terms = (specificCharacterSet ?? '').toUpperCase();
  if (terms.includes('ISO_IR 192')) return decoder('utf-8');
  if (terms.includes('ISO_IR 100') || terms === '') return decoder('windows-1252');
  if (terms.includes('ISO_IR 101')) return decoder('iso-8859-2');
  if (terms.includes('ISO_IR 144')) return decoder('iso-8859-5');
  if (terms.includes('ISO_IR 127')) return decoder('iso-8859-6');
  if (terms.includes('ISO_IR 126')) return decoder('iso-8859-7');
  if (terms.includes('ISO_IR 138')) return decoder('iso-8859-8');
  if (terms.includes('GB18030') || terms.includes('GBK')) return decoder('gb18030');
  return decoder('windows-1252');
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Typed, bounds-checked access to one data set (a file or a sequence item). */
export class AttributeReader {
  constructor(
    readonly dataSet: DataSet,
    private readonly decoder: TextDecoder,
  ) {}

  static forFile(dataSet: DataSet): AttributeReader {
    const charset = new AttributeReader(dataSet, decoder('windows-1252')).rawString('x00080005');
    return new AttributeReader(dataSet, textDecoderFor(charset));
  }

  /** The element, only when its value lies wholly inside the bytes we hold. */
  private element(tag: string) {
    const element = this.dataSet.elements[tag];
    if (!element || element.length <= 0 || element.length === 0xffffffff) return undefined;
    if (element.dataOffset + element.length > this.dataSet.byteArray.length) return undefined;
    return element;
  }

  has(tag: string): boolean {
    return this.dataSet.elements[tag] !== undefined;
  }

  private rawString(tag: string): string | undefined {
    const element = this.element(tag);
    if (!element) return undefined;
    const bytes = this.dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
    return this.decoder.decode(bytes);
  }

  /** A text value with padding and control characters removed, or undefined when empty. */
  text(tag: string): string | undefined {
    const raw = this.rawString(tag);
    if (raw === undefined) return undefined;
    const cleaned = raw.replace(/\0/g, ' ').replace(CONTROL_CHARACTERS, '').trim();
    return cleaned === '' ? undefined : cleaned;
  }

  /** The backslash-separated values of a multi-valued string (PS3.5 6.4). */
  texts(tag: string): string[] | undefined {
    const raw = this.text(tag);
    return raw === undefined ? undefined : raw.split('\\').map((v) => v.trim());
  }

  /** Decimal String / Integer String values; undefined when any value is not a number. */
  numbers(tag: string): number[] | undefined {
    const values = this.texts(tag);
    if (!values) return undefined;
    const parsed = values.map((v) => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN));
    return parsed.every(Number.isFinite) ? parsed : undefined;
  }

  number(tag: string): number | undefined {
    return this.numbers(tag)?.[0];
  }

  /** An US / SS value (or a number written as text by non-conformant writers). */
  uint16(tag: string): number | undefined {
    const element = this.element(tag);
    if (!element) return undefined;
    if (element.vr !== undefined && element.vr !== 'US' && element.vr !== 'SS' && element.vr !== 'OW' && element.vr !== 'UN') {
      return this.number(tag);
    }
    return element.length >= 2 ? this.dataSet.uint16(tag) : undefined;
  }

  /** Pixel Padding Value and similar US-or-SS elements, read with the sign the image uses (PS3.3 C.7.5.1.1.2). */
  signedOrUnsigned16(tag: string, signed: boolean): number | undefined {
    const value = this.uint16(tag);
    if (value === undefined) return undefined;
    return signed && value > 0x7fff ? value - 0x10000 : value;
  }

  /** All 16-bit words of an US / OW value, in the file's byte order (lookup tables, descriptors). */
  uint16s(tag: string): Uint16Array | undefined {
    const element = this.element(tag);
    if (!element) return undefined;
    const words = new Uint16Array(element.length >>> 1);
    for (let i = 0; i < words.length; i++) words[i] = this.dataSet.uint16(tag, i) ?? 0;
    return words;
  }

  float64(tag: string): number | undefined {
    const element = this.element(tag);
    return element && element.length >= 8 ? this.dataSet.double(tag) : undefined;
  }

  /** Items of a sequence (all complete, since dicom-parser only keeps parsed items). */
  items(tag: string): AttributeReader[] {
    const items = this.dataSet.elements[tag]?.items ?? [];
    return items.filter((item) => item.dataSet).map((item) => new AttributeReader(item.dataSet as DataSet, this.decoder));
  }

  firstItem(tag: string): AttributeReader | undefined {
    const item = this.dataSet.elements[tag]?.items?.find((i) => i.dataSet);
    return item && new AttributeReader(item.dataSet as DataSet, this.decoder);
  }
}

function vec3(values: number[] | undefined): Vec3 | undefined {
  return values && values.length >= 3 ? [values[0], values[1], values[2]] : undefined;
}

/** Direction cosines are accepted only when both are unit vectors at right angles (PS3.3 C.7.6.2.1.1). */
function orientation(values: number[] | undefined): Orientation | undefined {
  if (!values || values.length < 6) return undefined;
  const [a, b, c, d, e, f] = values;
  const unit = (x: number, y: number, z: number) => Math.abs(Math.hypot(x, y, z) - 1) < 0.01;
  if (!unit(a, b, c) || !unit(d, e, f) || Math.abs(a * d + b * e + c * f) > 0.01) return undefined;
  return [a, b, c, d, e, f];
}

/** One frame's geometry from its functional group item, falling back to the shared groups (PS3.3 C.7.6.16.1). */
function frameGeometryFrom(frame: AttributeReader | undefined, shared: AttributeReader | undefined): FrameGeometry {
  const pick = <T>(read: (group: AttributeReader) => T | undefined): T | undefined =>
    (frame && read(frame)) ?? (shared && read(shared));
  return {
    imagePositionPatient: pick((g) => vec3(g.firstItem('x00209113')?.numbers('x00200032'))),
    imageOrientationPatient: pick((g) => orientation(g.firstItem('x00209116')?.numbers('x00200037'))),
  };
}

function readFrameGeometry(reader: AttributeReader): FrameGeometry[] | undefined {
  const perFrame = reader.items('x52009230');
  if (perFrame.length === 0) return undefined;
  const shared = reader.firstItem('x52009229');
  return perFrame.map((frame) => frameGeometryFrom(frame, shared));
}

function readMr(reader: AttributeReader): MrAcquisition | undefined {
  const mr: MrAcquisition = {
    scanningSequence: reader.text('x00180020'),
    sequenceVariant: reader.text('x00180021'),
    scanOptions: reader.text('x00180022'),
    inversionTime: reader.number('x00180082'),
    echoTime: reader.number('x00180081'),
    repetitionTime: reader.number('x00180080'),
    sequenceName: reader.text('x00180024'),
  };
  return Object.values(mr).some((v) => v !== undefined) ? mr : undefined;
}

const orDefault = (value: number | undefined, fallback: number) => (value === undefined ? fallback : value);

/**
 * Reads the header of one instance. Identifiers that are missing get stand-ins derived from the file
 * so that an odd file still lands in the index under "Unknown patient" instead of being dropped.
 */
export function readInstanceHeader(reader: AttributeReader, transferSyntaxUid: string, fileName: string): InstanceHeader {
  const modality = reader.text('x00080060') ?? 'OT';
  const pixelRepresentation = orDefault(reader.uint16('x00280103'), 0);
  const bitsAllocated = orDefault(reader.uint16('x00280100'), 0);
  const bitsStored = orDefault(reader.uint16('x00280101'), bitsAllocated);
  const frameGeometry = readFrameGeometry(reader);
  const firstFrame = frameGeometry?.[0];
  const sharedMeasures = reader.firstItem('x52009229')?.firstItem('x00289110');
  const pixelMeasures = sharedMeasures ?? reader.firstItem('x52009230')?.firstItem('x00289110');
  const orientationPair = reader.texts('x00200020');

  return {
    sopInstanceUid: reader.text('x00080018') ?? `unknown-instance:${fileName}`,
    sopClassUid: reader.text('x00080016') ?? reader.text('x00020002') ?? '',
    studyInstanceUid: reader.text('x0020000d') ?? 'unknown-study',
    seriesInstanceUid: reader.text('x0020000e') ?? 'unknown-series',
    frameOfReferenceUid: reader.text('x00200052'),
    patientName: reader.text('x00100010') ?? '',
    patientId: reader.text('x00100020') ?? '',
    patientBirthDate: reader.text('x00100030'),
    patientSex: reader.text('x00100040'),
    studyDate: reader.text('x00080020'),
    studyTime: reader.text('x00080030'),
    studyDescription: reader.text('x00081030'),
    seriesDescription: reader.text('x0008103e'),
    seriesNumber: reader.number('x00200011'),
    instanceNumber: reader.number('x00200013'),
    modality,
    bodyPartExamined: reader.text('x00180015'),
    transferSyntaxUid,
    rows: orDefault(reader.uint16('x00280010'), 0),
    columns: orDefault(reader.uint16('x00280011'), 0),
    numberOfFrames: Math.max(1, Math.trunc(orDefault(reader.number('x00280008'), 1))),
    bitsAllocated,
    bitsStored,
    highBit: orDefault(reader.uint16('x00280102'), bitsStored - 1),
    pixelRepresentation,
    samplesPerPixel: orDefault(reader.uint16('x00280002'), 1),
    photometricInterpretation: (reader.text('x00280004') ?? 'MONOCHROME2').toUpperCase(),
    planarConfiguration: reader.uint16('x00280006'),
    rescaleSlope: reader.number('x00281053') || 1,
    rescaleIntercept: orDefault(reader.number('x00281052'), 0),
    rescaleType: reader.text('x00281054'),
    windowCenter: reader.number('x00281050'),
    windowWidth: reader.number('x00281051'),
    pixelPaddingValue: reader.signedOrUnsigned16('x00280120', pixelRepresentation === 1),
    imagePositionPatient: vec3(reader.numbers('x00200032')) ?? firstFrame?.imagePositionPatient,
    imageOrientationPatient: orientation(reader.numbers('x00200037')) ?? firstFrame?.imageOrientationPatient,
    sliceThickness: reader.number('x00180050') ?? pixelMeasures?.number('x00180050'),
    spacingBetweenSlices: reader.number('x00180088') ?? pixelMeasures?.number('x00180088'),
    patientPosition: reader.text('x00185100'),
    patientOrientation: orientationPair && orientationPair.length >= 2 ? [orientationPair[0], orientationPair[1]] : undefined,
    viewPosition: reader.text('x00185101'),
    spacing: chooseSpacing({
      modality,
      pixelSpacing: reader.numbers('x00280030') ?? pixelMeasures?.numbers('x00280030'),
      imagerPixelSpacing: reader.numbers('x00181164'),
      estimatedMagnification: reader.number('x00181114'),
      calibrationType: reader.text('x00280a02'),
      calibrationDescription: reader.text('x00280a04'),
    }),
    frameGeometry,
    mr: modality === 'MR' ? readMr(reader) : undefined,
    hasPixelData: PIXEL_DATA_TAGS.some((tag) => reader.has(tag)),
  };
}
