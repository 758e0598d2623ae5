/**
 * Reads a SpineLab TID 1500 report back into an annotation document: each measurement group becomes the
 * annotation it was written from, on the image frame its SCOORD selects (never on every image), or on the
 * reformatted plane its TEXT describes, at the patient positions of its SCOORD3D.
 * Groups without geometry (engine angles such as the default local kyphosis) are derived values and
 * are not annotations, so they are skipped. The result goes through the same strict validation as disk.
 */
import dcmjs from 'dcmjs';
import { MEASUREMENTS, MEASUREMENT_LIST, assemble } from '../measure/definitions';
import type { SrReadContext } from '../measure/definitions/definition';
import type { Vec2, VertebralLevel } from '../measure/types';
import { planePointOf, samePlane } from '../model/plane';
import type { Annotation, AnnotationPlane, PatientPosition, ReformatPlane, StudyAnnotations } from '../model/types';
import { SCHEMA_VERSION } from '../model/types';
import { validateStudyAnnotations, type Validation } from '../model/validate';
import { reformatPlaneFromText } from './reformat-plane-text';
import { CODES, SOP_CLASS, sameCode } from './sr-codes';
import { children, concept, find, items, single, textOf, type Item } from './sr-items';

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

function annotationFrom(
  group: Item[],
  createdAt: string,
  seriesOf: ReadonlyMap<string, string>,
  vertebraOn: SrReadContext['vertebraOn'],
): Annotation | undefined {
  const id = textOf(group, CODES.trackingIdentifier);
  if (!id) return undefined;
  const planeText = textOf(group, CODES.reformattedPlane);
  const context: GroupContext = { seriesOf, reformat: planeText === undefined ? undefined : reformatPlaneFromText(planeText) };
  const definition = MEASUREMENT_LIST.find((d) => find(group, d.sr.concept));
  const read = definition?.sr.read(group, { geometryOf: (num) => geometryOf(num, context), vertebraOn });
  return definition && read && assemble(definition.type, { id, createdAt, plane: read.plane }, read.fields);
}

/** The groups read in two passes: the vertebrae first, so what refers to one by level finds it wherever it stands. */
function annotationsFrom(groups: Item[][], createdAt: string, seriesOf: ReadonlyMap<string, string>): Annotation[] {
  const vertebrae = groups
    .filter((group) => find(group, MEASUREMENTS.vertebra.sr.concept))
    .flatMap((group) => {
      const a = annotationFrom(group, createdAt, seriesOf, () => undefined);
      return a?.type === 'vertebra' ? [a] : [];
    });
  const vertebraOn = (plane: AnnotationPlane, level: VertebralLevel) => vertebrae.find((v) => v.level === level && samePlane(v.plane, plane))?.id;
  return groups.map((group) => annotationFrom(group, createdAt, seriesOf, vertebraOn)).filter((a): a is Annotation => a !== undefined);
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
  const annotations = annotationsFrom(children(measurements ?? {}).map(children), createdAt, seriesOf);
  const position = textOf(root, CODES.patientPosition) as PatientPosition | undefined;
  return validateStudyAnnotations({
    schemaVersion: SCHEMA_VERSION,
    studyInstanceUid: String(single(dataset.StudyInstanceUID)),
    ...(position ? { patientPosition: position } : {}),
    updatedAt: createdAt,
    annotations,
  });
}
