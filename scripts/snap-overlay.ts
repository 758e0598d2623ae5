/**
 * Looks at edge snapping on the sample cases: for each radiograph or MR vertebra whose series matches the
 * filter, a PNG of the region around it, magnified, with the ground truth (green +), the rough points the
 * test perturbs from it (red ×) and where they snapped (yellow +), and its errors.
 *
 *   npx tsx scripts/snap-overlay.ts "MR SAG STIR" /tmp/snap [first seed]   (writes /tmp/snap/<series>-<level>.png)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SIX_POINT_NAMES } from '../shared/measure/six-points';
import type { SixPoints } from '../shared/measure/types';
import { percentiles } from '../samples/modalities/image-filters';
import { encodeRgbPng } from '../samples/png';
import { snapSampleCases } from '../tests/unit/assist/snap-sample-cases';

const [filter = 'MR', outDir = '/tmp/snap-overlay', firstSeed = '1'] = process.argv.slice(2);
const ZOOM = 8;
const MARGIN_PIXELS = 8;
type Colour = readonly [number, number, number];
const TRUTH: Colour = [0, 230, 0];
const ROUGH: Colour = [255, 40, 40];
const SNAPPED: Colour = [255, 230, 0];

const snaps = (await snapSampleCases(Number(firstSeed))).filter((s) => s.modality.includes(filter));
mkdirSync(outDir, { recursive: true });
for (const s of snaps) {
  const { image } = s;
  const all = [s.truth, s.rough, s.snapped].flatMap((p) => SIX_POINT_NAMES.map((n) => p[n]));
  const x0 = Math.max(0, Math.floor(Math.min(...all.map((p) => p.x))) - MARGIN_PIXELS);
  const y0 = Math.max(0, Math.floor(Math.min(...all.map((p) => p.y))) - MARGIN_PIXELS);
  const x1 = Math.min(image.width, Math.ceil(Math.max(...all.map((p) => p.x))) + MARGIN_PIXELS);
  const y1 = Math.min(image.height, Math.ceil(Math.max(...all.map((p) => p.y))) + MARGIN_PIXELS);
  const width = (x1 - x0) * ZOOM;
  const height = (y1 - y0) * ZOOM;
  const region: number[] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) region.push(image.pixels[y * image.width + x]);
  const [low, high] = percentiles(region, [0.01, 0.99], 1);
  const rgb = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = image.pixels[(y0 + Math.floor(r / ZOOM)) * image.width + x0 + Math.floor(c / ZOOM)];
      const g = Math.round(255 * Math.min(1, Math.max(0, (v - low) / Math.max(1, high - low))));
      rgb.fill(g, (r * width + c) * 3, (r * width + c) * 3 + 3);
    }
  }
  const put = (c: number, r: number, colour: Colour) => {
    if (c >= 0 && r >= 0 && c < width && r < height) rgb.set(colour, (r * width + c) * 3);
  };
  const mark = (points: SixPoints, colour: Colour, diagonal: boolean) => {
    for (const name of SIX_POINT_NAMES) {
      const c = Math.round((points[name].x - x0) * ZOOM);
      const r = Math.round((points[name].y - y0) * ZOOM);
      for (let k = -5; k <= 5; k++) {
        if (diagonal) {
          put(c + k, r + k, colour);
          put(c + k, r - k, colour);
        } else {
          put(c + k, r, colour);
          put(c, r + k, colour);
        }
      }
    }
  };
  mark(s.rough, ROUGH, true);
  mark(s.truth, TRUTH, false);
  mark(s.snapped, SNAPPED, false);
  const e = s.errors;
  const file = path.join(outDir, `${`${s.modality} ${e.label.split(' ').pop()}`.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
  writeFileSync(file, encodeRgbPng(width, height, rgb));
  console.log(`${e.label.padEnd(44)} height ${e.heightMm.toFixed(2)} mm  angle ${e.angleDeg.toFixed(2)}°  points ${e.meanPointMmBefore.toFixed(2)} → ${e.meanPointMmAfter.toFixed(2)} mm  ${file}`);
}
