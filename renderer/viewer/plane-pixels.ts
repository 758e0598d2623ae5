import cornerstone from 'cornerstone-core';
import type { ResliceImage } from '../../shared/volume/reslice';
import { reformatOnAcquiredGrid } from './reformat-stacks';

export interface ShownPixels {
  readonly width: number;
  readonly height: number;
  /** Modality values (HU on CT): stored value × Rescale Slope + Rescale Intercept, row by row. */
  readonly values: Float32Array;
}

/** The greyscale image shown in a viewport element, in modality values; undefined for colour or no image. */
export function shownPixels(element: HTMLElement): ShownPixels | undefined {
  const image = cornerstone.getImage(element);
  if (!image || image.color) return undefined;
  const stored = image.getPixelData();
  const slope = image.slope ?? 1;
  const intercept = image.intercept ?? 0;
  const values = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) values[i] = stored[i] * slope + intercept;
  return { width: image.columns, height: image.rows, values };
}

/** For a reformat on screen, the same plane on the volume's own grid (see reformatOnAcquiredGrid). */
export function shownPlaneOnAcquiredGrid(element: HTMLElement): ResliceImage | undefined {
  const image = cornerstone.getImage(element);
  return image ? reformatOnAcquiredGrid(image.imageId) : undefined;
}
