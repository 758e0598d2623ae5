/**
 * Strict validation of an annotation document: it guards everything that crosses IPC or comes off disk.
 * Written by hand so that every rule is visible: exact types, finite numbers, known keys only, capped
 * strings and arrays. The result is a fresh copy built from the checked fields, never the input object.
 */
import { MEASUREMENTS, assemble, definitionOf } from '../measure/definitions';
import { Checker, VALIDATION_LIMITS } from './checker';
import {
  SCHEMA_VERSION,
  type Annotation,
  type AnnotationPlane,
  type AnnotationType,
  type PatientPosition,
  type ReformatOrientation,
  type StudyAnnotations,
  type Vec3,
} from './types';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

export { VALIDATION_LIMITS, type ValidationMode } from './checker';

export interface LenientValidation {
  readonly document: StudyAnnotations | null;
  /** Why annotations were skipped, or why nothing could be shown. */
  readonly skipped: string[];
}

const PATIENT_POSITIONS: readonly PatientPosition[] = ['standing', 'sitting', 'supine', 'prone', 'unknown'];
const REFORMAT_ORIENTATIONS: readonly ReformatOrientation[] = ['sagittal', 'coronal', 'axial'];
/** Direction vectors must be unit length and at right angles, to this tolerance. */
const DIRECTION_TOLERANCE = 1e-3;

function unitDirection(check: Checker, value: unknown, path: string): Vec3 | undefined {
  const v = check.vec3(value, path);
  if (v && Math.abs(Math.hypot(v.x, v.y, v.z) - 1) > DIRECTION_TOLERANCE) return check.fail(path, 'must be a unit vector');
  return v;
}

function validatePlane(check: Checker, value: unknown, path: string): AnnotationPlane | undefined {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === 'image') {
    const o = check.object(value, path, ['kind', 'seriesInstanceUid', 'sopInstanceUid', 'frameIndex']);
    if (!o) return undefined;
    const seriesInstanceUid = check.uid(o.seriesInstanceUid, `${path}.seriesInstanceUid`);
    const sopInstanceUid = check.uid(o.sopInstanceUid, `${path}.sopInstanceUid`);
    const frameIndex = check.integer(o.frameIndex, `${path}.frameIndex`, 0, VALIDATION_LIMITS.maxFrameIndex);
    if (seriesInstanceUid === undefined || sopInstanceUid === undefined || frameIndex === undefined) return undefined;
    return { kind, seriesInstanceUid, sopInstanceUid, frameIndex };
  }
  if (kind === 'reformat') {
    const o = check.object(value, path, [
      'kind',
      'seriesInstanceUid',
      'orientation',
      'origin',
      'rowDirection',
      'columnDirection',
      'rowSpacingMm',
      'columnSpacingMm',
    ]);
    if (!o) return undefined;
    const seriesInstanceUid = check.uid(o.seriesInstanceUid, `${path}.seriesInstanceUid`);
    const orientation = check.oneOf(o.orientation, `${path}.orientation`, REFORMAT_ORIENTATIONS);
    const origin = check.vec3(o.origin, `${path}.origin`);
    const rowDirection = unitDirection(check, o.rowDirection, `${path}.rowDirection`);
    const columnDirection = unitDirection(check, o.columnDirection, `${path}.columnDirection`);
    const rowSpacingMm = check.positive(o.rowSpacingMm, `${path}.rowSpacingMm`, VALIDATION_LIMITS.maxSpacingMm);
    const columnSpacingMm = check.positive(o.columnSpacingMm, `${path}.columnSpacingMm`, VALIDATION_LIMITS.maxSpacingMm);
    if (
      seriesInstanceUid === undefined ||
      orientation === undefined ||
      origin === undefined ||
      rowDirection === undefined ||
      columnDirection === undefined ||
      rowSpacingMm === undefined ||
      columnSpacingMm === undefined
    ) {
      return undefined;
    }
    const cosine = rowDirection.x * columnDirection.x + rowDirection.y * columnDirection.y + rowDirection.z * columnDirection.z;
    if (Math.abs(cosine) > DIRECTION_TOLERANCE) return check.fail(path, 'rowDirection and columnDirection must be at right angles');
    return { kind, seriesInstanceUid, orientation, origin, rowDirection, columnDirection, rowSpacingMm, columnSpacingMm };
  }
  return check.fail(`${path}.kind`, 'must be "image" or "reformat"');
}

const COMMON_KEYS = ['id', 'type', 'createdAt', 'plane'] as const;

