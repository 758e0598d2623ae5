/**
 * Arithmetic on points and directions in patient coordinates (DICOM LPS, millimetres; PS3.3 C.7.6.2.1.1).
 * Tuples, like Image Position (Patient) as read by shared/dicom/header.ts. Not for hot loops: every call
 * allocates.
 */
import type { Vec3 } from '../dicom/header';

export type { Vec3 };

export function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale(v: Vec3, factor: number): Vec3 {
  return [v[0] * factor, v[1] * factor, v[2] * factor];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function normalize(v: Vec3): Vec3 {
  return scale(v, 1 / length(v));
}

/** Angle between two directions in degrees, 0–180. */
export function angleDeg(a: Vec3, b: Vec3): number {
  const cosine = dot(a, b) / (length(a) * length(b));
  return (Math.acos(Math.min(1, Math.max(-1, cosine))) * 180) / Math.PI;
}
