import cornerstone from 'cornerstone-core';
import type { Viewport as CsViewport } from 'cornerstone-core';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where an image point lands on the canvas for a given viewport translation. */
export type CanvasPointWith = (translation: Point) => Point;

/**
 * The translation that puts an image point on `target`. cornerstone-core applies the translation in image
 * pixels, stretched along the finer pixel side for non-square pixels and turned with the rotation
 * (internal/calculateTransform.js: translate(centre) · rotate · scale(widthScale, heightScale) · unrotate ·
 * translate(translation) · ...), so a screen step is not a translation step times the zoom. The canvas point
 * is an affine function of the translation, c(t) = c(0) + M·t: three probes give c(0) and M, and solving
 * M·t = target − c(0) (Cramer's rule) is exact on every plane, rotation and flip.
 */
export function translationPlacing(canvasPointWith: CanvasPointWith, target: Point): Point {
  const origin = canvasPointWith({ x: 0, y: 0 });
  const alongX = canvasPointWith({ x: 1, y: 0 });
  const alongY = canvasPointWith({ x: 0, y: 1 });
  const [a, c] = [alongX.x - origin.x, alongX.y - origin.y];
  const [b, d] = [alongY.x - origin.x, alongY.y - origin.y];
  const [ex, ey] = [target.x - origin.x, target.y - origin.y];
  const determinant = a * d - b * c;
  return { x: (ex * d - b * ey) / determinant, y: (a * ey - ex * c) / determinant };
}

/** `CanvasPointWith` for an image point of the image shown in `element`, with `viewport` in place of its own. */
export function canvasPointOf(element: HTMLElement, viewport: CsViewport, imagePoint: Point): CanvasPointWith {
  const enabled = cornerstone.getEnabledElement(element);
  return (translation) =>
    cornerstone.internal.calculateTransform({ ...enabled, viewport: { ...viewport, translation } }).transformPoint(imagePoint.x, imagePoint.y) as Point;
}
