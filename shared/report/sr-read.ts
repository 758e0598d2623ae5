/**
 * Reads a SpineLab TID 1500 report back into an annotation document: each measurement group becomes the
 * annotation it was written from, on the image frame its SCOORD selects (never on every image), or on the
 * reformatted plane its TEXT describes, at the patient positions of its SCOORD3D.
 * Groups without geometry (engine angles such as the default local kyphosis) are derived values and
 * are not annotations, so they are skipped. The result goes through the same strict validation as disk.
 */
import dcmjs from 'dcmjs';
import type { Endplate, SixPoints, Vec2 } from '../measure/types';
import { planePointOf } from '../model/plane';
import type { Annotation, AnnotationPlane, CobbLine, PatientPosition, ReformatPlane, StudyAnnotations } from '../model/types';
import { SCHEMA_VERSION } from '../model/types';
import { validateStudyAnnotations, type Validation } from '../model/validate';
import { reformatPlaneFromText } from './reformat-plane-text';
import { CODES, SOP_CLASS, gradeOfGenantCode, levelOfVertebraCode, sameCode } from './sr-codes';

type Item = Record<string, unknown>;

/** dcmjs naturalizes a one-item sequence either as an array or as the item itself. */
function items(value: unknown): Item[] {
  if (Array.isArray(value)) return value as Item[];
  return typeof value === 'object' && value !== null ? [value as Item] : [];
}

const concept = (item: Item): Item | undefined => items(item.ConceptNameCodeSequence)[0];
const conceptCode = (item: Item): Item | undefined => items(item.ConceptCodeSequence)[0];
const children = (item: Item): Item[] => items(item.ContentSequence);
const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

function find(list: Item[], code: Parameters<typeof sameCode>[1]): Item | undefined {
  return list.find((i) => sameCode(concept(i), code));
}

function textOf(list: Item[], code: Parameters<typeof sameCode>[1]): string | undefined {
  const value = single(find(list, code)?.TextValue);
  return typeof value === 'string' ? value : undefined;
}

interface Geometry {
  readonly plane: AnnotationPlane;
  readonly points: Vec2[];
}

/** Where a group's geometry goes: images by SOP Instance UID (series from the evidence), or its reformat. */
interface GroupContext {
  readonly seriesOf: ReadonlyMap<string, string>;
  readonly reformat?: ReformatPlane;
}

/** SCOORD3D points back onto the reformatted plane they were drawn on. */
function reformatGeometryOf(scoord: Item, plane: ReformatPlane): Geometry {
  const coordinates = (Array.isArray(scoord.GraphicData) ? scoord.GraphicData : []).map(Number);
  const points: Vec2[] = [];
  for (let i = 0; i + 2 < coordinates.length; i += 3) points.push(planePointOf(plane, { x: coordinates[i], y: coordinates[i + 1], z: coordinates[i + 2] }));
  return { plane, points };
}

/** The SCOORD under a NUM, with the frame it selects, or its SCOORD3D on the group's reformat. */
function geometryOf(num: Item | undefined, { seriesOf, reformat }: GroupContext): Geometry | undefined {
  const scoord3d = num && children(num).find((c) => c.ValueType === 'SCOORD3D');
  if (scoord3d) return reformat && reformatGeometryOf(scoord3d, reformat);
  const scoord = num && children(num).find((c) => c.ValueType === 'SCOORD');
  if (!scoord) return undefined;
  const image = children(scoord).find((c) => c.ValueType === 'IMAGE');
  const sop = image && items(image.ReferencedSOPSequence)[0];
  const sopInstanceUid = sop && single(sop.ReferencedSOPInstanceUID);
  if (!sop || typeof sopInstanceUid !== 'string') return undefined;
  const coordinates = (Array.isArray(scoord.GraphicData) ? scoord.GraphicData : []).map(Number);
  const points: Vec2[] = [];
  for (let i = 0; i + 1 < coordinates.length; i += 2) points.push({ x: coordinates[i], y: coordinates[i + 1] });
  const frameNumber = Number(single(sop.ReferencedFrameNumber) ?? 1);
  return {
    plane: { kind: 'image', seriesInstanceUid: seriesOf.get(sopInstanceUid) ?? '', sopInstanceUid, frameIndex: frameNumber - 1 },
    points,
  };
}

