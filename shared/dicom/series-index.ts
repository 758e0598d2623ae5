import { cross, dot } from '../volume/vec3';
import type { InstanceHeader, Orientation, Vec3 } from './header';

export interface IndexEntry {
  fileId: string;
  header: InstanceHeader;
}

export interface ImageNode extends IndexEntry {
  /** Position along the slice normal in mm, when the image has position and orientation. */
  positionAlongNormal?: number;
}

export interface SeriesNode {
  /** Unique within the index: the Series Instance UID, with a suffix when the series was split. */
  key: string;
  seriesInstanceUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
  modality: string;
  images: ImageNode[];
  /** Why this stack is separate from others of the same series (e.g. a different orientation). */
  splitReason?: string;
  /** Files holding an instance already in the index (same SOP Instance UID), left out. */
  duplicateFileIds: string[];
}

export interface StudyNode {
  studyInstanceUid: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  series: SeriesNode[];
}

export interface PatientNode {
  key: string;
  patientName: string;
  patientId: string;
  patientBirthDate?: string;
  patientSex?: string;
  studies: StudyNode[];
}

/** The slice normal: row direction × column direction (PS3.3 C.7.6.2.1.1). */
export function sliceNormal(orientation: Orientation): Vec3 {
  return cross([orientation[0], orientation[1], orientation[2]], [orientation[3], orientation[4], orientation[5]]);
}

/** Orientations whose direction cosines agree within this are the same plane. */
const ORIENTATION_TOLERANCE = 0.01;

const sameOrientation = (a: Orientation, b: Orientation) => a.every((v, i) => Math.abs(v - b[i]) <= ORIENTATION_TOLERANCE);

const naturalOrder = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

function compareImages(a: ImageNode, b: ImageNode): number {
  if (a.positionAlongNormal !== undefined && b.positionAlongNormal !== undefined && a.positionAlongNormal !== b.positionAlongNormal) {
    return a.positionAlongNormal - b.positionAlongNormal;
  }
  const an = a.header.instanceNumber;
  const bn = b.header.instanceNumber;
  if (an !== bn) {
    // Numbered images first, so that the order stays transitive when only some are numbered.
    if (an === undefined) return 1;
    if (bn === undefined) return -1;
    return an - bn;
  }
  return naturalOrder(a.fileId, b.fileId);
}

/**
 * Splits one series into stacks of a single orientation (a localiser and its axial slices often share a
 * series) and orders each stack along its slice normal: position = ImagePositionPatient · normal. Where
 * any image lacks position or orientation, the stack is ordered by Instance Number, then file name.
 */
