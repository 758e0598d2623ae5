import cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import type { InstanceHeader, Vec3 } from '../../shared/dicom/header';
import { buildVolume, isVolume, type Volume } from '../../shared/volume/volume';
import { planeIndexRange, positionOfIndex, reslice, type AnatomicalPlane, type ResliceImage } from '../../shared/volume/reslice';
import { frameForImageId } from './cornerstone-image';
import type { Stack } from './stack';

/**
 * Sagittal, coronal and axial planes reconstructed from a stack (MPR). The volume is assembled once
 * per stack; each plane is resliced when cornerstone first asks for it, and cached by cornerstone.
 * Image ids: `spinelab-mpr:<reformat id>:<layer index>`.
 */
export const MPR_SCHEME = 'spinelab-mpr';

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

const volumes = new Map<string, Volume | { error: string }>();
const reformats = new Map<string, Reformat>();

export function clearReformats(): void {
  volumes.clear();
  reformats.clear();
}

function volumeOf(stack: Stack): Volume | { error: string } {
  let v = volumes.get(stack.key);
  if (!v) {
    const slices = stack.imageIds.map(frameForImageId);
    v = slices.every((s) => s !== undefined)
      ? buildVolume(slices as { header: InstanceHeader; frame: NonNullable<ReturnType<typeof frameForImageId>>['frame'] }[])
      : { error: 'the series is still loading' };
    if (isVolume(v) || !v.error.includes('loading')) volumes.set(stack.key, v);
  }
  return v;
}

function headerFor(template: InstanceHeader, image: Pick<ResliceImage, 'origin' | 'rowDirection' | 'columnDirection' | 'rowSpacingMm' | 'columnSpacingMm' | 'width' | 'height' | 'slabThicknessMm'>, slab: Slab, stepMm: number): InstanceHeader {
  return {
    ...template,
    imagePositionPatient: image.origin,
    imageOrientationPatient: [...image.rowDirection, ...image.columnDirection] as InstanceHeader['imageOrientationPatient'],
    rows: image.height,
    columns: image.width,
    numberOfFrames: 1,
    spacing: {
      rowMm: image.rowSpacingMm,
      columnMm: image.columnSpacingMm,
      source: template.spacing.source,
      note: `Reformatted from ${template.spacing.note}`,
    },
    sliceThickness: slab.thicknessMm > 0 ? Math.max(slab.thicknessMm, stepMm) : stepMm,
    rescaleSlope: 1,
    rescaleIntercept: 0,
  };
}

const add = (a: Vec3, b: Vec3, k: number): Vec3 => [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];

/** A stack of reformatted planes, or the reason the source cannot be reformatted without distortion. */
export function reformatStack(source: Stack, plane: AnatomicalPlane, slab: Slab): Stack | { error: string } {
  const volume = volumeOf(source);
  if (!isVolume(volume)) return { error: `This series cannot be reformatted: ${volume.error}.` };
  const id = `${source.key}|${plane}|${slab.thicknessMm}|${slab.mode}`;
  const template = source.headers[0];
  reformats.set(id, { volume, plane, slab, template });
  const { first, last, stepMm } = planeIndexRange(volume, plane);
  // The geometry of every layer follows from the first: the plane moves along its normal.
  const base = reslice(volume, plane, { index: first });
  const headers: InstanceHeader[] = [];
  const imageIds: string[] = [];
  for (let i = first; i <= last; i++) {
    const shift = positionOfIndex(volume, plane, i) - base.positionMm;
    headers.push(headerFor(template, { ...base, origin: add(base.origin, base.normal, shift) }, slab, stepMm));
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

function loadReformatImage(imageId: string) {
  const rest = imageId.slice(MPR_SCHEME.length + 1);
  const cut = rest.lastIndexOf(':');
  const reformat = reformats.get(rest.slice(0, cut));
  if (!reformat) return { promise: Promise.reject(new Error('This reformat is no longer available')) };
  const { volume, plane, slab, template } = reformat;
  const image = reslice(volume, plane, { index: Number(rest.slice(cut + 1)) }, slab.thicknessMm > 0 ? { slab } : {});
  // Float volumes are shown through a fixed scale, since cornerstone-core indexes its LUT by pixel value.
  const scaleToInt = image.pixels instanceof Float32Array;
  const slope = scaleToInt ? Math.max(1e-6, (image.max - image.min) / 65535) : 1;
  const intercept = scaleToInt ? image.min : 0;
  const pixels = scaleToInt ? Uint16Array.from(image.pixels, (v) => Math.round((v - intercept) / slope)) : image.pixels;
  const header = headerFor(template, image, slab, 0);
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
    columnPixelSpacing: header.spacing.columnMm,
    rowPixelSpacing: header.spacing.rowMm,
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
