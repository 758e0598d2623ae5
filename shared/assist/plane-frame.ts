/**
 * Millimetre geometry on one image: a local frame (u towards anterior, v towards superior, both in mm,
 * orthonormal) anchored at a point, and bilinear sampling of the image at frame positions. Working in mm
 * keeps search radii, profile steps and fits right on non-square pixels (DICOM PS3.3 §10.7.1.3).
 */
import type { PixelSpacing } from '../calibration';
import { toMillimetres } from '../measure/units';
import type { ImageOrientation, Vec2 } from '../measure/types';
import type { PlaneImage } from './types';

/** Unit vectors in image mm space (x along columns, y along rows). */
export interface Frame {
  readonly origin: Vec2;
  readonly anterior: Vec2;
  readonly superior: Vec2;
}

function unit(v: Vec2): Vec2 {
  const length = Math.hypot(v.x, v.y);
  if (!(length > 0)) throw new RangeError('A direction of the image has no length');
  return { x: v.x / length, y: v.y / length };
}

/** Superior as given; anterior made perpendicular to it, on the side the caller's anterior points to. */
export function orthonormalAxes(orientation: ImageOrientation, spacing: PixelSpacing): { anterior: Vec2; superior: Vec2 } {
  const superior = unit(toMillimetres(orientation.superior, spacing));
  const a = toMillimetres(orientation.anterior, spacing);
  const along = a.x * superior.x + a.y * superior.y;
  return { anterior: unit({ x: a.x - along * superior.x, y: a.y - along * superior.y }), superior };
}

/** The same frame turned by `radians` (positive turns superior towards anterior). */
export function turnFrame(frame: Frame, radians: number): Frame {
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  const { anterior: a, superior: u } = frame;
  return {
    origin: frame.origin,
    superior: { x: u.x * c + a.x * s, y: u.y * c + a.y * s },
    anterior: { x: a.x * c - u.x * s, y: a.y * c - u.y * s },
  };
}

/** Image mm position of frame coordinates (u, v). */
export function frameToMm(frame: Frame, u: number, v: number): Vec2 {
  return { x: frame.origin.x + u * frame.anterior.x + v * frame.superior.x, y: frame.origin.y + u * frame.anterior.y + v * frame.superior.y };
}

export function mmToFrame(frame: Frame, p: Vec2): { u: number; v: number } {
  const dx = p.x - frame.origin.x;
  const dy = p.y - frame.origin.y;
  return { u: dx * frame.anterior.x + dy * frame.anterior.y, v: dx * frame.superior.x + dy * frame.superior.y };
}

/** Millimetres per column and per row; an uncalibrated image is measured in pixels (1 × 1). */
export function pixelSize(spacing: PixelSpacing): Vec2 {
  return toMillimetres({ x: 1, y: 1 }, spacing);
}

/**
 * Bilinear value at an image mm position, or NaN outside the pixel centres. Annotation points put the
 * centre of pixel (c, r) at (c + 0.5, r + 0.5), so mm position m is pixel index m / size − 0.5.
 */
export function sampleAtMm(image: PlaneImage, size: Vec2, p: Vec2): number {
  const fx = p.x / size.x - 0.5;
  const fy = p.y / size.y - 0.5;
  if (!(fx >= 0 && fy >= 0 && fx <= image.width - 1 && fy <= image.height - 1)) return NaN;
  const x0 = Math.min(image.width - 2, Math.floor(fx));
  const y0 = Math.min(image.height - 2, Math.floor(fy));
  const tx = fx - x0;
  const ty = fy - y0;
  const i = y0 * image.width + x0;
  const px = image.pixels;
  const top = px[i] + (px[i + 1] - px[i]) * tx;
  const bottom = px[i + image.width] + (px[i + image.width + 1] - px[i + image.width]) * tx;
  return top + (bottom - top) * ty;
}

/** Pixel point (annotation convention) of an image mm position. */
export function mmToPixelPoint(size: Vec2, p: Vec2): Vec2 {
  return { x: p.x / size.x, y: p.y / size.y };
}

export function pixelPointToMm(size: Vec2, p: Vec2): Vec2 {
  return { x: p.x * size.x, y: p.y * size.y };
}
