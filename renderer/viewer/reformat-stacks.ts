import cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import type { InstanceHeader } from '../../shared/dicom/header';
import { buildVolume, isVolume, type Volume } from '../../shared/volume/volume';
import { planeIndexRange, reslice, resliceGeometry, type AnatomicalPlane, type ResliceGeometry, type ResliceImage } from '../../shared/volume/reslice';
import { frameForImageId } from './cornerstone-image';
import type { Stack } from './stack';

/**
 * Sagittal, coronal and axial planes reconstructed from a stack (MPR). The volume is assembled once
 * per stack; each plane is resliced when cornerstone first asks for it, and cached by cornerstone.
 * Image ids: `spinelab-mpr:<reformat id>:<layer index>`.
 */
export const MPR_SCHEME = 'spinelab-mpr';

/**
 * Planes are shown on near-square pixels, interpolated linearly across thick slices, so that 3 mm slices do
 * not show as stair-steps; the headers describe that grid, so measurements on it are in true millimetres.
 */
const DISPLAY_SAMPLING = { interpolateAcrossSlices: true } as const;

export interface Slab {
  readonly thicknessMm: number;
  readonly mode: 'average' | 'mip';
}

interface Reformat {
  readonly volume: Volume;
  readonly plane: AnatomicalPlane;
  readonly slab: Slab;
  readonly template: InstanceHeader;
}

/** Where the study's stacks live (the study store, which connects itself): a reformat is found from its image id. */
let stackOf: (key: string) => Stack | undefined = () => undefined;

export function connectStacks(lookup: (key: string) => Stack | undefined): void {
  stackOf = lookup;
}

/** Volumes built so far, kept as long as their stack is (a stack is replaced, not changed, as slices arrive). */
const volumes = new WeakMap<Stack, Volume | { error: string }>();

/** The stack's voxel grid (built once and kept), or why it has none. */
export function volumeOf(stack: Stack): Volume | { error: string } {
  let v = volumes.get(stack);
  if (!v) {
    const slices = stack.imageIds.map(frameForImageId);
    v = slices.every((s) => s !== undefined)
      ? buildVolume(slices as { header: InstanceHeader; frame: NonNullable<ReturnType<typeof frameForImageId>>['frame'] }[])
      : { error: 'the series is still loading' };
    if (isVolume(v) || !v.error.includes('loading')) volumes.set(stack, v);
  }
  return v;
}

/** The header of one reformatted layer; `sliceThicknessMm` is the slab actually averaged, or the layer step. */
function headerFor(template: InstanceHeader, geometry: ResliceGeometry, sliceThicknessMm: number): InstanceHeader {
  return {
    ...template,
    imagePositionPatient: geometry.origin,
    imageOrientationPatient: [...geometry.rowDirection, ...geometry.columnDirection] as InstanceHeader['imageOrientationPatient'],
    rows: geometry.height,
    columns: geometry.width,
    numberOfFrames: 1,
    spacing: {
      rowMm: geometry.rowSpacingMm,
      columnMm: geometry.columnSpacingMm,
      source: template.spacing.source,
      note: `Reformatted from ${template.spacing.note}`,
    },
    sliceThickness: sliceThicknessMm,
    rescaleSlope: 1,
    rescaleIntercept: 0,
  };
}

/** A stack of reformatted planes, or the reason the source cannot be reformatted without distortion. */
export function reformatStack(source: Stack, plane: AnatomicalPlane, slab: Slab): Stack | { error: string } {
  const volume = volumeOf(source);
  if (!isVolume(volume)) return { error: `This series cannot be reformatted: ${volume.error}.` };
  const id = `${source.key}|${plane}|${slab.thicknessMm}|${slab.mode}`;
  const template = source.headers[0];
  const { first, last, stepMm } = planeIndexRange(volume, plane);
  // A slab is a whole number of layers, the same for every layer: the thickness the images really have.
  const thicknessMm = slab.thicknessMm > 0 ? resliceGeometry(volume, plane, { index: first }, { slab, ...DISPLAY_SAMPLING }).slabThicknessMm : stepMm;
  const headers: InstanceHeader[] = [];
  const imageIds: string[] = [];
  for (let i = first; i <= last; i++) {
    // Each layer is placed at its own plane (not at the centre of its slab, which stops at the volume's ends),
    // so that every layer keeps its own position and annotations stay on the plane they were drawn on.
    headers.push(headerFor(template, resliceGeometry(volume, plane, { index: i }, DISPLAY_SAMPLING), thicknessMm));
    imageIds.push(`${MPR_SCHEME}:${id}:${i}`);
  }
  const name = plane[0].toUpperCase() + plane.slice(1);
  return {
    key: `${source.key}::${plane}`,
    seriesInstanceUid: source.seriesInstanceUid,
    studyInstanceUid: source.studyInstanceUid,
    description: `${name} reformat of ${source.description || 'series'}${slab.thicknessMm > 0 ? ` (${slab.thicknessMm} mm ${slab.mode === 'mip' ? 'MIP' : 'average'})` : ''}`,
    modality: source.modality,
    seriesNumber: source.seriesNumber,
    imageIds,
    headers,
    frameIndices: imageIds.map(() => 0),
    reformat: { sourceKey: source.key, orientation: plane },
  };
}

