/**
 * Brings a stored document of any known version up to SCHEMA_VERSION, one ordered step at a time, then
 * validates the result. A document from a newer version is never rewritten: it opens read-only.
 */
import { sixPointsFromList } from '../measure/six-points';
import { SCHEMA_VERSION, type StudyAnnotations } from './types';
import { validateLeniently, validateStudyAnnotations } from './validate';

export type MigrationResult =
  | { readonly ok: true; readonly readOnly: false; readonly document: StudyAnnotations; readonly migratedFrom: number | null }
  | {
      readonly ok: true;
      readonly readOnly: true;
      /** What this version understands of it, or null when nothing can be shown. */
      readonly document: StudyAnnotations | null;
      readonly schemaVersion: number;
      readonly skipped: string[];
    }
  | { readonly ok: false; readonly errors: string[] };

interface MigrationStep {
  readonly from: number;
  /** Takes a document of version `from` and returns one of version `from + 1`. Must not mutate its input. */
  readonly migrate: (raw: Record<string, unknown>) => Record<string, unknown>;
}

type V0Point = [number, number];

function v0Point(value: unknown): unknown {
  return Array.isArray(value) && value.length === 2 ? { x: (value as V0Point)[0], y: (value as V0Point)[1] } : value;
}

function v0Points(value: unknown): unknown {
  return Array.isArray(value) ? value.map(v0Point) : value;
}

/**
 * v0, the prototype format: no schemaVersion; only acquired images, named by flat sopInstanceUid /
 * seriesInstanceUid / frameIndex fields; points as [x, y] arrays (six in a fixed order for a vertebra,
 * four for a Cobb angle's two drawn lines); the reader's grade called `grade`.
 * Anything the step does not recognise is passed on unchanged, for validation to report.
 */
function v0AnnotationToV1(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { sopInstanceUid, seriesInstanceUid, frameIndex, points, grade, ...rest } = raw as Record<string, unknown>;
  const plane = { kind: 'image', seriesInstanceUid, sopInstanceUid, frameIndex: frameIndex ?? 0 };
  const converted = v0Points(points);
  switch (rest.type) {
    case 'vertebra': {
      // v0 wrote the six points as an array in the order a reader places them (SIX_POINT_NAMES).
      const six = Array.isArray(converted) && converted.length === 6 ? sixPointsFromList(converted) : converted;
      return { ...rest, plane, points: six, ...(grade === undefined ? {} : { finalGrade: grade }) };
    }
    case 'cobb': {
      const lines = Array.isArray(converted) && converted.length === 4
        ? [
            { kind: 'drawn', from: converted[0], to: converted[1] },
            { kind: 'drawn', from: converted[2], to: converted[3] },
          ]
        : converted;
      return { ...rest, plane, lines };
    }
    default:
      return { ...rest, plane, points: converted };
  }
}

/** Ordered: step i takes version i to version i + 1. */
const MIGRATION_STEPS: readonly MigrationStep[] = [
  {
    from: 0,
    migrate: (raw) => ({
      ...raw,
      schemaVersion: 1,
      annotations: Array.isArray(raw.annotations) ? raw.annotations.map(v0AnnotationToV1) : raw.annotations,
    }),
  },
];

/** The version a stored document claims; a missing field means the prototype format, v0. */
function versionOf(raw: Record<string, unknown>): number | string {
  if (!Object.hasOwn(raw, 'schemaVersion')) return 0;
  const v = raw.schemaVersion;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : `schemaVersion ${JSON.stringify(v)} is not a version number`;
}

export function migrate(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: ['document: must be an object'] };
  const version = versionOf(raw as Record<string, unknown>);
  if (typeof version === 'string') return { ok: false, errors: [`document: ${version}`] };
  if (version > SCHEMA_VERSION) {
    const { document, skipped } = validateLeniently(raw);
    return { ok: true, readOnly: true, document, schemaVersion: version, skipped };
  }
  let current = raw as Record<string, unknown>;
  for (const step of MIGRATION_STEPS) {
    if (step.from >= version) current = step.migrate(current);
  }
  const checked = validateStudyAnnotations(current);
  if (!checked.ok) {
    return { ok: false, errors: version === SCHEMA_VERSION ? checked.errors : [`after migrating from version ${version}:`, ...checked.errors] };
  }
  return { ok: true, readOnly: false, document: checked.value, migratedFrom: version === SCHEMA_VERSION ? null : version };
}
