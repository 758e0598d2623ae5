import { encodeGreyscalePng } from './png';

export interface ThumbnailSource {
  readonly values: ArrayLike<number>;
  readonly columns: number;
  readonly rows: number;
  /** Physical size of a pixel along a row (between columns) and down a column (between rows). */
  readonly columnSpacing: number;
  readonly rowSpacing: number;
  readonly windowCenter: number;
  readonly windowWidth: number;
}

const THUMBNAIL_WIDTH = 160;

/** A small windowed PNG with the true aspect ratio, each output pixel the mean of the pixels it covers. */
export function thumbnailPng(source: ThumbnailSource): Uint8Array {
  const width = THUMBNAIL_WIDTH;
  const height = Math.max(1, Math.round((width * source.rows * source.rowSpacing) / (source.columns * source.columnSpacing)));
  const out = new Uint8Array(width * height);
  const low = source.windowCenter - source.windowWidth / 2;
  for (let r = 0; r < height; r++) {
    const r0 = Math.floor((r * source.rows) / height);
    const r1 = Math.max(r0 + 1, Math.floor(((r + 1) * source.rows) / height));
    for (let c = 0; c < width; c++) {
      const c0 = Math.floor((c * source.columns) / width);
      const c1 = Math.max(c0 + 1, Math.floor(((c + 1) * source.columns) / width));
      let sum = 0;
      for (let y = r0; y < r1; y++) for (let x = c0; x < c1; x++) sum += source.values[y * source.columns + x];
      const mean = sum / ((r1 - r0) * (c1 - c0));
      out[r * width + c] = Math.round(Math.min(255, Math.max(0, ((mean - low) / source.windowWidth) * 255)));
    }
  }
  return encodeGreyscalePng(width, height, out);
}