/** DICOM DA + TM (UTC, as SpineLab writes them) to ISO 8601. */
function isoFrom(date: unknown, time: unknown): string {
  const d = String(single(date) ?? '19700101');
  const t = String(single(time) ?? '000000').padEnd(6, '0');
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`;
}

function vertebraFrom(id: string, createdAt: string, group: Item[], context: GroupContext): Annotation | undefined {
  const siteCode = find(group, CODES.findingSite);
  const level = siteCode && levelOfVertebraCode(conceptCode(siteCode) ?? {});
  const [ha, hm, hp] = [CODES.anteriorHeight, CODES.middleHeight, CODES.posteriorHeight].map((c) => geometryOf(find(group, c), context));
  if (!level || !ha || !hm || !hp) return undefined;
  const points: SixPoints = {
    anteriorSuperior: ha.points[0],
    anteriorInferior: ha.points[1],
    middleSuperior: hm.points[0],
    middleInferior: hm.points[1],
    posteriorSuperior: hp.points[0],
    posteriorInferior: hp.points[1],
  };
  const findingCode = find(group, CODES.finding);
  const finalGrade = findingCode ? gradeOfGenantCode(conceptCode(findingCode) ?? {}) : undefined;
  return { id, createdAt, type: 'vertebra', plane: ha.plane, level, points, ...(finalGrade === undefined ? {} : { finalGrade }) };
}

/** "line 2 follows <annotation id> inferior", as the writer puts it. */
const FOLLOWS_PATTERN = /^line ([12]) follows (\S+) (superior|inferior)$/;

function cobbFrom(id: string, createdAt: string, group: Item[], context: GroupContext): Annotation | undefined {
  const geometry = geometryOf(find(group, CODES.cobbAngle), context);
  if (!geometry || geometry.points.length !== 4) return undefined;
  const p = geometry.points;
  const lines: [CobbLine, CobbLine] = [
    { kind: 'drawn', from: p[0], to: p[1] },
    { kind: 'drawn', from: p[2], to: p[3] },
  ];
  for (const item of group.filter((i) => sameCode(concept(i), CODES.cobbLineFollows))) {
    const match = FOLLOWS_PATTERN.exec(String(single(item.TextValue)));
    if (match) lines[Number(match[1]) - 1] = { kind: 'endplate', annotationId: match[2], endplate: match[3] as Endplate };
  }
  return { id, createdAt, type: 'cobb', plane: geometry.plane, lines };
}

function annotationFrom(group: Item[], createdAt: string, seriesOf: ReadonlyMap<string, string>): Annotation | undefined {
  const id = textOf(group, CODES.trackingIdentifier);
  if (!id) return undefined;
  const planeText = textOf(group, CODES.reformattedPlane);
  const context: GroupContext = { seriesOf, reformat: planeText === undefined ? undefined : reformatPlaneFromText(planeText) };
  if (find(group, CODES.anteriorHeight)) return vertebraFrom(id, createdAt, group, context);
  if (find(group, CODES.cobbAngle)) return cobbFrom(id, createdAt, group, context);
  const simple = (
    [
      ['length', CODES.length, 2],
      ['angle', CODES.angle, 3],
      ['calibration', CODES.calibrationLength, 2],
    ] as const
  ).find(([, code]) => find(group, code));
  if (!simple) return undefined;
  const [type, code, count] = simple;
  const numItem = find(group, code);
  const geometry = geometryOf(numItem, context);
  if (!geometry || geometry.points.length !== count) return undefined;
  const base = { id, createdAt, plane: geometry.plane };
  const p = geometry.points;
  if (type === 'length') return { ...base, type, points: [p[0], p[1]] };
  if (type === 'angle') return { ...base, type, points: [p[0], p[1], p[2]] };
  const measured = items(numItem?.MeasuredValueSequence)[0];
  return { ...base, type, points: [p[0], p[1]], knownLengthMm: Number(single(measured?.NumericValue)) };
}

export function readSr(bytes: Uint8Array): Validation<StudyAnnotations> {
  let dataset: Item;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const dict = dcmjs.data.DicomMessage.readFile(buffer);
    dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  } catch (error) {
    return { ok: false, errors: [`Not a readable DICOM file: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const comprehensive = dataset.SOPClassUID === SOP_CLASS.comprehensiveSr || dataset.SOPClassUID === SOP_CLASS.comprehensive3dSr;
  if (!comprehensive || !sameCode(concept(dataset), CODES.imagingMeasurementReport)) {
    return { ok: false, errors: ['Not a TID 1500 Imaging Measurement Report in a Comprehensive (3D) SR'] };
  }
  const seriesOf = new Map<string, string>();
  for (const study of items(dataset.CurrentRequestedProcedureEvidenceSequence)) {
    for (const series of items(study.ReferencedSeriesSequence)) {
      for (const sop of items(series.ReferencedSOPSequence)) seriesOf.set(String(single(sop.ReferencedSOPInstanceUID)), String(single(series.SeriesInstanceUID)));
    }
  }
  const createdAt = isoFrom(dataset.ContentDate, dataset.ContentTime);
  const root = children(dataset);
  const measurements = find(root, CODES.imagingMeasurements);
  const annotations = children(measurements ?? {})
    .map((group) => annotationFrom(children(group), createdAt, seriesOf))
    .filter((a): a is Annotation => a !== undefined);
  const position = textOf(root, CODES.patientPosition) as PatientPosition | undefined;
  return validateStudyAnnotations({
    schemaVersion: SCHEMA_VERSION,
    studyInstanceUid: String(single(dataset.StudyInstanceUID)),
    ...(position ? { patientPosition: position } : {}),
    updatedAt: createdAt,
    annotations,
  });
}
