/**
 * The field checks every validator of annotation data uses: exact types, finite numbers, known keys only,
 * capped strings and arrays. Each check records a readable error at its path and returns undefined.
 */
import type { Vec2 } from '../measure/types';
import type { Vec3 } from './types';

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

const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const ISO_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class Checker {
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