/** The reformat and layer an image id names: `<source key>|<plane>|<slab mm>|<slab mode>:<layer>`. */
function layerOf(imageId: string): { reformat: Reformat; index: number } | undefined {
  if (!imageId.startsWith(`${MPR_SCHEME}:`)) return undefined;
  const rest = imageId.slice(MPR_SCHEME.length + 1);
  const cut = rest.lastIndexOf(':');
  const [mode, thickness, plane, ...key] = rest.slice(0, cut).split('|').reverse();
  const source = stackOf(key.reverse().join('|'));
  const volume = source && volumeOf(source);
  if (!source || !volume || !isVolume(volume)) return undefined;
  const reformat = { volume, plane: plane as AnatomicalPlane, slab: { thicknessMm: Number(thickness), mode: mode as Slab['mode'] }, template: source.headers[0] };
  return { reformat, index: Number(rest.slice(cut + 1)) };
}

/**
 * A reformat image's plane on the volume's own grid, without interpolation across slices: for analysis that
 * models how the slices sampled the anatomy (shared/assist/cortex-edge.ts), which interpolated rows would blur.
 */
export function reformatOnAcquiredGrid(imageId: string): ResliceImage | undefined {
  const layer = layerOf(imageId);
  if (!layer) return undefined;
  const { volume, plane, slab } = layer.reformat;
  return reslice(volume, plane, { index: layer.index }, slab.thicknessMm > 0 ? { slab } : {});
}

function loadReformatImage(imageId: string) {
  const layer = layerOf(imageId);
  if (!layer) return { promise: Promise.reject(new Error('This reformat is no longer available')) };
  const { volume, plane, slab, template } = layer.reformat;
  const image = reslice(volume, plane, { index: layer.index }, slab.thicknessMm > 0 ? { slab, ...DISPLAY_SAMPLING } : DISPLAY_SAMPLING);
  // Float volumes are shown through a fixed scale, since cornerstone-core indexes its LUT by pixel value.
  const scaleToInt = image.pixels instanceof Float32Array;
  const slope = scaleToInt ? Math.max(1e-6, (image.max - image.min) / 65535) : 1;
  const intercept = scaleToInt ? image.min : 0;
  const pixels = scaleToInt ? Uint16Array.from(image.pixels, (v) => Math.round((v - intercept) / slope)) : image.pixels;
  const win =
    template.windowCenter !== undefined && template.windowWidth !== undefined
      ? { center: template.windowCenter, width: template.windowWidth }
      : { center: (image.min + image.max) / 2, width: Math.max(1, image.max - image.min) };
  const result = {
    imageId,
    minPixelValue: scaleToInt ? 0 : image.min,
    maxPixelValue: scaleToInt ? 65535 : image.max,
    slope,
    intercept,
    windowCenter: win.center,
    windowWidth: win.width,
    getPixelData: () => pixels as unknown as number[],
    rows: image.height,
    columns: image.width,
    height: image.height,
    width: image.width,
    color: false,
    rgba: false,
    invert: false,
    columnPixelSpacing: image.columnSpacingMm,
    rowPixelSpacing: image.rowSpacingMm,
    sizeInBytes: pixels.byteLength,
  };
  return { promise: Promise.resolve(result as unknown as Image) };
}

let registered = false;
export function registerReformatLoader(): void {
  if (registered) return;
  registered = true;
  cornerstone.registerImageLoader(MPR_SCHEME, loadReformatImage as never);
}