function validateAnnotation(check: Checker, value: unknown, path: string): Annotation | undefined {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(MEASUREMENTS, type)) {
    return check.fail(`${path}.type`, `must be one of ${Object.keys(MEASUREMENTS).join(', ')}`);
  }
  const { validation } = MEASUREMENTS[type as AnnotationType];
  const o = check.object(value, path, [...COMMON_KEYS, ...validation.required], validation.optional);
  if (!o) return undefined;
  const id = check.id(o.id, `${path}.id`);
  const createdAt = check.timestamp(o.createdAt, `${path}.createdAt`);
  const plane = validatePlane(check, o.plane, `${path}.plane`);
  if (id === undefined || createdAt === undefined || plane === undefined) return undefined;
  const fields = validation.fields(check, o, path);
  return fields && assemble(type as AnnotationType, { id, createdAt, plane }, fields);
}

/** The vertebra annotations an annotation depends on (a Cobb line following an endplate). */
function referencesOf(a: Annotation): readonly { readonly path: string; readonly annotationId: string }[] {
  return definitionOf(a).validation.references?.(a) ?? [];
}

/** Ids are unique, and every endplate a Cobb line follows belongs to a vertebra annotation of the document. */
function checkReferences(check: Checker, annotations: readonly Annotation[]): void {
  const byId = new Map<string, Annotation>();
  annotations.forEach((a, i) => {
    if (byId.has(a.id)) check.fail(`annotations[${i}].id`, `"${a.id}" is used twice`);
    byId.set(a.id, a);
  });
  annotations.forEach((a, i) => {
    for (const { path, annotationId } of referencesOf(a)) {
      if (byId.get(annotationId)?.type !== 'vertebra') check.fail(`annotations[${i}].${path}`, `"${annotationId}" is not a vertebra annotation of this study`);
    }
  });
}

const DOCUMENT_REQUIRED = ['schemaVersion', 'studyInstanceUid', 'updatedAt', 'annotations'] as const;
const DOCUMENT_OPTIONAL = ['patientPosition'] as const;

function validateDocument(check: Checker, input: unknown, onBadAnnotation: (errors: string[]) => void): StudyAnnotations | undefined {
  const o = check.object(input, 'document', DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL);
  if (!o) return undefined;
  if (check.mode === 'strict' && o.schemaVersion !== SCHEMA_VERSION) check.fail('document.schemaVersion', `must be ${SCHEMA_VERSION}`);
  const studyInstanceUid = check.uid(o.studyInstanceUid, 'document.studyInstanceUid');
  const updatedAt = check.timestamp(o.updatedAt, 'document.updatedAt');
  const patientPosition =
    o.patientPosition === undefined ? undefined : check.oneOf(o.patientPosition, 'document.patientPosition', PATIENT_POSITIONS);
  const items = check.array(o.annotations, 'document.annotations', 0, VALIDATION_LIMITS.maxAnnotations);
  if (!items) return undefined;
  const annotations: Annotation[] = [];
  items.forEach((item, i) => {
    const itemCheck = new Checker(check.mode);
    const annotation = validateAnnotation(itemCheck, item, `annotations[${i}]`);
    if (annotation) annotations.push(annotation);
    else onBadAnnotation(itemCheck.errors);
  });
  if (check.errors.length > 0 || studyInstanceUid === undefined || updatedAt === undefined) return undefined;
  return {
    schemaVersion: SCHEMA_VERSION,
    studyInstanceUid,
    ...(patientPosition === undefined ? {} : { patientPosition }),
    updatedAt,
    annotations,
  };
}

/** Strict check of a current-version document (after migration). */
export function validateStudyAnnotations(input: unknown): Validation<StudyAnnotations> {
  const check = new Checker('strict');
  const document = validateDocument(check, input, (errors) => errors.forEach((e) => check.fail('document', e)));
  if (document) checkReferences(check, document.annotations);
  return document && check.errors.length === 0 ? { ok: true, value: document } : { ok: false, errors: check.errors };
}

/**
 * What this version can show of a document written by a newer one: known fields of known annotation
 * types. Cobb lines whose vertebra was skipped are skipped too, so what is shown is self-consistent.
 */
export function validateLeniently(input: unknown): LenientValidation {
  const check = new Checker('lenient');
  const skipped: string[] = [];
  const document = validateDocument(check, input, (errors) => skipped.push(errors[0] ?? 'unreadable annotation'));
  if (!document) return { document: null, skipped: [...check.errors, ...skipped] };
  const vertebraIds = new Set(document.annotations.filter((a) => a.type === 'vertebra').map((a) => a.id));
  const seen = new Set<string>();
  const annotations = document.annotations.filter((a) => {
    const dangling = referencesOf(a).some((r) => !vertebraIds.has(r.annotationId));
    if (dangling || seen.has(a.id)) skipped.push(`annotation "${a.id}": ${dangling ? 'follows a vertebra that was skipped' : 'repeats an id'}`);
    const keep = !dangling && !seen.has(a.id);
    seen.add(a.id);
    return keep;
  });
  return { document: { ...document, annotations }, skipped };
}