function stacksOfSeries(seriesUid: string, entries: IndexEntry[]): SeriesNode[] {
  const seen = new Set<string>();
  const duplicateFileIds: string[] = [];
  const unique = entries.filter((entry) => {
    const id = entry.header.sopInstanceUid;
    if (seen.has(id)) {
      duplicateFileIds.push(entry.fileId);
      return false;
    }
    seen.add(id);
    return true;
  });

  const groups: { orientation?: Orientation; entries: IndexEntry[] }[] = [];
  for (const entry of unique) {
    const orientation = entry.header.imageOrientationPatient;
    const group = groups.find((g) => (g.orientation && orientation ? sameOrientation(g.orientation, orientation) : g.orientation === orientation));
    if (group) group.entries.push(entry);
    else groups.push({ orientation, entries: [entry] });
  }
  groups.sort((a, b) => b.entries.length - a.entries.length);

  const first = unique[0].header;
  return groups.map((group, index) => {
    const normal = group.orientation && sliceNormal(group.orientation);
    const images: ImageNode[] = group.entries.map((entry) => {
      const position = entry.header.imagePositionPatient;
      return { ...entry, positionAlongNormal: normal && position ? dot(position, normal) : undefined };
    });
    const allPositioned = images.every((image) => image.positionAlongNormal !== undefined);
    if (!allPositioned) images.forEach((image) => delete image.positionAlongNormal);
    images.sort(compareImages);
    return {
      key: index === 0 ? seriesUid : `${seriesUid}#${index + 1}`,
      seriesInstanceUid: seriesUid,
      seriesNumber: first.seriesNumber,
      seriesDescription: first.seriesDescription,
      modality: first.modality,
      images,
      splitReason: groups.length > 1 ? `the series holds images in ${groups.length} different orientations; this stack is one of them` : undefined,
      duplicateFileIds: index === 0 ? duplicateFileIds : [],
    };
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Builds patient → study → series → images from headers alone, so the index appears before pixels are
 * decoded. Patients are told apart by Patient ID and name together (IDs from different issuers collide);
 * studies by Study Instance UID; series by Series Instance UID, then split by orientation.
 */
export function buildStudyIndex(entries: IndexEntry[]): PatientNode[] {
  const byPatient = groupBy(entries, (e) => `${e.header.patientId}\u0000${e.header.patientName}`);
  const patients: PatientNode[] = [];
  for (const [key, patientEntries] of byPatient) {
    const head = patientEntries[0].header;
    const studies: StudyNode[] = [];
    for (const [studyUid, studyEntries] of groupBy(patientEntries, (e) => e.header.studyInstanceUid)) {
      const study = studyEntries[0].header;
      const series = [...groupBy(studyEntries, (e) => e.header.seriesInstanceUid)].flatMap(([uid, list]) => stacksOfSeries(uid, list));
      series.sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || naturalOrder(a.key, b.key));
      studies.push({ studyInstanceUid: studyUid, studyDate: study.studyDate, studyTime: study.studyTime, studyDescription: study.studyDescription, series });
    }
    studies.sort((a, b) => naturalOrder(`${a.studyDate ?? ''}${a.studyTime ?? ''}`, `${b.studyDate ?? ''}${b.studyTime ?? ''}`));
    patients.push({ key, patientName: head.patientName, patientId: head.patientId, patientBirthDate: head.patientBirthDate, patientSex: head.patientSex, studies });
  }
  return patients.sort((a, b) => naturalOrder(a.patientName, b.patientName) || naturalOrder(a.patientId, b.patientId));
}

export interface SeriesGeometry {
  /** Typical distance between adjacent slice centres (median), in mm. */
  sliceSpacingMm?: number;
  /** Places where a slice seems missing: spacing after image `afterIndex` well above the typical. */
  gaps: { afterIndex: number; spacingMm: number }[];
  unevenSpacing: boolean;
  /** Angle between the slice normal and the line through the slice positions (gantry tilt), in degrees. */
  gantryTiltDeg: number;
  /** Whether the stack can be resampled into other planes (MPR) without distortion. */
  reformattable: boolean;
  reason?: string;
}

/** Slice positions and orientation: one per image, or per frame of a single enhanced multi-frame image. */
function slicePlanes(series: SeriesNode): { position: Vec3; orientation: Orientation; rows: number; columns: number }[] | undefined {
  if (series.images.length === 1 && series.images[0].header.frameGeometry) {
    const { header } = series.images[0];
    const planes = header.frameGeometry!.map((frame) => ({
      position: frame.imagePositionPatient,
      orientation: frame.imageOrientationPatient ?? header.imageOrientationPatient,
      rows: header.rows,
      columns: header.columns,
    }));
    if (planes.some((p) => !p.position || !p.orientation)) return undefined;
    const normal = sliceNormal(planes[0].orientation!);
    return planes
      .map((p) => ({ position: p.position!, orientation: p.orientation!, rows: p.rows, columns: p.columns }))
      .sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  }
  const planes = series.images.map(({ header }) => ({ position: header.imagePositionPatient, orientation: header.imageOrientationPatient, rows: header.rows, columns: header.columns }));
  if (planes.some((p) => !p.position || !p.orientation)) return undefined;
  return planes.map((p) => ({ position: p.position!, orientation: p.orientation!, rows: p.rows, columns: p.columns }));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Relative deviation from the typical spacing above which spacing is called uneven. */
const UNEVEN_TOLERANCE = 0.1;
/** Tilt below this is numerical noise. */
const TILT_TOLERANCE_DEG = 0.5;

/**
 * Geometry of an ordered stack, for deciding whether it forms a volume: spacing, missing slices, uneven
 * spacing and gantry tilt (PS3.3 C.7.6.2.1.1: slices are planes through ImagePositionPatient spanned by
 * the row and column directions).
 */
export function seriesGeometry(series: SeriesNode): SeriesGeometry {
  const planes = slicePlanes(series);
  const notReformattable = (reason: string): SeriesGeometry => ({ gaps: [], unevenSpacing: false, gantryTiltDeg: 0, reformattable: false, reason });
  if (!planes) return notReformattable('some images lack position or orientation');
  if (planes.length < 3) return notReformattable(`a volume needs at least 3 slices; this stack has ${planes.length}`);
  if (series.splitReason || planes.some((p) => !sameOrientation(p.orientation, planes[0].orientation))) {
    return notReformattable('the slices are not all in the same orientation');
  }
  if (planes.some((p) => p.rows !== planes[0].rows || p.columns !== planes[0].columns)) return notReformattable('the slices are not all the same size');

  const normal = sliceNormal(planes[0].orientation);
  const along = planes.map((p) => dot(p.position, normal));
  const steps = along.slice(1).map((d, i) => d - along[i]);
  const sliceSpacingMm = median(steps);
  const first = planes[0].position;
  const last = planes[planes.length - 1].position;
  const through: Vec3 = [last[0] - first[0], last[1] - first[1], last[2] - first[2]];
  const length = Math.hypot(...through);
  const cosine = length > 0 ? Math.min(1, Math.abs(dot(through, normal)) / length) : 1;
  const gantryTiltDeg = (Math.acos(cosine) * 180) / Math.PI;
  const gaps = steps.flatMap((spacingMm, afterIndex) => (spacingMm > sliceSpacingMm * 1.5 ? [{ afterIndex, spacingMm }] : []));
  const unevenSpacing = steps.some((s) => Math.abs(s - sliceSpacingMm) > sliceSpacingMm * UNEVEN_TOLERANCE);

  const geometry = { sliceSpacingMm, gaps, unevenSpacing, gantryTiltDeg };
  if (steps.some((s) => s <= 1e-3)) return { ...geometry, reformattable: false, reason: 'two or more slices share the same position' };
  if (gaps.length > 0) return { ...geometry, reformattable: false, reason: `${gaps.length} slice(s) appear to be missing` };
  if (unevenSpacing) return { ...geometry, reformattable: false, reason: 'the slices are unevenly spaced' };
  if (gantryTiltDeg > TILT_TOLERANCE_DEG) return { ...geometry, reformattable: false, reason: `the slices are tilted by ${gantryTiltDeg.toFixed(1)}° (gantry tilt)` };
  return { ...geometry, reformattable: true };
}
