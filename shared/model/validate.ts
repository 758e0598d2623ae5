/**
 * Strict validation of an annotation document: it guards everything that crosses IPC or comes off disk.
 * Written by hand so that every rule is visible: exact types, finite numbers, known keys only, capped
 * strings and arrays. The result is a fresh copy built from the checked fields, never the input object.
 */
import { SIX_POINT_NAMES } from '../measure/six-points';
import { VERTEBRAL_LEVELS } from '../measure/levels';
import type { ReaderGenantGrade, SixPoints, Vec2, VertebralLevel } from '../measure/types';
import {
  SCHEMA_VERSION,
  type Annotation,
  type AnnotationPlane,
  type CobbLine,
  type PatientPosition,
  type ReformatOrientation,
  type StudyAnnotations,
  type Vec3,
} from './types';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

export const VALIDATION_LIMITS = {
  maxAnnotations: 2000,
  maxIdLength: 128,
  /** DICOM PS3.5 §9.1: a UID has at most 64 characters. */
  maxUidLength: 64,
  /** Far beyond any image (pixels) or patient (mm); stops absurd values before any maths. */
  maxAbsCoordinate: 1e6,
  maxSpacingMm: 100,
  maxKnownLengthMm: 10_000,
  maxFrameIndex: 100_000,
  /** Enough to explain the problem without flooding a log with one line per broken point. */
  maxErrors: 50,
} as const;

/**
 * 'strict' refuses unknown keys and any bad annotation. 'lenient' is for showing a file written by a newer
 * version read-only: unknown keys are ignored and annotations that do not fit are skipped, with a note.
 */
export type ValidationMode = 'strict' | 'lenient';

export interface LenientValidation {
  readonly document: StudyAnnotations | null;
  /** Why annotations were skipped, or why nothing could be shown. */
  readonly skipped: string[];
}

const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const ISO_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const PATIENT_POSITIONS: readonly PatientPosition[] = ['standing', 'sitting', 'supine', 'prone', 'unknown'];
const REFORMAT_ORIENTATIONS: readonly ReformatOrientation[] = ['sagittal', 'coronal', 'axial'];
const READER_GRADES: readonly ReaderGenantGrade[] = [0, 0.5, 1, 2, 3];
/** Direction vectors must be unit length and at right angles, to this tolerance. */
const DIRECTION_TOLERANCE = 1e-3;

class Checker {
  readonly errors: string[] = [];

  constructor(readonly mode: ValidationMode) {}

  fail(path: string, problem: string): undefined {
    if (this.errors.length < VALIDATION_LIMITS.maxErrors) this.errors.push(`${path}: ${problem}`);
    return undefined;
  }

