import type { DecodedFrame } from '../../shared/dicom/pixel-types';
import type { InstanceHeader } from '../../shared/dicom/header';
import { defaultWindow } from './cornerstone-image';

/** A small greyscale (or colour) preview of a frame, windowed as the viewer would show it. */
export function thumbnailPixels(header: InstanceHeader, frame: DecodedFrame, size: number): ImageData {
  const scale = Math.min(size / frame.columns, size / frame.rows);
  const w = Math.max(1, Math.round(frame.columns * scale));
  const h = Math.max(1, Math.round(frame.rows * scale));
  const out = new ImageData(w, h);
  const { center, width } = defaultWindow(header, frame);
  const lo = center - width / 2;
  const invert = header.photometricInterpretation === 'MONOCHROME1';
  const colour = frame.samplesPerPixel === 3;
  const shift = Math.max(0, header.bitsStored - 8);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(frame.rows - 1, Math.floor(y / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(frame.columns - 1, Math.floor(x / scale));
      const o = (y * w + x) * 4;
      if (colour) {
        const i = (sy * frame.columns + sx) * 3;
        out.data[o] = frame.pixels[i] >> shift;
        out.data[o + 1] = frame.pixels[i + 1] >> shift;
        out.data[o + 2] = frame.pixels[i + 2] >> shift;
      } else {
        const v = frame.pixels[sy * frame.columns + sx] * header.rescaleSlope + header.rescaleIntercept;
        let g = Math.max(0, Math.min(255, ((v - lo) / width) * 255));
        if (invert) g = 255 - g;
        out.data[o] = out.data[o + 1] = out.data[o + 2] = g;
      }
      out.data[o + 3] = 255;
    }
  }
  return out;
}
