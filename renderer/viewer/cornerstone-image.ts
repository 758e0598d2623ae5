import cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import type { InstanceHeader } from '../../shared/dicom/header';
import { frameRange, type DecodedFrame } from '../../shared/dicom/pixel-types';

/**
 * Our image loader for cornerstone-core: images are decoded by the worker pool before they
 * are asked for, so loading is a lookup. Image ids: `spinelab:<instance key>:<frame index>`.
 */
export const IMAGE_SCHEME = 'spinelab';

export interface FrameSource {
  readonly header: InstanceHeader;
  readonly frames: readonly DecodedFrame[];
}

/** Where decoded instances live (the study store, which connects itself): looked up, never copied here. */
let sourceOf: (instanceKey: string) => FrameSource | undefined = () => undefined;

export function connectFrameSources(lookup: (instanceKey: string) => FrameSource | undefined): void {
  sourceOf = lookup;
}

export function imageIdFor(instanceKey: string, frameIndex: number): string {
  return `${IMAGE_SCHEME}:${instanceKey}:${frameIndex}`;
}

/** Drops cornerstone's images of a study that is closed or replaced. */
export function purgeImageCache(): void {
  cornerstone.imageCache.purgeCache();
}

/** The decoded frame behind one of our image ids, for building volumes from a stack. */
export function frameForImageId(imageId: string): { header: InstanceHeader; frame: DecodedFrame } | undefined {
  if (!imageId.startsWith(`${IMAGE_SCHEME}:`)) return undefined;
  const { key, frame } = parseImageId(imageId);
  const source = sourceOf(key);
  const decoded = source?.frames[frame];
  return source && decoded ? { header: source.header, frame: decoded } : undefined;
}

function parseImageId(imageId: string): { key: string; frame: number } {
  const last = imageId.lastIndexOf(':');
  return { key: imageId.slice(IMAGE_SCHEME.length + 1, last), frame: Number(imageId.slice(last + 1)) };
}

/** Interleaved RGB (8 or 16 bits a sample) to the RGBA bytes cornerstone draws colour images from. */
function toRgba(pixels: DecodedFrame['pixels'], count: number, bitsStored: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(count * 4);
  const shift = Math.max(0, bitsStored - 8);
  for (let i = 0, j = 0; i < count; i++, j += 3) {
    rgba[i * 4] = pixels[j] >> shift;
    rgba[i * 4 + 1] = pixels[j + 1] >> shift;
    rgba[i * 4 + 2] = pixels[j + 2] >> shift;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** A default window from the stored range when the file gives none (modality units, after rescale). */
export function defaultWindow(header: InstanceHeader, frame: DecodedFrame): { center: number; width: number } {
  if (header.windowCenter !== undefined && header.windowWidth !== undefined && header.windowWidth > 1) {
    return { center: header.windowCenter, width: header.windowWidth };
  }
  const { minValue, maxValue } = frameRange(frame);
  const lo = minValue * header.rescaleSlope + header.rescaleIntercept;
  const hi = maxValue * header.rescaleSlope + header.rescaleIntercept;
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}

export function buildCornerstoneImage(imageId: string, header: InstanceHeader, frame: DecodedFrame): Image {
  const color = frame.samplesPerPixel === 3;
  const pixelCount = frame.rows * frame.columns;
  const pixelData = color ? toRgba(frame.pixels, pixelCount, header.bitsStored) : frame.pixels;
  const win = color ? { center: 128, width: 256 } : defaultWindow(header, frame);
  const range = color ? { minValue: 0, maxValue: 255 } : frameRange(frame);
  const spacing = header.spacing;
  const image = {
    imageId,
    minPixelValue: Math.floor(range.minValue),
    maxPixelValue: Math.ceil(range.maxValue),
    slope: color ? 1 : header.rescaleSlope,
    intercept: color ? 0 : header.rescaleIntercept,
    windowCenter: win.center,
    windowWidth: win.width,
    getPixelData: () => pixelData as unknown as number[],
    rows: frame.rows,
    columns: frame.columns,
    height: frame.rows,
    width: frame.columns,
    color,
    rgba: color,
    invert: header.photometricInterpretation === 'MONOCHROME1',
    columnPixelSpacing: spacing.columnMm,
    rowPixelSpacing: spacing.rowMm,
    sizeInBytes: pixelData.byteLength,
  };
  return image as unknown as Image;
}

function loadImage(imageId: string) {
  const found = frameForImageId(imageId);
  const promise = found
    ? Promise.resolve(buildCornerstoneImage(imageId, found.header, found.frame))
    : Promise.reject(new Error(`Image ${imageId} is not loaded`));
  return { promise };
}

let registered = false;
export function registerImageLoader(): void {
  if (registered) return;
  registered = true;
  cornerstone.registerImageLoader(IMAGE_SCHEME, loadImage as never);
  // Images are views on frames the store already holds; the cache only needs the ones on screen.
  cornerstone.imageCache.setMaximumSizeBytes(256 * 1024 * 1024);
}