  /** A plain object with the required keys present and, in strict mode, no others. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'must be an object');
    const record = value as Record<string, unknown>;
    const before = this.errors.length;
    for (const key of required) if (!Object.hasOwn(record, key)) this.fail(`${path}.${key}`, 'is missing');
    if (this.mode === 'strict') {
      for (const key of Object.keys(record)) {
        if (!required.includes(key) && !optional.includes(key)) this.fail(`${path}.${key.slice(0, 40)}`, 'is not a known field');
      }
    }
    return this.errors.length === before ? record : undefined;
  }

  finite(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(path, 'must be a finite number');
    if (value < min || value > max) return this.fail(path, `must be between ${min} and ${max}`);
    return value;
  }

  positive(value: unknown, path: string, max: number): number | undefined {
    const n = this.finite(value, path, 0, max);
    return n === 0 ? this.fail(path, 'must be greater than 0') : n;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    const n = this.finite(value, path, min, max);
    return n !== undefined && !Number.isInteger(n) ? this.fail(path, 'must be a whole number') : n;
  }

  text(value: unknown, path: string, maxLength: number, pattern: RegExp, patternWords: string): string | undefined {
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (value.length === 0 || value.length > maxLength) return this.fail(path, `must have 1 to ${maxLength} characters`);
    if (!pattern.test(value)) return this.fail(path, `must be ${patternWords}`);
    return value;
  }

  uid(value: unknown, path: string): string | undefined {
    return this.text(value, path, VALIDATION_LIMITS.maxUidLength, UID_PATTERN, 'a DICOM UID (digits separated by dots)');
  }

  id(value: unknown, path: string): string | undefined {
    return this.text(value, path, VALIDATION_LIMITS.maxIdLength, ID_PATTERN, 'letters, digits, "-" or "_"');
  }

  timestamp(value: unknown, path: string): string | undefined {
    const text = this.text(value, path, 40, ISO_TIMESTAMP_PATTERN, 'an ISO 8601 date and time with a time zone');
    if (text !== undefined && !Number.isFinite(Date.parse(text))) return this.fail(path, 'is not a real date and time');
    return text;
  }

  oneOf<T>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (!allowed.includes(value as T)) return this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return value as T;
  }

  array(value: unknown, path: string, minLength: number, maxLength: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    if (value.length < minLength || value.length > maxLength) {
      return this.fail(path, minLength === maxLength ? `must hold exactly ${minLength} items` : `must hold ${minLength} to ${maxLength} items`);
    }
    return value;
  }

  vec2(value: unknown, path: string): Vec2 | undefined {
    const o = this.object(value, path, ['x', 'y']);
    if (!o) return undefined;
    const x = this.finite(o.x, `${path}.x`, -VALIDATION_LIMITS.maxAbsCoordinate, VALIDATION_LIMITS.maxAbsCoordinate);
    const y = this.finite(o.y, `${path}.y`, -VALIDATION_LIMITS.maxAbsCoordinate, VALIDATION_LIMITS.maxAbsCoordinate);
    return x === undefined || y === undefined ? undefined : { x, y };
  }

  vec3(value: unknown, path: string): Vec3 | undefined {
    const o = this.object(value, path, ['x', 'y', 'z']);
    if (!o) return undefined;
    const [x, y, z] = (['x', 'y', 'z'] as const).map((k) =>
      this.finite(o[k], `${path}.${k}`, -VALIDATION_LIMITS.maxAbsCoordinate, VALIDATION_LIMITS.maxAbsCoordinate),
    );
    return x === undefined || y === undefined || z === undefined ? undefined : { x, y, z };
  }

  points<N extends 2 | 3>(value: unknown, path: string, count: N): Vec2[] | undefined {
    const items = this.array(value, path, count, count);
    if (!items) return undefined;
    const points = items.map((p, i) => this.vec2(p, `${path}[${i}]`));
    return points.every((p): p is Vec2 => p !== undefined) ? points : undefined;
  }
}

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

function validateSixPoints(check: Checker, value: unknown, path: string): SixPoints | undefined {
  const o = check.object(value, path, SIX_POINT_NAMES);
  if (!o) return undefined;
  const entries = SIX_POINT_NAMES.map((name) => [name, check.vec2(o[name], `${path}.${name}`)] as const);
  if (entries.some(([, p]) => p === undefined)) return undefined;
  return Object.fromEntries(entries) as unknown as SixPoints;
}

function validateCobbLine(check: Checker, value: unknown, path: string): CobbLine | undefined {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === 'drawn') {
    const o = check.object(value, path, ['kind', 'from', 'to']);
    if (!o) return undefined;
    const from = check.vec2(o.from, `${path}.from`);
    const to = check.vec2(o.to, `${path}.to`);
    return from && to ? { kind, from, to } : undefined;
  }
  if (kind === 'endplate') {
    const o = check.object(value, path, ['kind', 'annotationId', 'endplate']);
    if (!o) return undefined;
    const annotationId = check.id(o.annotationId, `${path}.annotationId`);
    const endplate = check.oneOf(o.endplate, `${path}.endplate`, ['superior', 'inferior'] as const);
    return annotationId !== undefined && endplate !== undefined ? { kind, annotationId, endplate } : undefined;
  }
  return check.fail(`${path}.kind`, 'must be "drawn" or "endplate"');
}

const COMMON_KEYS = ['id', 'type', 'createdAt', 'plane'] as const;

function validateAnnotation(check: Checker, value: unknown, path: string): Annotation | undefined {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const fields: Record<string, { required: string[]; optional?: string[] }> = {
    vertebra: { required: ['level', 'points'], optional: ['finalGrade'] },
    cobb: { required: ['lines'] },
    length: { required: ['points'] },
    angle: { required: ['points'] },
    calibration: { required: ['points', 'knownLengthMm'] },
  };
  if (typeof type !== 'string' || !Object.hasOwn(fields, type)) {
    return check.fail(`${path}.type`, `must be one of ${Object.keys(fields).join(', ')}`);
  }
  const o = check.object(value, path, [...COMMON_KEYS, ...fields[type].required], fields[type].optional);
  if (!o) return undefined;
  const id = check.id(o.id, `${path}.id`);
  const createdAt = check.timestamp(o.createdAt, `${path}.createdAt`);
  const plane = validatePlane(check, o.plane, `${path}.plane`);
  if (id === undefined || createdAt === undefined || plane === undefined) return undefined;
  const base = { id, createdAt, plane };

  switch (type) {
    case 'vertebra': {
      const level = check.oneOf<VertebralLevel>(o.level, `${path}.level`, VERTEBRAL_LEVELS);
      const points = validateSixPoints(check, o.points, `${path}.points`);
      const finalGrade = o.finalGrade === undefined ? undefined : check.oneOf(o.finalGrade, `${path}.finalGrade`, READER_GRADES);
      if (level === undefined || points === undefined || (o.finalGrade !== undefined && finalGrade === undefined)) return undefined;
      return { ...base, type, level, points, ...(finalGrade === undefined ? {} : { finalGrade }) };
    }
    case 'cobb': {
      const lines = check.array(o.lines, `${path}.lines`, 2, 2);
      if (!lines) return undefined;
      const first = validateCobbLine(check, lines[0], `${path}.lines[0]`);
      const second = validateCobbLine(check, lines[1], `${path}.lines[1]`);
      return first && second ? { ...base, type, lines: [first, second] } : undefined;
    }
    case 'length': {
      const points = check.points(o.points, `${path}.points`, 2);
      return points ? { ...base, type, points: [points[0], points[1]] } : undefined;
    }
    case 'angle': {
      const points = check.points(o.points, `${path}.points`, 3);
      return points ? { ...base, type, points: [points[0], points[1], points[2]] } : undefined;
    }
    case 'calibration': {
      const points = check.points(o.points, `${path}.points`, 2);
      const knownLengthMm = check.positive(o.knownLengthMm, `${path}.knownLengthMm`, VALIDATION_LIMITS.maxKnownLengthMm);
      return points && knownLengthMm !== undefined ? { ...base, type, points: [points[0], points[1]], knownLengthMm } : undefined;
    }
  }
  return undefined;
}

/** Ids are unique, and every endplate a Cobb line follows belongs to a vertebra annotation of the document. */
function checkReferences(check: Checker, annotations: readonly Annotation[]): void {
  const byId = new Map<string, Annotation>();
  annotations.forEach((a, i) => {
    if (byId.has(a.id)) check.fail(`annotations[${i}].id`, `"${a.id}" is used twice`);
    byId.set(a.id, a);
  });
  annotations.forEach((a, i) => {
    if (a.type !== 'cobb') return;
    a.lines.forEach((line, j) => {
      if (line.kind === 'endplate' && byId.get(line.annotationId)?.type !== 'vertebra') {
        check.fail(`annotations[${i}].lines[${j}].annotationId`, `"${line.annotationId}" is not a vertebra annotation of this study`);
      }
    });
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
    const dangling = a.type === 'cobb' && a.lines.some((l) => l.kind === 'endplate' && !vertebraIds.has(l.annotationId));
    if (dangling || seen.has(a.id)) skipped.push(`annotation "${a.id}": ${dangling ? 'follows a vertebra that was skipped' : 'repeats an id'}`);
    const keep = !dangling && !seen.has(a.id);
    seen.add(a.id);
    return keep;
  });
  return { document: { ...document, annotations }, skipped };
}
